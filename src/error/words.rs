//! The words of the errors, in English and Japanese: what went wrong, and what to do.

use std::path::Path;

use super::{Error, FileKind, GitFailure, LockHolder, MANIFEST_FILE_NAME, Refusal, Writer};
use crate::diagnostic::Lang;
use crate::diagnostic::lang::paths_list;

/// The message of an error that is not a located problem of the user's files.
pub fn error_message(error: &Error, lang: Lang) -> String {
    match lang {
        Lang::En => error_english(error),
        Lang::Ja => error_japanese(error),
    }
}

fn error_english(error: &Error) -> String {
    match error {
        Error::NotAFile { path, kind } => not_a_file(path, *kind, Lang::En),
        Error::TooLarge { path, size, limit } => too_large(path, *size, *limit, Lang::En),
        Error::Read { path, source } => {
            format!("cannot read {}: {source}", path.display())
        }
        Error::Write { path, source } => format!(
            "cannot write {}: {}{}",
            path.display(),
            io_reason(source, Lang::En),
            write_remedy(source, Lang::En)
        ),
        Error::WouldOverwrite { path } => format!(
            "{} exists and was not written by mokuteki; move it away or choose another folder",
            path.display()
        ),
        Error::SourceExists { path } => format!(
            "{} exists already, so nothing was written; init never replaces a file",
            path.display()
        ),
        Error::Edited { paths } if paths.len() == 1 => format!(
            "{} was changed after mokuteki wrote it (it no longer holds what the manifest records), and a build would lose that change; make it in purposes.yaml or a template instead, or build with --force to replace the file",
            paths_list(paths, Lang::En)
        ),
        Error::Edited { paths } => format!(
            "{} were changed after mokuteki wrote them (they no longer hold what the manifest records), and a build would lose those changes; make them in purposes.yaml or a template instead, or build with --force to replace the files",
            paths_list(paths, Lang::En)
        ),
        Error::Manifest {
            path,
            line,
            message,
        } => format!(
            "{}:{line}: {message}; the manifest lists the files mokuteki wrote, one per line",
            path.display()
        ),
        Error::Refused { path, reason } => format!(
            "refusing to build into {}: {}. Choose another folder with --out, or pass --force if you are sure",
            path.display(),
            refusal(reason, Lang::En)
        ),
        Error::OtherCommand {
            path,
            owner: Writer::Compare,
            file,
        } => format!(
            "refusing to build into {}: `mokuteki compare` wrote it (the 新旧対照表 and the notice of change, {file} among them), and a build would remove those files. Build into another folder with --out, or, if those documents are no longer needed, remove the folder first",
            path.display()
        ),
        Error::OtherCommand {
            path,
            owner: Writer::Build,
            file,
        } => format!(
            "refusing to write the comparison into {}: `mokuteki build` wrote it ({file} among its files), and writing here would remove the build's files. Choose another folder with --out (by default compare writes into revision/ beside the new version)",
            path.display()
        ),
        Error::WouldRemoveComparison { path, file } => format!(
            "a build would refuse to write into {}, so it was not compared with what a build produces: `mokuteki compare` wrote it (the 新旧対照表 and the notice of change, {file} among them), and a build would remove those files. Choose the build's folder with --out, or, if those documents are no longer needed, remove the folder first",
            path.display()
        ),
        Error::UntrustedManifest { path, owner } => format!(
            "{} belongs to another user (user id {owner}) than the one running this build, so it is not trusted to say which files mokuteki wrote: whoever put it there could make a build remove files it never wrote, or keep an edited page. Nothing was written or removed. Look at what the folder holds; then remove the manifest, or give it to this user (chown) if it is the build's own",
            path.display()
        ),
        Error::ForeignTemplates { path, owner } => format!(
            "{} beside the folder of sources belongs to another user (user id {owner}) than the one running this build, or others may write to it, so its templates were not used: whoever put them there would decide what every society's pages contain. Nothing was built. Name the templates with --templates if they are meant to be used, or remove the folder",
            path.display()
        ),
        Error::FolderLink { path } => format!(
            "{} is a symbolic link where a folder was expected; mokuteki follows no link inside the output folder, so nothing was written or removed where it points. Remove it if nobody should have put it there; if it was put there on purpose, replace it with a real folder",
            path.display()
        ),
        Error::Locked {
            path,
            holder: LockHolder::OtherBuilds,
        } => format!(
            "{} stayed locked: each time it was released, another mokuteki build writing into this folder took it first; try again when those builds end",
            path.display()
        ),
        Error::Locked {
            path,
            holder: LockHolder::Process { pid, host },
        } => format!(
            "{} is locked by {}, another mokuteki build writing into this folder; try again when it ends",
            path.display(),
            lock_process(*pid, host.as_deref(), Lang::En)
        ),
        Error::Differs { path, count } => format!(
            "{} is not what a build produces: {count} file(s) differ; run `mokuteki build` to update it",
            path.display()
        ),
        Error::Git { version, failure } => {
            format!("cannot read {} from git: {failure}", version.display())
        }
        Error::Listen { address, source } => format!(
            "cannot listen on {address}: {source}; is another preview or server using this port? Choose another one with --port"
        ),
        Error::Source(_)
        | Error::Template(_)
        | Error::Unencodable(_)
        | Error::Federation { .. } => error.render_message(Lang::En),
    }
}

