//! The terminology list: outdated or mistaken terms, each with the phrases that write it,
//! the context it must appear in, what to write instead, why, since when and by which law.
//!
//! The list is data (`data/terms.yaml`, and a society's own `terms.yaml`); this module reads
//! it and finds its entries in a text.

use std::borrow::Cow;
use std::path::Path;

use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Error, Problem, Result};
use crate::fs::Links;
use crate::source::Date;

/// The terminology list shipped with mokuteki.
pub const BUILT_IN_TERMS: &str = include_str!("../../data/terms.yaml");

/// The file name of a society's own terminology list, looked for beside the source.
pub const USER_TERMS_FILE: &str = "terms.yaml";

/// An outdated or mistaken term, what to write instead and why.
///
/// Only `term`, `replacement` and `reason` are required; the other keys narrow where the
/// term is reported or say more about it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// The phrase to warn about.
    pub term: String,
    /// Other ways of writing the same phrase. Full-width and half-width digits are matched
    /// alike, so `第23条` also finds `第２３条`.
    #[serde(default)]
    pub variants: Vec<String>,
    /// The phrase is reported only when written right after one of these (e.g. the law's
    /// name before an article number).
    #[serde(default)]
    pub preceded_by: Vec<String>,
    /// The phrase is reported only when one of these is in the same sentence.
    #[serde(default)]
    pub near: Vec<String>,
    /// The phrase is not reported when one of these is in the same sentence.
    #[serde(default)]
    pub not_near: Vec<String>,
    /// The phrase is not reported inside one of these longer phrases (保険証 inside
    /// マイナ保険証).
    #[serde(default)]
    pub except: Vec<String>,
    /// An abbreviation that must be defined: the phrase is reported once, at its first use,
    /// and only when no text of the source contains one of these definitions.
    #[serde(default)]
    pub defined_by: Vec<String>,
    /// What to write instead, fitting the sentence the phrase stands in.
    pub replacement: String,
    /// Why.
    pub reason: String,
    /// The day the change took effect, as `YYYY-MM-DD`.
    #[serde(default)]
    pub since: Option<Date>,
    /// The law (and article) behind the change.
    #[serde(default)]
    pub source: Option<String>,
}

impl Term {
    /// The finding this term makes at a place where `found` is written.
    pub fn problem(&self, found: &str) -> Problem {
        Problem::Term {
            term: found.to_owned(),
            replacement: self.replacement.clone(),
            reason: self.reason.clone(),
            since: self.since.map(|d| d.to_string()),
            law: self.source.clone(),
        }
    }

    /// Whether this term is an abbreviation reported only where it is not defined.
    pub fn needs_definition(&self) -> bool {
        !self.defined_by.is_empty()
    }

    /// Whether `text` defines the abbreviation.
    pub fn is_defined_in(&self, text: &str) -> bool {
        self.defined_by
            .iter()
            .any(|d| !d.is_empty() && text.contains(d.as_str()))
    }

    fn phrases(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.term)
            .chain(&self.variants)
            .filter(|p| !p.is_empty())
    }
}

/// The texts of a term with their places, to check each as the source's texts are checked.
#[derive(Deserialize)]
struct Located {
    term: Spanned<String>,
    #[serde(default)]
    variants: Vec<Spanned<String>>,
    #[serde(default)]
    preceded_by: Vec<Spanned<String>>,
    #[serde(default)]
    near: Vec<Spanned<String>>,
    #[serde(default)]
    not_near: Vec<Spanned<String>>,
    #[serde(default)]
    except: Vec<Spanned<String>>,
    #[serde(default)]
    defined_by: Vec<Spanned<String>>,
    replacement: Spanned<String>,
    reason: Spanned<String>,
    #[serde(default)]
    source: Option<Spanned<String>>,
}

