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
            .starts_with("個人情報保護法第32条第1項第1号により、住所及び代表者の氏名が必要です。")
    );
}

#[test]
fn an_application_day_before_the_revision_is_a_warning_and_a_day_of_effect_an_error() {
    let yaml = complete_yaml();
    let retroactive = without(
        &yaml,
        "      - date: 2024-11-01\n",
        "      - date: 2024-11-01\n        applies_from: 2024-10-01\n",
    );
    let found = findings(&retroactive);
    assert_eq!(
        found,
        [(
            "applies_before_revision".to_owned(),
            line_of(&retroactive, "applies_from:")
        )]
    );
    let early = without(
        &yaml,
        "      - date: 2024-11-01\n",
        "      - date: 2024-11-01\n        effective: 2024-10-01\n",
    );
    assert!(
        findings(&early)
            .iter()
            .any(|(code, _)| code == "effective_before_revision"),
        "{:?}",
        findings(&early)
    );
    let message = mokuteki::error::Problem::AppliesBeforeRevision {
        date: "2024-10-01".into(),
        revision: "2024-11-01".into(),
    };
    assert_eq!(message.severity(), mokuteki::error::Severity::Warning);
    let ja = message.message(mokuteki::diagnostic::Lang::Ja);
    assert!(ja.starts_with("適用日 2024-10-01 が改正日"), "{ja}");
    assert!(!ja.contains("改正日以後の日付にしてください"), "{ja}");
}

