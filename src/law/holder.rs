//! 第32条第1項: who the society is (1号), how to make requests (3号), and what the cabinet
//! order adds (4号, 施行令第10条): security measures and where to complain; and a contact
//! point to receive them.

use super::Findings;
use crate::error::Problem;
use crate::source::model::Source;

pub(super) fn check(source: &Source, findings: &mut Findings) {
    let organization = &source.organization;
    let mut missing = Vec::new();
    if organization.address.is_none() {
        missing.push("organization.address".to_owned());
    }
    if organization.representative.is_none() {
        missing.push("organization.representative".to_owned());
    }
    if !missing.is_empty() {
        findings.at_key("organization", Problem::LawHolder { missing });
    }
    if organization.contacts.is_empty() {
        findings.at_key("organization", Problem::LawContact);
    }

    let Some(personal_data) = &source.personal_data else {
        findings.at_key(
            "personal_data",
            Problem::LawRequests {
                missing: vec!["personal_data.requests".to_owned()],
            },
        );
        findings.at_key("personal_data", Problem::LawComplaints);
        findings.at_key("personal_data", Problem::LawSecurity);
        return;
    };
    match &personal_data.value.requests {
        None => findings.at(
            personal_data,
            Problem::LawRequests {
                missing: vec!["personal_data.requests".to_owned()],
            },
        ),
        Some(requests) => {
            let missing: Vec<String> = [
                ("where", requests.value.where_.is_none()),
                ("how", requests.value.how.is_none()),
                ("fee", requests.value.fee.is_none()),
            ]
            .into_iter()
            .filter(|(_, absent)| *absent)
            .map(|(key, _)| format!("personal_data.requests.{key}"))
            .collect();
            if !missing.is_empty() {
                findings.at(requests, Problem::LawRequests { missing });
            }
        }
    }
    if personal_data.value.complaints.is_none() {
        findings.at(personal_data, Problem::LawComplaints);
    }
    match &personal_data.value.security {
        None => findings.at(personal_data, Problem::LawSecurity),
        Some(security)
            if security.value.measures.is_empty() && security.value.on_request.is_none() =>
        {
            findings.at(security, Problem::LawSecurity);
        }
        Some(_) => {}
    }
}