impl Located {
    /// Every text of the term, by the key it is written under.
    fn texts(&self) -> impl Iterator<Item = (&'static str, &Spanned<String>)> {
        let lists = [
            ("variants", &self.variants),
            ("preceded_by", &self.preceded_by),
            ("near", &self.near),
            ("not_near", &self.not_near),
            ("except", &self.except),
            ("defined_by", &self.defined_by),
        ];
        [
            ("term", &self.term),
            ("replacement", &self.replacement),
            ("reason", &self.reason),
        ]
        .into_iter()
        .chain(self.source.iter().map(|s| ("source", s)))
        .chain(
            lists
                .into_iter()
                .flat_map(|(key, list)| list.iter().map(move |text| (key, text))),
        )
    }
}

/// The problems of a terminology list that parsed: an empty text (an empty `term` would
/// be matched nowhere, an empty phrase in `except` or `near` would change nothing, silently)
/// or one with a control character or a bidirectional override (it would reach every
/// warning unseen), each at its place, in file order.
fn check_terms(path: &Path, text: &str) -> Vec<Diagnostic> {
    let Ok(terms) = serde_saphyr::from_str::<Vec<Located>>(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (key, value) in terms.iter().flat_map(Located::texts) {
        let at = value.referenced;
        let problem = if value.value.trim().is_empty() {
            Problem::EmptyText {
                field: key.to_owned(),
            }
        } else if let Some(character) = value
            .value
            .chars()
            .find(|&c| crate::text::is_hidden_control(c))
        {
            Problem::ControlCharacter {
                field: key.to_owned(),
                character,
            }
        } else {
            continue;
        };
        found.push(Diagnostic::at(
            path,
            text,
            at.line() as usize,
            at.column() as usize,
            problem,
        ));
    }
    found.sort_by_key(|d| (d.line, d.column));
    found
}

/// Parses a terminology list, checking every text of it as the source's are checked;
/// `path` is only used in messages.
pub fn parse_terms(path: &Path, text: &str) -> Result<Vec<Term>> {
    let terms = parse_terms_unchecked(path, text)?;
    let problems = check_terms(path, text);
    if problems.is_empty() {
        Ok(terms)
    } else {
        Err(Error::Source(problems))
    }
}

/// Parses a terminology list without checking its texts.
fn parse_terms_unchecked(path: &Path, text: &str) -> Result<Vec<Term>> {
    serde_saphyr::from_str::<Vec<Term>>(text).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((0, 0), |l| (l.line() as usize, l.column() as usize));
        Error::Source(vec![Diagnostic::at(
            path,
            text,
            line,
            column,
            Problem::Syntax {
                detail: error
                    .without_snippet()
                    .render_with_formatter(&serde_saphyr::UserMessageFormatter),
            },
        )])
    })
}

/// The built-in terms, followed by those of `terms.yaml` beside `source_path`, if it exists
/// (a link there followed only as `links` says).
pub fn load_terms(source_path: &Path, links: Links) -> Result<Vec<Term>> {
    let mut terms = parse_terms(Path::new("(built-in) data/terms.yaml"), BUILT_IN_TERMS)?;
    let user = source_path
        .parent()
        .unwrap_or(Path::new(""))
        .join(USER_TERMS_FILE);
    if crate::fs::is_file_with(&user, links) {
        let text = crate::fs::read_to_string_with(&user, links)?;
        terms.extend(parse_terms(&user, &text)?);
    }
    Ok(terms)
}

/// `text` with full-width digits made half-width, character for character, so that
/// character positions stay the same; borrowed when it has none.
fn fold_digits(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| matches!(c, '０'..='９')) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Which characters a text may hold, as a 128-bit filter: a phrase with a character whose
/// bit is not set cannot be in the text. Most phrases of the list are in no text, and
/// ruling them out this way costs a few instructions a character instead of a search.
#[derive(Clone, Copy)]
struct Characters(u128);

impl Characters {
    fn of(text: &str) -> Characters {
        Characters(text.chars().fold(0, |bits, c| bits | Self::bit(c)))
    }

    fn bit(c: char) -> u128 {
        1 << (c as u32 % 128)
    }

    fn may_hold(self, phrase: &str) -> bool {
        phrase.chars().all(|c| self.0 & Self::bit(c) != 0)
    }
}