fn error_japanese(error: &Error) -> String {
    match error {
        Error::NotAFile { path, kind } => not_a_file(path, *kind, Lang::Ja),
        Error::TooLarge { path, size, limit } => too_large(path, *size, *limit, Lang::Ja),
        Error::Read { path, source } => format!(
            "{} を読み込めません（{}）",
            path.display(),
            io_reason(source, Lang::Ja)
        ),
        Error::Write { path, source } => format!(
            "{} に書き込めません（{}）{}",
            path.display(),
            io_reason(source, Lang::Ja),
            write_remedy(source, Lang::Ja)
        ),
        Error::WouldOverwrite { path } => format!(
            "{} は mokuteki が書いたファイルではないため、上書きしません。別の場所へ移すか、別の出力フォルダーを指定してください",
            path.display()
        ),
        Error::SourceExists { path } => format!(
            "{} が既にあるため、作成しませんでした。init は既存のファイルを書き換えません",
            path.display()
        ),
        Error::Edited { paths } => format!(
            "{} は mokuteki が書いた後に変更されています（マニフェストに記録した内容と異なります）。ビルドするとその変更が失われるため、置き換えません。変更は purposes.yaml かテンプレートで行うか、置き換えてよければ --force を付けてビルドしてください",
            paths_list(paths, Lang::Ja)
        ),
        Error::Manifest { path, line, .. } => format!(
            "{} の {line} 行目を読み取れません。このファイルは mokuteki が書いたファイルの一覧で、一行に一つずつ書かれています。手で編集した場合は元に戻してください",
            path.display()
        ),
        Error::Refused { path, reason } => format!(
            "{} には出力しません。{}。--out で別のフォルダーを指定するか、それでもこのフォルダーに出力する場合は --force を付けてください",
            path.display(),
            refusal(reason, Lang::Ja)
        ),
        Error::OtherCommand {
            path,
            owner: Writer::Compare,
            file,
        } => format!(
            "{} にはビルドの結果を出力しません。このフォルダーには `mokuteki compare` が出力した新旧対照表と変更のお知らせ（{file} など）があり、ビルドするとそれらが削除されます。--out で別のフォルダーを指定するか、それらの文書が不要であれば、先にこのフォルダーを削除してください",
            path.display()
        ),
        Error::OtherCommand {
            path,
            owner: Writer::Build,
            file,
        } => format!(
            "{} には比較の結果を出力しません。このフォルダーには `mokuteki build` が出力したファイル（{file} など）があり、ここに出力するとそれらが削除されます。--out で別のフォルダーを指定してください（--out を省略すると、新しい版のファイルと同じフォルダーにある revision/ に出力します）",
            path.display()
        ),
        Error::WouldRemoveComparison { path, file } => format!(
            "{} はビルドの出力先にできないため、ビルド結果と照合しませんでした。このフォルダーには `mokuteki compare` が出力した新旧対照表と変更のお知らせ（{file} など）があり、ビルドするとそれらが削除されます。--out でビルドの出力フォルダーを指定するか、それらの文書が不要であれば、先にこのフォルダーを削除してください",
            path.display()
        ),
        Error::UntrustedManifest { path, owner } => format!(
            "{} の所有者が、このビルドを実行している利用者ではありません（ユーザー ID {owner}）。そのため、mokuteki が書いたファイルの一覧として信用しません。このファイルを置いた人は、mokuteki が書いていないファイルをビルドに削除させたり、書き換えたページをそのまま残させたりできるためです。何も書き込まず、何も削除していません。フォルダーの中身を確認した上で、このファイルを削除するか、ビルドが書いたものであれば、このビルドを実行する利用者の所有に変更（chown）してください",
            path.display()
        ),
        Error::ForeignTemplates { path, owner } => format!(
            "元ファイルのフォルダーにある {} の所有者が、このビルドを実行している利用者ではないか（ユーザー ID {owner}）、ほかの利用者も書き込めるため、そのテンプレートは使いませんでした。置いた人が、全ての組合のページの内容を決められてしまうためです。何も出力していません。使うべきテンプレートであれば --templates で指定し、そうでなければこのフォルダーを削除してください",
            path.display()
        ),
        Error::FolderLink { path } => format!(
            "{} がフォルダーではなくシンボリックリンクになっています。出力フォルダーの中ではリンクをたどらないため、リンク先には何も書き込んでおらず、何も削除していません。置かれるはずのないものなら削除し、意図して置いたものなら通常のフォルダーに置き換えてください",
            path.display()
        ),
        Error::Locked {
            path,
            holder: LockHolder::OtherBuilds,
        } => format!(
            "{} のロックを取得できませんでした。ロックが解放されるたびに、同じフォルダーに出力する mokuteki の別のビルドが先に取得しました。それらのビルドが終わってから、もう一度実行してください",
            path.display()
        ),
        Error::Locked {
            path,
            holder: LockHolder::Process { pid, host },
        } => format!(
            "{} がロックされています。mokuteki の別のビルド（{}）が同じフォルダーに出力しています。そのビルドが終わってから、もう一度実行してください",
            path.display(),
            lock_process(*pid, host.as_deref(), Lang::Ja)
        ),
        Error::Differs { path, count } => format!(
            "{} の内容がビルド結果と一致しません（{count} 件のファイルが異なります）。`mokuteki build` で更新してください",
            path.display()
        ),
        Error::Git { version, failure } => format!(
            "{} を git から読み込めません。{}",
            version.display(),
            git_failure(failure)
        ),
        Error::Listen { address, source } => format!(
            "{address} で待ち受けできません（{}）。別のプレビューやサーバーが動いていないか確かめるか、--port で別のポートを指定してください",
            io_reason(source, Lang::Ja)
        ),
        Error::Source(_)
        | Error::Template(_)
        | Error::Unencodable(_)
        | Error::Federation { .. } => error.render_message(Lang::Ja),
    }
}

