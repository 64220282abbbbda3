//! The check against the law: a source holding everything 個人情報保護法 requires passes
//! with no finding, and taking out each required element raises exactly its finding, at
//! its place.

use mokuteki::build::BuildOptions;

use crate::support::fixture;

fn complete_yaml() -> String {
    std::fs::read_to_string(fixture("render/law/purposes.yaml")).unwrap()
}

/// The findings of `check` on `yaml`: (code, line), in file order.
fn findings(yaml: &str) -> Vec<(String, usize)> {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("purposes.yaml");
    std::fs::write(&source, yaml).unwrap();
    let report = mokuteki::check::check(&BuildOptions {
        source,
        out: dir.path().join("out"),
        ..BuildOptions::default()
    })
    .unwrap();
    report
        .diagnostics
        .iter()
        .map(|d| (d.problem.code(), d.line))
        .collect()
}

/// `yaml` with `from` (which must be there) replaced by `to`.
fn without(yaml: &str, from: &str, to: &str) -> String {
    assert!(yaml.contains(from), "the fixture has no {from:?}");
    yaml.replacen(from, to, 1)
}

/// The 1-based line of the first line of `yaml` that contains `marker`.
fn line_of(yaml: &str, marker: &str) -> usize {
    yaml.lines()
        .position(|l| l.contains(marker))
        .unwrap_or_else(|| panic!("no line contains {marker:?}"))
        + 1
}

#[test]
fn a_complete_source_passes_with_no_finding() {
    assert_eq!(findings(&complete_yaml()), []);
}

/// What is taken out, the source without it, the finding expected, and where in that
/// source the finding belongs.
type Case = (
    &'static str,
    String,
    &'static str,
    Box<dyn Fn(&str) -> usize>,
);

#[test]
fn each_missing_element_raises_exactly_its_warning_at_its_place() {
    let yaml = complete_yaml();
    let organization = line_of(&yaml, "organization:");
    let cases: Vec<Case> = vec![
        (
            "address",
            without(
                &yaml,
                "  address: 東京都千代田区霞が関一丁目2番3号\n  representative",
                "  representative",
            ),
            "law_holder",
            Box::new(move |_| organization),
        ),
        (
            "representative",
            without(
                &yaml,
                "  representative:\n    title: 理事長\n    name: 山田　太郎\n  contacts",
                "  contacts",
            ),
            "law_holder",
            Box::new(move |_| organization),
        ),
        (
            "contacts",
            without(
                &yaml,
                "  contacts:\n    - name: 個人情報相談窓口\n      phone: 03-1234-5678\n      hours: 平日9時から17時まで\n      email: privacy@midori-kenpo.example.jp\n      url: https://midori-kenpo.example.jp/privacy/\n",
                "",
            ),
            "law_contact",
            Box::new(move |_| organization),
        ),
        (
            "requests",
            {
                let start = yaml.find("  requests:").unwrap();
                let end = yaml.find("  complaints:").unwrap();
                format!("{}{}", &yaml[..start], &yaml[end..])
            },
            "law_requests",
            Box::new(|y| line_of(y, "  complaints:")),
        ),
        (
            "the fee",
            without(&yaml, "    fee: 無料\n", ""),
            "law_requests",
            Box::new(|y| line_of(y, "    where:")),
        ),
        (
            "complaints",
            without(
                &yaml,
                "  complaints: 個人情報相談窓口で受け付けます。\n",
                "",
            ),
            "law_complaints",
            Box::new(|y| line_of(y, "  requests:")),
        ),
        (
            "security",
            {
                let start = yaml.find("  security:").unwrap();
                let end = yaml.find("  accredited_body:").unwrap();
                format!("{}{}", &yaml[..start], &yaml[end..])
            },
            "law_security",
            Box::new(|y| line_of(y, "  requests:")),
        ),
        (
            "the security measures",
            {
                let start = yaml.find("    measures:").unwrap();
                let end = yaml.find("  accredited_body:").unwrap();
                format!(
                    "{}      []\n{}",
                    &yaml[..start].replace("  security:\n", "  security:\n    measures:\n"),
                    &yaml[end..]
                )
            },
            "law_security",
            Box::new(|y| line_of(y, "    measures:")),
        ),
        (
            "the basis of a provision of 要配慮 data",
            without(
                &yaml,
                "          sensitive: true\n          basis: consent\n",
                "          sensitive: true\n",
            ),
            "law_sensitive_without_basis",
            Box::new(|y| line_of(y, "コラボヘルス")),
        ),
        (
            "the basis of a provision in a 要配慮 category",
            without(&yaml, "          basis: outsourcing\n", ""),
            "law_sensitive_without_basis",
            Box::new(|y| line_of(y, "データ処理の外部委託")),
        ),
        (
            "the joint-use record of an item that speaks of 共同利用",
            {
                let start = yaml.find("joint_use:\n").unwrap();
                without(
                    &yaml[..start],
                    "            joint_use: kenporen",
                    "            law: 健康保険法",
                )
            },
            "law_joint_use_without_record",
            Box::new(|y| line_of(y, "との高額医療給付に係る共同利用")),
        ),
        (
            "the date established",
            without(&yaml, "established: 2005-04-01", "established: 2000-01-01"),
            "placeholder_date",
            Box::new(|y| line_of(y, "established:")),
        ),
        (
            "a text",
            without(
                &yaml,
                "東京都千代田区霞が関一丁目2番3号\n  representative",
                "東京都〇〇区〇〇\n  representative",
            ),
            "placeholder_text",
            Box::new(|y| line_of(y, "東京都〇〇区")),
        ),
    ];
    for (what, mutated, code, line) in cases {
        assert_eq!(
            findings(&mutated),
            [(code.to_owned(), line(&mutated))],
            "without {what}"
        );
    }
}