/// Byte ranges of every occurrence of `needle` in `haystack`; none for an empty needle.
fn occurrences<'a>(
    haystack: &'a str,
    needle: &'a str,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut from = 0;
    std::iter::from_fn(move || {
        if needle.is_empty() {
            return None;
        }
        let at = from + haystack.get(from..)?.find(needle)?;
        from = at + needle.len();
        Some((at, from))
    })
}

/// The byte range of the sentence around `start..end`: from the last 。 or line break
/// before it to the next one after it.
fn sentence(text: &str, start: usize, end: usize) -> &str {
    let is_break = |c: char| matches!(c, '。' | '\n');
    let from = text[..start].rfind(is_break).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let to = text[end..].find(is_break).map_or(text.len(), |i| end + i);
    &text[from..to]
}

/// A term found in a text: its byte range and the term.
struct Hit<'t> {
    start: usize,
    end: usize,
    term: &'t Term,
}

/// Every term of `terms` in `value`, each with the index of the character it starts at.
/// A phrase inside a longer phrase that is also reported (被保険者証 inside
/// 健康保険被保険者証の発行管理) is reported once, as the longer one.
pub fn find_terms(value: &str, terms: &[Term]) -> Vec<(usize, Problem)> {
    let folded = fold_digits(value);
    let held = Characters::of(&folded);
    let mut hits: Vec<Hit> = Vec::new();
    // Abbreviations are looked for across the whole source, by the lint.
    for term in terms.iter().filter(|t| !t.needs_definition()) {
        // Where the longer phrases that excuse this term stand, found once for all its hits
        // (a text holding a term thousands of times is searched once per phrase, not per hit).
        let exceptions: Vec<Vec<(usize, usize)>> = term
            .except
            .iter()
            .map(|longer| occurrences(&folded, &fold_digits(longer)).collect())
            .collect();
        for phrase in term.phrases() {
            let phrase = fold_digits(phrase);
            if !held.may_hold(&phrase) {
                continue;
            }
            for (start, end) in occurrences(&folded, &phrase) {
                if term.applies_at(&folded, start, end, &exceptions) {
                    hits.push(Hit { start, end, term });
                }
            }
        }
    }
    // Longest first at each place, so a phrase inside a reported one can be dropped: every
    // hit kept so far starts no later, so it is inside one exactly when one reaches as far.
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Hit> = Vec::new();
    let mut reach = 0;
    for hit in hits {
        if kept.is_empty() || hit.end > reach {
            reach = reach.max(hit.end);
            kept.push(hit);
        }
    }
    // Folding changed byte lengths but not characters: map back through character indices,
    // counted in one pass as the hits come in order.
    let bytes: Vec<usize> = value
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(value.len()))
        .collect();
    let byte_of = |char_index: usize| bytes.get(char_index).copied().unwrap_or(value.len());
    let (mut at, mut chars) = (0, 0);
    kept.into_iter()
        .map(|hit| {
            chars += folded[at..hit.start].chars().count();
            at = hit.start;
            let first = chars;
            let last = first + folded[hit.start..hit.end].chars().count();
            (
                first,
                hit.term.problem(&value[byte_of(first)..byte_of(last)]),
            )
        })
        .collect()
}