/// The message for a path that is not a regular file where one is read or written.
pub fn not_a_file(path: &Path, kind: FileKind, lang: Lang) -> String {
    let path = path.display();
    match lang {
        Lang::En => {
            let what = match kind {
                FileKind::Directory => "it is a folder",
                FileKind::SymbolicLink => "it is a symbolic link",
                FileKind::Fifo => "it is a FIFO (named pipe)",
                FileKind::Socket => "it is a socket",
                FileKind::Device => "it is a device",
                FileKind::HardLinked => "it has other names (hard links)",
                FileKind::Other => "it is not a regular file",
            };
            format!(
                "{path}: {what}; mokuteki reads and writes only regular files (and never writes through a link). Remove it if nobody should have put it there, or use another path"
            )
        }
        Lang::Ja => {
            let what = match kind {
                FileKind::Directory => "フォルダーです",
                FileKind::SymbolicLink => "シンボリックリンクです",
                FileKind::Fifo => "FIFO（名前付きパイプ）です",
                FileKind::Socket => "ソケットです",
                FileKind::Device => "デバイスファイルです",
                FileKind::HardLinked => "ハードリンクで別の名前も付いています",
                FileKind::Other => "通常のファイルではありません",
            };
            format!(
                "{path}: {what}。mokuteki は通常のファイルだけを読み書きします（リンクの先には書き込みません）。置かれるはずのないものなら削除し、そうでなければ別のパスを指定してください"
            )
        }
    }
}

/// The message for a file larger than mokuteki reads (`size` is `None` for a pipe).
pub fn too_large(path: &Path, size: Option<u64>, limit: u64, lang: Lang) -> String {
    let path = path.display();
    let size = size.map(crate::text::numerals::grouped);
    let limit = crate::text::numerals::grouped(limit);
    match (lang, size) {
        (Lang::En, Some(size)) => {
            format!("{path}: the file is {size} bytes; at most {limit} bytes are read")
        }
        (Lang::En, None) => {
            format!("{path}: more than {limit} bytes; at most {limit} bytes are read")
        }
        (Lang::Ja, Some(size)) => {
            format!(
                "{path}: ファイルが {size} バイトあります。読み込めるのは {limit} バイトまでです"
            )
        }
        (Lang::Ja, None) => {
            format!("{path}: {limit} バイトを超えています。読み込めるのは {limit} バイトまでです")
        }
    }
}