#[test]
/// An incomplete record is printed as written (an older page may name only the party
/// responsible): the check against the law warns at the record; the build goes on.
fn a_joint_use_record_lacking_a_particular_is_a_law_warning_at_the_record() {
    let yaml = complete_yaml();
    for (particular, from, to) in [
        (
            "statement",
            "    statement: 当組合は、高額医療給付の共同事業のため、次のとおり個人データを共同利用します。\n",
            "",
        ),
        (
            "items",
            "    items:\n      - 被保険者等の氏名、性別、生年月日\n      - 診療報酬明細書（レセプト）の情報\n",
            "",
        ),
        (
            "users",
            "    users: 健康保険組合連合会及び同連合会に加入する健康保険組合\n",
            "",
        ),
        (
            "purposes",
            "    purposes:\n      - 高額医療給付の共同事業における交付金の交付\n",
            "",
        ),
        (
            "responsible.name",
            "      name: みどり健康保険組合\n      address",
            "      address",
        ),
        (
            "responsible.address",
            "      address: 東京都千代田区霞が関一丁目2番3号\n      representative",
            "      representative",
        ),
        (
            "responsible.representative",
            "      representative:\n        title: 理事長\n        name: 山田　太郎\n",
            "",
        ),
    ] {
        let mutated = without(&yaml, from, to);
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("purposes.yaml");
        std::fs::write(&source, &mutated).unwrap();
        let report = mokuteki::check::check(&BuildOptions {
            source,
            out: dir.path().join("out"),
            ..BuildOptions::default()
        })
        .unwrap();
        let found: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.problem.code() == "joint_use_incomplete")
            .collect();
        assert_eq!(found.len(), 1, "without {particular}: {report:?}");
        let d = found[0];
        assert_eq!(
            d.line,
            line_of(&mutated, "  - id: kenporen"),
            "{particular}"
        );
        assert_eq!(
            serde_json::to_value(&d.problem).unwrap()["params"]["missing"],
            serde_json::json!([particular]),
            "{particular}"
        );
        assert_eq!(d.problem.code(), "joint_use_incomplete");
        assert!(d.problem.is_legal(), "{particular}");
        assert!(!report.fails(false), "an incomplete record is a warning");
        let japanese = d.problem.message(mokuteki::error::Lang::Ja);
        assert!(
            japanese.contains("個人情報保護法第27条第5項第3号"),
            "{japanese}"
        );
    }
}

#[test]
fn a_basis_naming_no_joint_use_record_is_an_error_at_the_name() {
    let yaml = without(
        &complete_yaml(),
        "joint_use: kenporen",
        "joint_use: kenpo_ren",
    );
    assert_eq!(
        findings(&yaml),
        [(
            "unknown_joint_use".to_owned(),
            line_of(&yaml, "joint_use: kenpo_ren")
        )]
    );
}

#[test]
fn the_basis_may_be_written_in_japanese() {
    let yaml = complete_yaml()
        .replacen("basis: outsourcing", "basis: 委託", 1)
        .replacen("basis: consent", "basis: 本人同意", 1)
        .replacen("joint_use: kenporen", "共同利用: kenporen", 1)
        .replacen("law: 健康保険法第57条", "法令: 健康保険法第57条", 1);
    assert_eq!(findings(&yaml), []);
}

#[test]
fn the_messages_cite_the_article() {
    use mokuteki::diagnostic::Problem;
    use mokuteki::error::Lang;
    let holder = Problem::LawHolder {
        missing: vec![
            "organization.address".into(),
            "organization.representative".into(),
        ],
    };
    assert!(
        holder
            .message(Lang::Ja)
            .starts_with("個人情報保護法第32条第1項第1号により、住所と代表者の氏名が必要です。")
    );
}