impl Term {
    /// Whether the phrase found at `start..end` of the (digit-folded) `text` is reported.
    /// `exceptions` holds where each phrase of `except` stands in `text`, in order.
    fn applies_at(
        &self,
        text: &str,
        start: usize,
        end: usize,
        exceptions: &[Vec<(usize, usize)>],
    ) -> bool {
        let before = &text[..start];
        if !self.preceded_by.is_empty()
            && !self
                .preceded_by
                .iter()
                .any(|p| !p.is_empty() && before.ends_with(fold_digits(p).as_ref()))
        {
            return false;
        }
        // The occurrences of one phrase do not overlap: the last one starting at or before
        // the hit is the only one that can hold it.
        let inside_exception = exceptions.iter().any(|found| {
            let before = found.partition_point(|&(s, _)| s <= start);
            before > 0 && end <= found[before - 1].1
        });
        if inside_exception {
            return false;
        }
        if self.near.is_empty() && self.not_near.is_empty() {
            return true;
        }
        let sentence = sentence(text, start, end);
        let mentions = |words: &[String]| {
            words
                .iter()
                .any(|w| !w.is_empty() && sentence.contains(fold_digits(w).as_ref()))
        };
        (self.near.is_empty() || mentions(&self.near)) && !mentions(&self.not_near)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn built_in() -> Vec<Term> {
        parse_terms(Path::new("t.yaml"), BUILT_IN_TERMS).unwrap()
    }

    /// The terms found in `text`, as (character index, phrase found, replacement).
    fn found(text: &str) -> Vec<(usize, String, String)> {
        find_terms(text, &built_in())
            .into_iter()
            .map(|(i, p)| match p {
                Problem::Term {
                    term, replacement, ..
                } => (i, term, replacement),
                other => panic!("not a term: {other:?}"),
            })
            .collect()
    }

    fn phrases(text: &str) -> Vec<String> {
        found(text).into_iter().map(|(_, t, _)| t).collect()
    }

    /// Entries whose day of effect is not yet confirmed against the promulgated law text;
    /// they carry their source, and no date rather than a guessed one.
    const UNDATED: [&str; 3] = ["番号法第19条第7号", "第19条第7号", "番号法別表第二"];

    #[test]
    fn every_built_in_entry_has_a_reason_a_source_and_a_date_and_parses() {
        let terms = built_in();
        assert!(terms.len() >= 45, "{} terms", terms.len());
        for term in &terms {
            assert!(!term.term.is_empty());
            assert!(!term.replacement.is_empty(), "{}", term.term);
            assert!(!term.reason.is_empty(), "{}", term.term);
            assert!(
                term.source.as_deref().is_some_and(|s| !s.is_empty()),
                "{} has no source",
                term.term
            );
            assert!(
                term.since.is_some() || UNDATED.contains(&term.term.as_str()),
                "{} has no date",
                term.term
            );
        }
    }

    /// The replacement found for the one term in `text`.
    fn replaced(text: &str) -> (String, String) {
        let f = found(text);
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        (f[0].1.clone(), f[0].2.clone())
    }

    #[test]
    fn other_insurers_cards_are_matched_whole_and_keep_their_insurer() {
        assert_eq!(
            replaced("国民健康保険被保険者証の写し"),
            (
                "国民健康保険被保険者証".to_owned(),
                "国民健康保険の資格確認書".to_owned()
            )
        );
        assert_eq!(
            replaced("後期高齢者医療被保険者証を提示"),
            (
                "後期高齢者医療被保険者証".to_owned(),
                "後期高齢者医療の資格確認書".to_owned()
            )
        );
        for text in ["国民健康保険被保険者証", "後期高齢者医療被保険者証"] {
            assert!(
                found(text)
                    .iter()
                    .all(|(_, _, r)| !r.contains("国民資格") && r != "資格確認書"),
                "{text}: {:?}",
                found(text)
            );
        }
    }

    #[test]
    fn cards_are_collected_as_qualification_certificates_never_as_my_number_cards() {
        for text in [
            "資格喪失時の健康保険証の回収",
            "保険証の回収",
            "被保険者証の返納",
        ] {
            let (_, replacement) = replaced(text);
            assert_eq!(replacement, "資格確認書等の回収", "{text}");
            assert!(!replacement.contains("マイナ"), "{text}");
        }
    }

    #[test]
    fn the_cards_cite_the_amending_act_and_the_day_issuing_stopped() {
        let terms = built_in();
        for name in ["被保険者証の発行管理", "健康保険被保険者証", "保険証"] {
            let term = terms.iter().find(|t| t.term == name).unwrap();
            let source = term.source.as_deref().unwrap();
            assert!(source.contains("令和5年法律第48号"), "{name}: {source}");
            assert!(source.contains("附則"), "{name}: {source}");
            assert!(!source.starts_with("健康保険法"), "{name}: {source}");
        }
        let issuing = terms
            .iter()
            .find(|t| t.term == "被保険者証の発行管理")
            .unwrap();
        assert_eq!(
            issuing.since.map(|d| d.to_string()).as_deref(),
            Some("2024-12-02")
        );
    }

    #[test]
    fn the_old_elderly_contribution_has_its_two_successors() {
        assert_eq!(
            replaced("老人保健拠出金の納付"),
            (
                "老人保健拠出金".to_owned(),
                "後期高齢者支援金及び前期高齢者納付金".to_owned()
            )
        );
        assert_eq!(
            replaced("老人保健法に基づく"),
            (
                "老人保健法".to_owned(),
                "高齢者の医療の確保に関する法律".to_owned()
            )
        );
    }

    #[test]
    fn the_articles_of_2003_are_found_by_their_subject() {
        for (text, old, new) in [
            (
                "個人情報保護法第24条に基づき公表する事項",
                "第24条",
                "第32条",
            ),
            ("個人情報保護法第25条に基づく開示の求め", "第25条", "第33条"),
            ("個人情報保護法第26条に基づく訂正等", "第26条", "第34条"),
            (
                "個人情報保護法第27条に基づく保有個人データの利用停止等",
                "第27条",
                "第35条",
            ),
            (
                "個人情報保護法第29条に定める開示等の求めに応じる手続",
                "第29条",
                "第37条",
            ),
            ("個人情報保護法第30条に基づく手数料", "第30条", "第38条"),
            ("個人情報保護法第31条に基づく苦情の処理", "第31条", "第40条"),
            (
                "個人情報保護法第2条第3項に規定する個人情報取扱事業者",
                "第2条第3項",
                "第16条第2項",
            ),
        ] {
            let f: Vec<_> = found(text)
                .into_iter()
                .filter(|(_, t, _)| t == old)
                .collect();
            assert_eq!(f.len(), 1, "{text}: {:?}", found(text));
            assert_eq!(f[0].2, new, "{text}");
        }
    }

    #[test]
    fn the_articles_of_2017_to_2022_are_found_by_their_subject() {
        for (text, old, new) in [
            (
                "個人情報保護法第20条に基づく安全管理措置",
                "第20条",
                "第23条",
            ),
            (
                "個人情報保護法第22条に基づく委託先の監督",
                "第22条",
                "第25条",
            ),
            (
                "個人情報保護法第29条に基づく訂正等の請求",
                "第29条",
                "第34条",
            ),
            (
                "個人情報保護法第30条に基づく利用停止等の請求",
                "第30条",
                "第35条",
            ),
            (
                "個人情報保護法第32条に定める開示等の請求等に応じる手続",
                "第32条",
                "第37条",
            ),
            ("個人情報保護法第33条に定める手数料", "第33条", "第38条"),
            ("個人情報保護法第35条に基づく苦情の処理", "第35条", "第40条"),
            (
                "個人情報保護法施行令第8条に定める苦情の申出先",
                "第8条",
                "第10条",
            ),
        ] {
            let f: Vec<_> = found(text)
                .into_iter()
                .filter(|(_, t, _)| t == old)
                .collect();
            assert_eq!(f.len(), 1, "{text}: {:?}", found(text));
            assert_eq!(f[0].2, new, "{text}");
        }
    }

    #[test]
    fn the_current_articles_are_left_alone() {
        for text in [
            "個人情報保護法第23条に基づく安全管理措置",
            "個人情報保護法第25条に基づく委託先の監督",
            "個人情報保護法第26条に基づく漏えい等の報告",
            "個人情報保護法第29条に基づく第三者提供に係る記録の作成",
            "個人情報保護法第32条第1項に定める保有個人データに関する事項の公表",
            "個人情報保護法第33条に基づく開示の請求の手数料",
            "個人情報保護法第34条に基づく訂正等の請求",
            "個人情報保護法第35条に基づく利用停止等の請求",
            "個人情報保護法第37条に定める開示等の請求等に応じる手続",
            "個人情報保護法第38条に定める手数料",
            "個人情報保護法第40条に基づく苦情の処理",
            "個人情報保護法第2条第3項に規定する要配慮個人情報",
            "個人情報保護法施行令第10条に定める苦情の申出先",
            "健康保険法施行令第8条に定める事項",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn the_terms_changed_in_2017_are_found() {
        for (text, old, new) in [
            (
                "センシティブ情報の取扱い",
                "センシティブ情報",
                "要配慮個人情報",
            ),
            ("機微情報の取扱い", "機微情報", "要配慮個人情報"),
            ("開示等の求めに応じる手続", "開示等の求め", "開示等の請求"),
            (
                "変更前の利用目的と相当の関連性を有すると合理的に認められる範囲",
                "相当の関連性",
                "関連性",
            ),
            (
                "被保険者資格証明書の交付",
                "被保険者資格証明書",
                "資格確認書",
            ),
            (
                "保険証の記号・番号の告知",
                "保険証の記号・番号",
                "被保険者等記号・番号",
            ),
            ("年金手帳の写し", "年金手帳", "基礎年金番号通知書"),
        ] {
            assert_eq!(replaced(text), (old.to_owned(), new.to_owned()), "{text}");
        }
        assert!(found("利用目的の通知の求め").is_empty());
    }

    #[test]
    fn the_number_act_under_its_full_title_with_the_old_item_is_found() {
        let title = "行政手続における特定の個人を識別するための番号の利用等に関する法律";
        let f = found(&format!("{title}第19条第7号に基づく情報連携"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(
            (f[0].1.as_str(), f[0].2.as_str()),
            ("第19条第7号", "第19条第8号")
        );
        assert!(found(&format!("{title}第19条第8号に基づく情報連携")).is_empty());
        let terms = built_in();
        let nickname = terms.iter().find(|t| t.term == "マイナンバー法").unwrap();
        assert!(nickname.needs_definition());
        assert!(!nickname.is_defined_in("マイナンバー法に基づく"));
    }

    #[test]
    fn official_writing_uses_kana_for_tame_and_kara_for_a_source() {
        assert_eq!(
            replaced("給付の為に利用"),
            ("為".to_owned(), "ため".to_owned())
        );
        assert_eq!(
            replaced("医療機関より取得した情報"),
            ("より取得".to_owned(), "から取得".to_owned())
        );
        assert_eq!(
            replaced("他機関より情報を受ける場合"),
            ("より情報を受け".to_owned(), "から情報を受け".to_owned())
        );
        for text in [
            "第三者行為による傷病",
            "為替による送金",
            "法令により取得した情報",
            "法令により提供する場合",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn renamed_bodies_and_systems_are_found() {
        for (text, old, new) in [
            ("社会保険庁への届出", "社会保険庁", "日本年金機構"),
            ("社会保険事務所に提出", "社会保険事務所", "年金事務所"),
            (
                "政府管掌健康保険の被保険者",
                "政府管掌健康保険",
                "全国健康保険協会管掌健康保険（協会けんぽ）",
            ),
            ("老人保健制度の対象者", "老人保健制度", "後期高齢者医療制度"),
            (
                "特定個人情報保護委員会の規則",
                "特定個人情報保護委員会",
                "個人情報保護委員会",
            ),
        ] {
            let f = found(text);
            assert_eq!(f.len(), 1, "{text}: {f:?}");
            assert_eq!((f[0].1.as_str(), f[0].2.as_str()), (old, new), "{text}");
        }
        assert_eq!(phrases("通知カードの写し"), ["通知カード"]);
    }

    #[test]
    fn current_names_are_not_reported() {
        for text in [
            "日本年金機構への届出",
            "年金事務所に提出",
            "全国健康保険協会管掌健康保険",
            "後期高齢者医療制度",
            "個人情報保護委員会の規則",
            "介護老人保健施設の利用",
            "マイナ保険証による受診",
            "資格確認書及び資格情報のお知らせの交付",
            "介護保険被保険者証の写し",
            "個人番号カード",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn the_card_is_reported_with_a_suggestion_that_fits_the_sentence() {
        let f = found("被扶養者の認定並びに健康保険被保険者証の発行管理");
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].0, 10);
        assert_eq!(f[0].1, "健康保険被保険者証の発行管理");
        assert_eq!(f[0].2, "資格確認書及び資格情報のお知らせの交付");
        for card in ["健康保険被保険者証", "被保険者証", "健康保険証", "保険証"]
        {
            let text = format!("受診の際は{card}を提示");
            assert_eq!(phrases(&text), [card], "{text}");
        }
        let terms = built_in();
        let term = terms
            .iter()
            .find(|t| t.term == "保険証")
            .expect("保険証 is listed");
        assert_eq!(
            term.since.map(|d| d.to_string()).as_deref(),
            Some("2025-12-02")
        );
    }

    #[test]
    fn old_article_numbers_are_reported_only_next_to_their_subject() {
        assert_eq!(
            found("個人情報保護法第23条に基づく第三者提供"),
            [(7, "第23条".to_owned(), "第27条".to_owned())]
        );
        assert_eq!(
            phrases("個人情報の保護に関する法律第２３条第１項により第三者に提供"),
            ["第２３条"]
        );
        assert_eq!(
            phrases("個人情報保護法第27条に定める保有個人データに関する事項"),
            ["第27条"]
        );
        assert_eq!(
            phrases("個人情報保護法第18条に基づく利用目的の通知"),
            ["第18条"]
        );
        // The current numbers, and old numbers without their subject, are left alone.
        for text in [
            "個人情報保護法第27条に基づく第三者提供",
            "個人情報保護法第32条に定める保有個人データに関する事項",
            "個人情報保護法第18条（利用目的による制限）",
            "個人情報保護法第23条",
            "番号法第23条に基づく第三者への提供",
        ] {
            assert!(found(text).is_empty(), "{text}: {:?}", found(text));
        }
    }

    #[test]
    fn the_renumbered_item_and_the_abolished_table_of_the_number_act_are_reported() {
        let definition = "行政手続における特定の個人を識別するための番号の利用等に関する法律（以下「番号法」という。）";
        assert!(found(&format!("{definition}第19条第8号に基づく情報連携")).is_empty());
        let f = found("番号法第19条第7号において定められた");
        assert!(
            f.iter()
                .any(|(i, t, r)| *i == 0 && t == "番号法第19条第7号" && r == "番号法第19条第8号"),
            "{f:?}"
        );
        assert!(found("番号法第19条第8号").is_empty());
        assert!(phrases("番号法別表第二に定める事務").contains(&"番号法別表第二".to_owned()));
    }

    #[test]
    fn the_old_guidance_is_reported() {
        assert_eq!(
            phrases("厚生労働省が示したガイドラインにおいて"),
            ["厚生労働省が示したガイドライン"]
        );
        assert!(
            found("個人情報保護委員会・厚生労働省「健康保険組合等における個人情報の適切な取扱いのためのガイダンス」").is_empty()
        );
    }

    #[test]
    fn an_abbreviation_is_known_to_need_its_definition() {
        let terms = built_in();
        let number_act = terms.iter().find(|t| t.term == "番号法").unwrap();
        assert!(number_act.needs_definition());
        assert!(number_act.is_defined_in("…に関する法律（以下「番号法」という。）"));
        assert!(!number_act.is_defined_in("番号法に定める利用事務"));
    }

    #[test]
    fn the_character_filter_keeps_every_phrase_a_text_holds() {
        for term in built_in() {
            for phrase in term.phrases() {
                let phrase = fold_digits(phrase);
                let text = format!("前の文。{phrase}の後");
                assert!(Characters::of(&text).may_hold(&phrase), "{phrase}");
            }
        }
        // A phrase with a character the text lacks is ruled out without a search.
        assert!(!Characters::of("健康保険").may_hold("番号法"));
    }

    #[test]
    fn an_empty_phrase_finds_nothing_and_ends() {
        let empty = Term {
            term: String::new(),
            variants: vec![String::new()],
            preceded_by: vec![String::new()],
            near: vec![],
            not_near: vec![String::new()],
            except: vec![String::new()],
            defined_by: vec![],
            replacement: "x".into(),
            reason: "y".into(),
            since: None,
            source: None,
        };
        assert!(find_terms("どの文でも", &[empty]).is_empty());
    }
}