/// The reason an operation on a file failed, by its kind: in Japanese ours (the system's
/// words are English whatever the locale); in English the system's own, except for a disk
/// or quota that is full and a file grown past its limit, which the system words tersely
/// (`No space left on device (os error 28)`) and an operator must tell apart at a glance.
pub fn io_reason(error: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    if let Some(room) = NoRoom::of(error) {
        return room.reason(lang).to_owned();
    }
    if lang == Lang::En {
        return error.to_string();
    }
    let reason = match error.kind() {
        K::NotFound => "ファイルまたはフォルダーが見つかりません",
        K::PermissionDenied => "アクセスする権限がありません",
        K::AlreadyExists => "同じ名前のファイルまたはフォルダーが既にあります",
        K::IsADirectory => "ファイルではなくフォルダーです",
        K::NotADirectory => "途中にフォルダーではないものがあります",
        K::DirectoryNotEmpty => "フォルダーが空ではありません",
        K::ReadOnlyFilesystem => "読み取り専用の場所です",
        K::InvalidData => "UTF-8 のテキストとして読めません",
        K::InvalidFilename => "ファイル名として使えない名前です",
        K::ResourceBusy | K::ExecutableFileBusy => "他のプログラムが使用中です",
        K::CrossesDevices => "別のディスクをまたいで移動できません",
        K::Interrupted | K::TimedOut => "処理が中断されました",
        K::UnexpectedEof => "ファイルが途中で終わっています",
        K::OutOfMemory => "メモリーが足りません",
        K::AddrInUse => "このポートは既に使われています",
        K::AddrNotAvailable => "このアドレスでは待ち受けできません",
        _ => {
            return match error.raw_os_error() {
                Some(code) => format!("入出力エラーが起きました（OS のエラー番号 {code}）"),
                None => "入出力エラーが起きました".to_owned(),
            };
        }
    };
    reason.to_owned()
}

/// Why a write found no room: the disk full, the user's quota used up, or the file past the
/// largest size the process may write (`ulimit -f`) or the filesystem holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoRoom {
    DiskFull,
    QuotaExceeded,
    FileTooLarge,
}

impl NoRoom {
    /// The kind of `error`, if it is one of these.
    fn of(error: &std::io::Error) -> Option<NoRoom> {
        use std::io::ErrorKind as K;
        match error.kind() {
            K::StorageFull => Some(NoRoom::DiskFull),
            K::QuotaExceeded => Some(NoRoom::QuotaExceeded),
            K::FileTooLarge => Some(NoRoom::FileTooLarge),
            _ => None,
        }
    }

    fn reason(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NoRoom::DiskFull, Lang::En) => "the disk is full",
            (NoRoom::DiskFull, Lang::Ja) => "ディスクの空き容量が足りません",
            (NoRoom::QuotaExceeded, Lang::En) => "the disk quota is used up",
            (NoRoom::QuotaExceeded, Lang::Ja) => "ディスクの使用量が割り当ての上限に達しています",
            (NoRoom::FileTooLarge, Lang::En) => "the file would exceed the size limit for files",
            (NoRoom::FileTooLarge, Lang::Ja) => "ファイルの大きさの上限を超えます",
        }
    }

    /// What to do about it, after a write failed.
    fn remedy(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NoRoom::DiskFull, Lang::En) => "free some space and run it again",
            (NoRoom::DiskFull, Lang::Ja) => {
                "不要なファイルを削除するなどして空き容量を確保してから、もう一度実行してください"
            }
            (NoRoom::QuotaExceeded, Lang::En) => {
                "free some space or have the quota raised, and run it again"
            }
            (NoRoom::QuotaExceeded, Lang::Ja) => {
                "不要なファイルを削除するか、管理者に割り当てを増やしてもらってから、もう一度実行してください"
            }
            (NoRoom::FileTooLarge, Lang::En) => {
                "raise the limit (`ulimit -f`, or the filesystem's) and run it again"
            }
            (NoRoom::FileTooLarge, Lang::Ja) => {
                "上限（`ulimit -f` やファイルシステムの上限）を引き上げてから、もう一度実行してください"
            }
        }
    }
}

