//! `check`, `schema`, `--format json`, `--deny-warnings`, lint and the Japanese messages.

use serde_json::Value;

use crate::support::{mokuteki, place, root};

fn project(yaml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("purposes.yaml"), yaml).unwrap();
    dir
}

fn default_yaml() -> String {
    std::fs::read_to_string(root().join("purposes.yaml")).unwrap()
}

#[test]
fn the_default_source_checks_with_warnings_about_outdated_terms_and_what_the_law_requires() {
    let dir = project(&default_yaml());
    let run = mokuteki(dir.path(), &["check"]);
    assert_eq!(run.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let yaml = default_yaml();
    for (written, finding) in [
        (
            "厚生労働省が示したガイドライン",
            "「厚生労働省が示したガイドライン」: consider",
        ),
        ("番号法に基づく情報連携", "「番号法」: consider"),
        (
            "健康保険被保険者証の発行管理",
            "「健康保険被保険者証の発行管理」: consider 「資格確認書及び資格情報のお知らせの交付」",
        ),
        (
            "番号法第19条第7号",
            "「番号法第19条第7号」: consider 「番号法第19条第8号」",
        ),
    ] {
        let finding = format!("purposes.yaml:{}: {finding}", place(&yaml, written));
        assert!(stderr.contains(&finding), "{finding}\n{stderr}");
    }
    for finding in [
        format!(
            "purposes.yaml:{}: 個人情報保護法第32条第1項第1号 requires the society's address and its representative's name",
            place(&yaml, "organization:")
        ),
        "purposes.yaml: 個人情報保護法第32条第1項第3号 requires the procedure for requests"
            .to_owned(),
    ] {
        assert!(stderr.contains(&finding), "{finding}\n{stderr}");
    }
    assert!(stderr.contains("0 errors, 37 warnings"), "{stderr}");
    let json = mokuteki(dir.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&json.stdout).unwrap();
    let mut legal: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .filter(|c| *c != "term")
        .collect();
    legal.sort_unstable();
    legal.dedup();
    assert_eq!(
        legal,
        [
            "law_complaints",
            "law_contact",
            "law_holder",
            "law_provision_without_basis",
            "law_requests",
            "law_security",
            "law_sensitive_without_basis"
        ]
    );
    assert!(!dir.path().join("out").exists(), "check writes nothing");

    // build lists the lint's warnings, but counts the law's in one line.
    let built = mokuteki(dir.path(), &["build"]);
    assert_eq!(built.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(!stderr.contains("第32条第1項第1号"), "{stderr}");
    assert!(
        stderr.contains("「番号法第19条第7号」: consider"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "warning: the check against 個人情報保護法 found 27 points to review; `mokuteki check` lists them"
        ),
        "{stderr}"
    );
    std::fs::remove_dir_all(dir.path().join("out")).unwrap();

    let denied = mokuteki(dir.path(), &["build", "--deny-warnings"]);
    assert_eq!(denied.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&denied.stderr);
    assert!(
        stderr.contains("第32条第1項第1号"),
        "a failing build lists them: {stderr}"
    );
    assert!(
        !dir.path().join("out").exists(),
        "a denied warning writes nothing"
    );
    // It says so, with the count, in either language.
    assert!(
        stderr.trim_end().ends_with(
            "0 errors, 37 warnings; stopped because warnings are denied (--deny-warnings): nothing was written"
        ),
        "{stderr}"
    );
    let japanese = std::process::Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(["build", "--deny-warnings"])
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(japanese.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&japanese.stderr);
    assert!(
        stderr.trim_end().ends_with(
            "警告が 37 件あり、--deny-warnings が指定されているため、出力を中止しました。ファイルは何も書き込んでいません"
        ),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn json_reports_codes_and_places() {
    let yaml = default_yaml().replacen("  short_name: 当組合", "  shortname: 当組合", 1);
    let dir = project(&yaml);
    let run = mokuteki(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let first = &report["diagnostics"][0];
    assert_eq!(first["code"], "unknown_key");
    assert_eq!(first["params"]["suggestion"], "short_name");
    assert_eq!(
        format!("{}:{}", first["line"], first["column"]),
        place(&yaml, "shortname")
    );
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `short_name`?")
    );
    assert_eq!(report["ok"], false);
}

#[test]
fn messages_are_japanese_in_a_japanese_locale() {
    let yaml = default_yaml().replacen(
        "  title: 個人情報の利用目的\n  # Markdown",
        "  title 個人情報の利用目的\n  # Markdown",
        1,
    );
    let dir = project(&yaml);
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .arg("check")
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    // The column after the key, where the colon belongs.
    let at = crate::support::place_of(&yaml, "  title 個人情報", 1, 7);
    assert!(
        stderr.starts_with(&format!(
            "エラー: purposes.yaml:{at}: `title` の後にコロンがありません"
        )),
        "{stderr}"
    );
}

#[test]
fn a_template_using_a_missing_field_is_reported_in_the_template() {
    let dir = project(&default_yaml());
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/notice.md.tera"),
        "# {{ notice.title }}\n\n{{ notice.subtitle }}\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["check", "--format", "json"]);
    assert_eq!(run.status.code(), Some(1));
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "template")
        .expect("a template problem");
    assert!(
        d["file"].as_str().unwrap().ends_with("notice.md.tera"),
        "{d:#}"
    );
    assert_eq!(d["line"], 3, "{d:#}");
    assert_eq!(d["column"], 11, "{d:#}");
}

#[test]
fn a_missing_source_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(mokuteki(dir.path(), &["check"]).status.code(), Some(2));
    assert_eq!(
        mokuteki(dir.path(), &["check", "--no-such-flag"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn a_user_terms_file_extends_the_list() {
    let dir = project(&default_yaml());
    std::fs::write(
        dir.path().join("terms.yaml"),
        "- term: 付加給付\n  replacement: 付加給付（独自給付）\n  reason: 組合の表記\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["check"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("「付加給付」: consider 「付加給付（独自給付）」 (組合の表記)"),
        "{stderr}"
    );
}

#[test]
fn every_text_of_a_user_terms_file_is_checked_where_it_is() {
    let dir = project(&default_yaml());
    std::fs::write(
        dir.path().join("terms.yaml"),
        concat!(
            "- term: \"\"\n",
            "  replacement: 付加給付\n",
            "  reason: 組合の表記\n",
            "- term: 付加給付\n",
            "  replacement: \"  \"\n",
            "  reason: 組合の表記\n",
            "  except: [\"\"]\n",
            "- term: 保養所\n",
            "  replacement: 健康増進施設\n",
            "  reason: \"組合の\\u202E表記\"\n",
        ),
    )
    .unwrap();
    for args in [
        &["check", "--format", "json"][..],
        &["build", "--check", "--format", "json"][..],
    ] {
        let run = mokuteki(dir.path(), args);
        assert_eq!(run.status.code(), Some(1), "{args:?}");
        let report: Value = serde_json::from_slice(&run.stdout).unwrap();
        let found: Vec<(String, u64, u64, String)> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                (
                    d["file"]
                        .as_str()
                        .unwrap()
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_owned(),
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["code"].as_str().unwrap().to_owned(),
                )
            })
            .collect();
        let expected = [
            ("terms.yaml", 1, 9, "empty_text"),
            ("terms.yaml", 5, 16, "empty_text"),
            ("terms.yaml", 7, 12, "empty_text"),
            ("terms.yaml", 10, 11, "control_character"),
        ];
        for (file, line, column, code) in expected {
            assert!(
                found.contains(&(file.to_owned(), line, column, code.to_owned())),
                "{args:?}: {file}:{line}:{column} {code} in {found:?}"
            );
        }
    }
}

#[test]
fn the_committed_schema_is_current() {
    let committed = std::fs::read_to_string(root().join("purposes.schema.json")).unwrap();
    assert_eq!(
        committed,
        mokuteki::schema::schema_json(),
        "purposes.schema.json is stale: run `cargo run -- schema > purposes.schema.json`"
    );
    assert!(default_yaml().starts_with("# yaml-language-server: $schema=purposes.schema.json\n"));
}

#[test]
fn the_default_source_validates_against_the_schema() {
    let schema: Value = serde_json::from_str(&mokuteki::schema::schema_json()).unwrap();
    let yaml: Value = serde_saphyr::from_str(&default_yaml()).unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, &yaml, "", &mut errors);
    assert!(errors.is_empty(), "{errors:#?}");
    // So do a source with every legal field, in both spellings of the basis, and the
    // starting source of `init`.
    let law = std::fs::read_to_string(crate::support::fixture("render/law/purposes.yaml"))
        .unwrap()
        .replacen("basis: outsourcing", "basis: 委託", 1)
        .replacen("joint_use: kenporen", "共同利用: kenporen", 1);
    for text in [law.as_str(), mokuteki::init::STARTER] {
        let yaml: Value = serde_saphyr::from_str(text).unwrap();
        let mut errors = Vec::new();
        validate(&schema, &schema, &yaml, "", &mut errors);
        assert!(errors.is_empty(), "{errors:#?}");
    }
    let wrong_basis: Value =
        serde_saphyr::from_str(&law.replacen("basis: consent", "basis: opt_out", 1)).unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, &wrong_basis, "", &mut errors);
    assert!(!errors.is_empty(), "an unknown basis is caught");
    // The validator is not vacuous: a misspelt key and a wrong type are caught.
    let bad: Value = serde_saphyr::from_str(
        &default_yaml()
            .replacen("  short_name:", "  shortname:", 1)
            .replacen("    revisions:\n", "    revisions: なし\n    x:\n", 1),
    )
    .unwrap();
    let mut errors = Vec::new();
    validate(&schema, &schema, &bad, "", &mut errors);
    assert!(
        errors.iter().any(|e| e.contains("shortname")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("revisions")),
        "{errors:#?}"
    );
}

/// A structural JSON Schema check of the keywords the generated schema uses: `$ref`, `type`,
/// `properties`, `required`, `additionalProperties`, `items`, `anyOf`, `pattern` (digits only).
fn validate(root: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/$defs/");
        validate(root, &root["$defs"][name], value, at, errors);
    }
    if let Some(any) = schema["anyOf"].as_array() {
        let results: Vec<Vec<String>> = any
            .iter()
            .map(|s| {
                let mut e = Vec::new();
                validate(root, s, value, at, &mut e);
                e
            })
            .collect();
        if !results.iter().any(Vec::is_empty) {
            errors.push(format!("{at}: matches no alternative"));
            // The alternative of the value's own type says what is wrong inside it.
            let type_error = format!("{at}: ");
            if let Some(inner) = results.iter().find(|e| {
                !e.iter()
                    .any(|m| m.starts_with(&type_error) && m.contains(" is not "))
            }) {
                errors.extend(inner.iter().cloned());
            }
        }
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        errors.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(t) => t.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    if !types.is_empty() && !types.contains(&kind) {
        errors.push(format!("{at}: {kind} is not {types:?}"));
        return;
    }
    match value {
        Value::Object(map) => {
            for key in schema["required"].as_array().into_iter().flatten() {
                if !map.contains_key(key.as_str().unwrap()) {
                    errors.push(format!("{at}: missing {key}"));
                }
            }
            for (key, v) in map {
                let path = format!("{at}.{key}");
                match schema["properties"].get(key) {
                    Some(s) => validate(root, s, v, &path, errors),
                    None => match &schema["additionalProperties"] {
                        Value::Bool(false) => errors.push(format!("{path}: not allowed")),
                        Value::Object(_) => {
                            validate(root, &schema["additionalProperties"], v, &path, errors);
                        }
                        _ => {}
                    },
                }
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                validate(root, &schema["items"], v, &format!("{at}[{i}]"), errors);
            }
        }
        Value::String(s) if schema["pattern"].is_string() => {
            let shape: String = s
                .chars()
                .map(|c| if c.is_ascii_digit() { '9' } else { c })
                .collect();
            if shape != "9999-99-99" {
                errors.push(format!("{at}: {s} does not match the date pattern"));
            }
        }
        _ => {}
    }
}

#[test]
fn a_run_too_wide_for_a_line_is_a_located_warning_in_both_languages() {
    let url = format!("https://example.jp/{}", "a".repeat(90));
    let yaml = crate::support::default_yaml_with(
        "    したがって、",
        &format!("    詳細は {url} をご覧ください。したがって、"),
    );
    let dir = project(&yaml);
    let run = mokuteki(dir.path(), &["check", "--format", "json"]);
    let report: Value = serde_json::from_slice(&run.stdout).unwrap();
    let split: Vec<&Value> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "split_run")
        .collect();
    assert_eq!(split.len(), 1, "{report:#}");
    assert_eq!(split[0]["severity"], "warning");
    assert_eq!(
        format!("{}:{}", split[0]["line"], split[0]["column"]),
        place(&yaml, &url)
    );
    assert_eq!(split[0]["params"]["run"], url.as_str());
    let japanese = std::process::Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .arg("check")
        .current_dir(dir.path())
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&japanese.stderr);
    assert!(
        stderr.contains(&format!(
            "「{url}」は途中で改行できる所がなく、郵送用の本文の一行（全角 36 文字）に収まらないため"
        )),
        "{stderr}"
    );
}

#[test]
fn deeply_nested_markdown_builds_instead_of_overflowing_the_stack() {
    // 20,000 quote levels in the preamble: the mailing text's Markdown conversion, walked
    // by recursion, overflowed the stack of the debug binary.
    let yaml = default_yaml().replacen(
        "  preamble: |\n",
        &format!("  preamble: |\n    {} 深い引用の文\n\n", ">".repeat(20_000)),
        1,
    );
    let dir = project(&yaml);
    let run = mokuteki(dir.path(), &["build"]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    let text = std::fs::read_to_string(dir.path().join("out/notice.txt")).unwrap();
    assert!(text.contains("　深い引用の文\n"), "{text}");
}
