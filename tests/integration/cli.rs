//! The command line: defaults, exit codes and messages.

use crate::support::{masked, mokuteki, project};

#[test]
fn build_with_no_arguments_uses_the_folder_of_purposes_yaml() {
    let dir = project();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for name in [
        "notice.html",
        "notice.md",
        "notice.txt",
        "beppyo2.html",
        "beppyo2.md",
    ] {
        assert!(
            dir.path().join("out").join(name).is_file(),
            "{name} missing"
        );
    }
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("built 8 files"), "{stderr}");
}

#[test]
fn source_templates_and_out_flags_are_honoured() {
    let dir = project();
    std::fs::rename(
        dir.path().join("purposes.yaml"),
        dir.path().join("other.yaml"),
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("mine")).unwrap();
    std::fs::write(
        dir.path().join("mine/extra.txt.tera"),
        "{{ organization.short_name }}\n",
    )
    .unwrap();
    let run = mokuteki(
        dir.path(),
        &[
            "build",
            "--source",
            "other.yaml",
            "--templates",
            "mine",
            "--out",
            "public",
        ],
    );
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("public/extra.txt")).unwrap(),
        "当組合\n"
    );
    assert!(!dir.path().join("out").exists());
}

#[test]
fn a_missing_source_is_an_io_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(2));
    let stderr = masked(&run.stderr, dir.path());
    assert!(
        stderr.starts_with("error: cannot read purposes.yaml:"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_yaml_error_names_file_line_and_column_and_writes_nothing() {
    let dir = project();
    let yaml = std::fs::read_to_string(dir.path().join("purposes.yaml")).unwrap();
    std::fs::write(
        dir.path().join("purposes.yaml"),
        yaml.replacen("  short_name: 当組合", "  shortname: 当組合", 1),
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    let edited = std::fs::read_to_string(dir.path().join("purposes.yaml")).unwrap();
    let at = crate::support::place(&edited, "shortname");
    assert!(stderr.contains(&format!("purposes.yaml:{at}:")), "{stderr}");
    assert!(stderr.contains("shortname"), "{stderr}");
    let line = at.split(':').next().unwrap();
    assert!(
        stderr.contains(&format!("{line} |   shortname: 当組合")),
        "{stderr}"
    );
    assert!(!dir.path().join("out").exists(), "nothing may be written");
}

#[test]
fn a_template_error_names_the_template_and_writes_nothing() {
    let dir = project();
    std::fs::create_dir(dir.path().join("templates")).unwrap();
    std::fs::write(
        dir.path().join("templates/notice.txt.tera"),
        "{{ organization.name }}\n{{ organization.nmae }}\n",
    )
    .unwrap();
    let run = mokuteki(dir.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("template notice.txt.tera"), "{stderr}");
    assert!(stderr.contains("notice.txt.tera:2:"), "{stderr}");
    assert!(!dir.path().join("out").exists(), "nothing may be written");
}

#[test]
fn help_explains_every_subcommand_and_flag() {
    let dir = tempfile::tempdir().unwrap();
    let help = String::from_utf8(mokuteki(dir.path(), &["--help"]).stdout).unwrap();
    for word in ["build", "templates", "Exit codes"] {
        assert!(help.contains(word), "--help lacks {word}:\n{help}");
    }
    let help = String::from_utf8(mokuteki(dir.path(), &["build", "--help"]).stdout).unwrap();
    for flag in ["--source", "--templates", "--out"] {
        assert!(help.contains(flag), "build --help lacks {flag}:\n{help}");
    }
    let run = mokuteki(dir.path(), &["build", "--no-such-flag"]);
    assert_eq!(run.status.code(), Some(2));
}

#[test]
fn the_readme_summary_lists_every_command_and_flag() {
    use clap::CommandFactory;
    let readme = std::fs::read_to_string(crate::support::root().join("README.md")).unwrap();
    let start = readme
        .find("## The command line")
        .expect("README has a command-line section");
    let end = readme[start + 1..]
        .find("\n## ")
        .map_or(readme.len(), |e| start + 1 + e);
    let section = &readme[start..end];
    let cli = mokuteki::cli::Cli::command();
    for command in cli.get_subcommands() {
        let name = command.get_name();
        assert!(
            section.contains(&format!("mokuteki {name}")),
            "the README's command line lacks `mokuteki {name}`"
        );
        for arg in command.get_arguments() {
            if let Some(long) = arg.get_long()
                && long != "help"
            {
                assert!(
                    section.contains(&format!("--{long}")),
                    "the README's command line lacks `{name} --{long}`"
                );
            }
        }
    }
    assert!(
        section.contains("Why the default purposes.yaml prints warnings"),
        "the README says why the default file prints warnings"
    );
}

#[test]
fn a_wrong_command_line_or_a_missing_file_is_explained_in_japanese() {
    let dir = project();
    for (args, expected) in [
        (
            &["build", "--sorce", "x.yaml"][..],
            "エラー: --sorce というオプションはありません。",
        ),
        (&["buld"][..], "エラー: buld というコマンドはありません。"),
        (
            &["build", "--width", "300"][..],
            "エラー: --width に「300」は指定できません。全角の文字数を 10 から 200 までの数で指定してください",
        ),
        (
            &["build", "--check", "--force"][..],
            "エラー: --check と --force は同時に指定できません",
        ),
        // What the operating system says, worded by its kind rather than in its English.
        (
            &["check", "--source", "nope.yaml"][..],
            "エラー: nope.yaml を読み込めません（ファイルまたはフォルダーが見つかりません）",
        ),
    ] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_mokuteki"))
            .args(args)
            .current_dir(dir.path())
            .env("LANG", "ja_JP.UTF-8")
            .env_remove("LC_ALL")
            .output()
            .unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.starts_with(expected), "{args:?}: {stderr}");
    }
}

/// `mokuteki ARGS` in Japanese, in `dir`: its exit code and standard error.
fn japanese(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_mokuteki"))
        .args(args)
        .current_dir(dir)
        .env("LANG", "ja_JP.UTF-8")
        .env_remove("LC_ALL")
        .output()
        .unwrap();
    (
        run.status.code(),
        String::from_utf8_lossy(&run.stderr).into_owned(),
    )
}

#[test]
fn a_wrong_command_line_points_to_the_help_of_its_command() {
    use clap::CommandFactory;
    let dir = project();
    let commands: Vec<String> = mokuteki::cli::Cli::command()
        .get_subcommands()
        .map(|sub| sub.get_name().to_owned())
        .filter(|name| name != "help")
        .collect();
    assert!(commands.len() >= 7, "{commands:?}");
    for command in &commands {
        let (code, stderr) = japanese(dir.path(), &[command, "--no-such-flag"]);
        assert_eq!(code, Some(2), "{command}");
        assert_eq!(
            stderr,
            format!(
                "エラー: --no-such-flag というオプションはありません。`mokuteki {command} --help` で使い方を確認してください\n"
            )
        );
    }
    for (args, expected) in [
        (
            &["compare"][..],
            "エラー: <OLD>、<NEW> を指定してください。`mokuteki compare --help` で使い方を確認してください\n",
        ),
        (
            &["compare", "old.yaml"][..],
            "エラー: <NEW> を指定してください。`mokuteki compare --help` で使い方を確認してください\n",
        ),
        (
            &["build", "--source"][..],
            "エラー: --source の値を指定してください。`mokuteki build --help` で使い方を確認してください\n",
        ),
        (
            &["check", "--width="][..],
            "エラー: --width の値を指定してください。`mokuteki check --help` で使い方を確認してください\n",
        ),
        (
            &["compare", "a.yaml", "b.yaml", "--out"][..],
            "エラー: --out の値を指定してください。`mokuteki compare --help` で使い方を確認してください\n",
        ),
        (
            &["serve", "--port"][..],
            "エラー: --port の値を指定してください。`mokuteki serve --help` で使い方を確認してください\n",
        ),
        (
            &["init", "a", "b"][..],
            "エラー: 余分な引数「b」があります。`mokuteki init --help` で使い方を確認してください\n",
        ),
        (
            &["schema", "x"][..],
            "エラー: 余分な引数「x」があります。`mokuteki schema --help` で使い方を確認してください\n",
        ),
        // Before any command, the help of mokuteki itself.
        (
            &["buld"][..],
            "エラー: buld というコマンドはありません。`mokuteki --help` で使い方を確認してください\n",
        ),
        (
            &["--sorce"][..],
            "エラー: --sorce というオプションはありません。`mokuteki --help` で使い方を確認してください\n",
        ),
    ] {
        let (code, stderr) = japanese(dir.path(), args);
        assert_eq!(code, Some(2), "{args:?}");
        assert_eq!(stderr, expected, "{args:?}");
    }
}