#[test]
fn a_new_purpose_names_the_exceptions_of_article_18_paragraph_3() {
    let case = fixture("compare/item-added");
    let out = tempfile::tempdir().unwrap();
    let run = crate::support::mokuteki(
        &case,
        &[
            "compare",
            "old.yaml",
            "new.yaml",
            "--out",
            out.path().join("r").to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let confirmation = json["confirmations"][0].to_string();
    assert!(
        confirmation.contains("Art. 18(3)") || confirmation.contains("第18条第3項"),
        "{confirmation}"
    );
}

#[test]
fn a_main_purposes_heading_beside_the_statement_of_all_purposes_is_a_warning() {
    let yaml = without(
        &complete_yaml(),
        "  purposes_heading: 当組合の利用目的\n",
        "  purposes_heading: 当組合の主な利用目的\n",
    );
    assert_eq!(
        findings(&yaml),
        [(
            "law_main_purposes".to_owned(),
            line_of(&yaml, "purposes_heading:")
        )]
    );
    // Without the legal section there is no statement to contradict.
    let plain = std::fs::read_to_string(crate::support::root().join("purposes.yaml")).unwrap();
    assert!(plain.contains("主な利用目的"));
    assert!(
        !findings(&plain)
            .iter()
            .any(|(code, _)| code == "law_main_purposes")
    );
}

#[test]
fn the_request_paragraph_speaks_of_the_law_as_it_reads_today() {
    let rendered = crate::support::render(&fixture("render/law/purposes.yaml"), None).unwrap();
    let notice = crate::support::output(&rendered, "notice.md");
    // 第32条第2項: the 利用目的の通知 is a 求め; 第33条から第35条まで: the rest are 請求;
    // 第37条: together 「開示等の請求等」.
    assert!(
        notice.contains("利用目的の通知の求め並びに開示（第三者提供記録の開示を含む。）、訂正等（訂正、追加又は削除）及び利用停止等（利用の停止、消去又は第三者への提供の停止）の請求（以下「開示等の請求等」という。）"),
        "{notice}"
    );
    // 第33条第1項: disclosure as an electronic record.
    assert!(notice.contains("電磁的記録の提供による方法"), "{notice}");
    // 第38条第1項: the fee applies to 通知 and 開示 only.
    assert!(
        notice.contains("利用目的の通知及び開示の手数料"),
        "{notice}"
    );
    assert!(!notice.contains("（以下「開示等」という。）"), "{notice}");
}

#[test]
fn a_basis_the_item_already_states_is_not_repeated() {
    let rendered = crate::support::render(&fixture("render/law/purposes.yaml"), None).unwrap();
    for name in ["notice.md", "notice.txt", "notice.html"] {
        let notice = crate::support::output(&rendered, name);
        assert!(!notice.contains("共同利用（共同利用）"), "{name}: {notice}");
        assert!(!notice.contains("外部委託（委託）"), "{name}: {notice}");
        assert!(notice.contains("外部委託"), "{name}");
        if name == "notice.txt" {
            continue; // wrapped into lines
        }
        // A basis the item does not state is still printed.
        assert!(notice.contains("（本人の同意に基づく提供）"), "{name}");
        assert!(
            notice.contains("（法令に基づく提供：健康保険法第57条）"),
            "{name}"
        );
    }
}

/// The complete source with `lines` added to the items given to other businesses under
/// 保健事業 (a category not marked 要配慮).
fn with_health_items(lines: &str) -> String {
    let anchor = "          sensitive: true\n          basis: consent\n";
    without(&complete_yaml(), anchor, &format!("{anchor}{lines}"))
}

#[test]
fn every_item_given_to_others_needs_a_basis_and_health_words_mark_it_sensitive() {
    let plain = with_health_items("        - 加入者名簿の事業主への提供\n");
    assert_eq!(
        findings(&plain),
        [(
            "law_provision_without_basis".to_owned(),
            line_of(&plain, "加入者名簿の事業主への提供")
        )]
    );
    // 健診 in its words: 要配慮, though neither it nor its category is marked.
    let health = with_health_items("        - 健診結果の集計の外部への提供\n");
    assert_eq!(
        findings(&health),
        [(
            "law_sensitive_without_basis".to_owned(),
            line_of(&health, "健診結果の集計の外部への提供")
        )]
    );
    // `sensitive: false` says otherwise.
    let stated = with_health_items(
        "        - text: 健診機関の所在地一覧の外部への提供\n          sensitive: false\n",
    );
    assert_eq!(
        findings(&stated),
        [(
            "law_provision_without_basis".to_owned(),
            line_of(&stated, "健診機関の所在地一覧")
        )]
    );
}

#[test]
fn an_item_of_specific_personal_information_may_not_rest_on_consent_or_joint_use() {
    let category = "  - id: mynumber\n    title: 特定個人情報\n    items:\n      other_businesses:\n        - text: 他機関との情報連携\n          basis:\n            law: 番号法第19条第8号\n        - text: 個人番号の事業主への提供\n          basis: consent\n        - text: 個人番号の連合会との共同利用\n          basis:\n            joint_use: kenporen\n";
    let yaml = without(
        &complete_yaml(),
        "\npersonal_data:\n",
        &format!("{category}\npersonal_data:\n"),
    );
    assert_eq!(
        findings(&yaml),
        [
            (
                "law_number_basis".to_owned(),
                line_of(&yaml, "個人番号の事業主への提供")
            ),
            (
                "law_number_basis".to_owned(),
                line_of(&yaml, "個人番号の連合会との共同利用")
            ),
        ]
    );
}

#[test]
fn implied_comprehensive_consent_is_a_basis_printed_with_the_way_to_disagree() {
    for basis in ["implied_consent", "黙示による包括的な同意"] {
        let yaml = with_health_items(&format!(
            "        - text: 付加給付の事業主の給与口座への振込\n          basis: {basis}\n"
        ));
        assert_eq!(findings(&yaml), [], "{basis}");
        let dir = tempfile::tempdir().unwrap();
        let source = dir.path().join("purposes.yaml");
        std::fs::write(&source, &yaml).unwrap();
        let rendered = crate::support::render(&source, None).unwrap();
        let notice = crate::support::output(&rendered, "notice.md");
        assert!(
            notice.contains("付加給付の事業主の給与口座への振込（黙示による包括的な同意に基づく提供。同意されない方は、お申し出ください。）"),
            "{notice}"
        );
    }
}

#[test]
fn provision_abroad_is_printed_and_needs_the_external_environment_among_the_measures() {
    let rendered = crate::support::render(&fixture("render/law/purposes.yaml"), None).unwrap();
    let notice = crate::support::output(&rendered, "notice.md");
    assert!(notice.contains("### 外国にある第三者への提供"), "{notice}");
    assert!(
        notice.contains("当組合は、次のとおり、外国にある第三者に個人データを提供します。"),
        "{notice}"
    );
    assert!(notice.contains("提供先の外国の名称"), "{notice}");
    let yaml = without(
        &complete_yaml(),
        "      - 外的環境の把握：",
        "      - 委託先の把握：",
    );
    assert_eq!(
        findings(&yaml),
        [(
            "law_foreign_environment".to_owned(),
            line_of(&yaml, "  foreign:") + 1
        )]
    );
}

#[test]
fn the_foreign_provision_names_the_society_when_it_has_no_short_name() {
    let yaml = std::fs::read_to_string(crate::support::fixture("render/law/purposes.yaml"))
        .unwrap()
        .replacen("  short_name: 当組合\n", "", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("purposes.yaml");
    std::fs::write(&path, yaml).unwrap();
    let rendered = crate::support::render(&path, None).unwrap();
    let txt = crate::support::output(&rendered, "notice.txt").replace('\n', "");
    assert!(
        txt.contains(
            "みどり健康保険組合は、次のとおり、外国にある第三者に個人データを提供します。"
        ),
        "{txt}"
    );
}