/// What follows the reason of a failed write: how to recover, when the write found no room.
fn write_remedy(error: &std::io::Error, lang: Lang) -> String {
    let Some(room) = NoRoom::of(error) else {
        return String::new();
    };
    match lang {
        Lang::En => format!("; {}", room.remedy(lang)),
        Lang::Ja => format!("。{}", room.remedy(lang)),
    }
}

/// The process that holds a lock, as its lock file names it.
fn lock_process(pid: Option<u32>, host: Option<&str>, lang: Lang) -> String {
    match (lang, pid, host) {
        (Lang::En, Some(pid), Some(host)) => format!("process {pid} on host {host}"),
        (Lang::En, Some(pid), None) => format!("process {pid}"),
        (Lang::En, None, Some(host)) => format!("an unknown process on host {host}"),
        (Lang::En, None, None) => "an unknown process".to_owned(),
        (Lang::Ja, Some(pid), Some(host)) => format!("ホスト {host}、プロセス番号 {pid}"),
        (Lang::Ja, Some(pid), None) => format!("プロセス番号 {pid}"),
        (Lang::Ja, None, Some(host)) => format!("ホスト {host}、プロセス番号は不明"),
        (Lang::Ja, None, None) => "プロセス番号は不明".to_owned(),
    }
}

/// Why git gave no file, in Japanese.
fn git_failure(failure: &GitFailure) -> String {
    match failure {
        GitFailure::OptionLike => "リビジョンを「-」で始めることはできません".to_owned(),
        GitFailure::Ambiguous => "この名前のファイルも存在するため、git のリビジョンとファイルのどちらを指すのか判断できません。そのファイルを比べる場合は、名前を「./」から始めて書いてください".to_owned(),
        GitFailure::NotRun(_) => {
            "git を実行できません。git がインストールされているか確認してください".to_owned()
        }
        GitFailure::Refused(message) => format!("git の報告：{message}"),
        GitFailure::TooLarge { limit } => format!(
            "ファイルの大きさが、利用目的のファイルとして読み込める上限の {} バイトを超えています",
            crate::text::numerals::grouped(*limit)
        ),
    }
}

/// Why an output folder is refused, as a clause.
fn refusal(reason: &Refusal, lang: Lang) -> String {
    match (reason, lang) {
        (Refusal::Root, Lang::En) => "it is the filesystem root".to_owned(),
        (Refusal::Home, Lang::En) => "it is your home folder".to_owned(),
        (Refusal::CurrentFolder, Lang::En) => {
            "it is the current folder, the project root".to_owned()
        }
        (Refusal::HoldsSource(source), Lang::En) => {
            format!("it holds the source {}", source.display())
        }
        (Refusal::Templates(templates), Lang::En) => format!(
            "it holds or is inside the templates folder {}",
            templates.display()
        ),
        (Refusal::NotEmpty { entries }, Lang::En) => format!(
            "it is not empty ({entries} entries) and has no {} from an earlier build, so it does not look like mokuteki's output folder",
            MANIFEST_FILE_NAME
        ),
        (Refusal::Root, Lang::Ja) => "ファイルシステムの最上位のフォルダーです".to_owned(),
        (Refusal::Home, Lang::Ja) => "ホームフォルダーです".to_owned(),
        (Refusal::CurrentFolder, Lang::Ja) => {
            "現在のフォルダー（プロジェクトの最上位）です".to_owned()
        }
        (Refusal::HoldsSource(source), Lang::Ja) => {
            format!("元ファイル {} があるフォルダーです", source.display())
        }
        (Refusal::Templates(templates), Lang::Ja) => format!(
            "テンプレートのフォルダー {} を含むか、その中にあるフォルダーです",
            templates.display()
        ),
        (Refusal::NotEmpty { entries }, Lang::Ja) => format!(
            "空ではなく（{entries} 項目）、以前のビルドの {} もないため、mokuteki の出力フォルダーではないようです",
            MANIFEST_FILE_NAME
        ),
    }
}

/// The closing line of a federation's failure: how many sources failed and were built.
pub fn federation_failed(lang: Lang, failed: usize, built: usize) -> String {
    let total = failed + built;
    match lang {
        Lang::En => format!(
            "{failed} of {total} sources failed, and nothing was written for them; {built} built, each into its own folder"
        ),
        Lang::Ja => format!(
            "{total} 件の元ファイルのうち {failed} 件にエラーがあり、それらについては何も書き込んでいません。残りの {built} 件は、それぞれのフォルダーに出力しました"
        ),
    }
}
