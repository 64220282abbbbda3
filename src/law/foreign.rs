//! Provision to a third party in a foreign country (第28条): where a society does it, the
//! security measures it publishes include 外的環境の把握, what it knows of the country's
//! system for the protection of personal information (通則ガイドライン 10-7).

use serde_saphyr::Spanned;

use super::Findings;
use crate::error::Problem;
use crate::source::model::Source;

/// The words the measure is published under.
const EXTERNAL_ENVIRONMENT: &str = "外的環境の把握";

pub(super) fn check(source: &Source, findings: &mut Findings) {
    let Some(data) = &source.personal_data else {
        return;
    };
    let Some(foreign) = &data.value.foreign else {
        return;
    };
    // With no measures at all, the finding about the measures says it already.
    let Some(Spanned {
        value: security, ..
    }) = &data.value.security
    else {
        return;
    };
    if security.measures.is_empty() && security.on_request.is_none() {
        return;
    }
    let stated = security
        .measures
        .iter()
        .chain(&security.on_request)
        .any(|m| m.value.contains(EXTERNAL_ENVIRONMENT));
    if !stated {
        findings.at(foreign, Problem::LawForeignEnvironment);
    }
}
