//! The words of the preview, in English and Japanese: its pages' fixed words and the lines
//! it prints.

use crate::diagnostic::Lang;

/// The fixed words of the preview (`mokuteki serve`) pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PreviewWord {
    /// The index page's title.
    IndexTitle,
    /// Under the index page's title: what the preview is.
    IndexIntro,
    /// Under the error page's title: what to do.
    ErrorIntro,
    /// The heading of the warnings on the index page.
    Warnings,
    /// The link to a text output shown in a page that reloads by itself.
    LiveView,
    /// A path that is not an output.
    NotFound,
    /// The link back to the index page.
    AllOutputs,
}

impl PreviewWord {
    /// The word in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        use PreviewWord::*;
        match (lang, self) {
            (Lang::En, IndexTitle) => "mokuteki preview",
            (Lang::Ja, IndexTitle) => "mokuteki プレビュー",
            (Lang::En, IndexIntro) => {
                "Every output, rendered in memory; nothing is written to the output folder. Open pages reload by themselves when the source, the terms list or a template is saved."
            }
            (Lang::Ja, IndexIntro) => {
                "全ての出力をメモリー上で生成して表示しています。出力フォルダーには書き込みません。purposes.yaml、用語リスト、テンプレートを保存すると、開いているページは自動で再読み込みされます。"
            }
            (Lang::En, ErrorIntro) => {
                "Nothing could be rendered. Correct the places below and save: this page reloads by itself."
            }
            (Lang::Ja, ErrorIntro) => {
                "文書を生成できませんでした。次の箇所を直して保存すると、このページは自動で再読み込みされます。"
            }
            (Lang::En, Warnings) => "Warnings",
            (Lang::Ja, Warnings) => "警告",
            (Lang::En, LiveView) => "view, reloading by itself",
            (Lang::Ja, LiveView) => "自動更新で表示",
            (Lang::En, NotFound) => "No output has this name.",
            (Lang::Ja, NotFound) => "この名前の出力はありません。",
            (Lang::En, AllOutputs) => "All outputs",
            (Lang::Ja, AllOutputs) => "出力の一覧",
        }
    }
}

/// The error page's title: the source named has problems.
pub fn error_title(lang: Lang, source: &str) -> String {
    match lang {
        Lang::En => format!("{source} cannot be built"),
        Lang::Ja => format!("{source} から文書を生成できません"),
    }
}

/// The line printed when the preview starts.
pub fn serving(lang: Lang, source: &str, url: &str) -> String {
    match lang {
        Lang::En => format!(
            "previewing {source} at {url} (Ctrl-C stops it; nothing is written to the output folder)"
        ),
        Lang::Ja => format!(
            "{source} のプレビューを {url} で表示しています（Ctrl-C で終了します。出力フォルダーには書き込みません）"
        ),
    }
}

/// The line printed after a change was rendered.
pub fn rendered(lang: Lang, outputs: usize) -> String {
    match lang {
        Lang::En => format!("rendered again: {outputs} outputs"),
        Lang::Ja => format!("変更を反映しました（出力 {outputs} 件）"),
    }
}

/// The line printed when the preview stops.
pub fn stopped(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "preview stopped",
        Lang::Ja => "プレビューを終了しました",
    }
}
