//! The terminology list: outdated or mistaken terms, each with the phrases that write it,
//! the context it must appear in, what to write instead, why, since when and by which law.
//!
//! The list is data (`data/terms.yaml`, and a society's own `terms.yaml`); this module reads
//! it and finds its entries in a text.

use std::borrow::Cow;
use std::path::Path;

use serde::Deserialize;

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

/// Parses a terminology list; `path` is only used in messages.
pub fn parse_terms(path: &Path, text: &str) -> Result<Vec<Term>> {
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
        for phrase in term.phrases() {
            let phrase = fold_digits(phrase);
            if !held.may_hold(&phrase) {
                continue;
            }
            for (start, end) in occurrences(&folded, &phrase) {
                if term.applies_at(&folded, start, end) {
                    hits.push(Hit { start, end, term });
                }
            }
        }
    }
    // Longest first at each place, so a phrase inside a reported one can be dropped.
    hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end)));
    let mut kept: Vec<Hit> = Vec::new();
    for hit in hits {
        let inside = kept
            .iter()
            .any(|k| k.start <= hit.start && hit.end <= k.end);
        if !inside {
            kept.push(hit);
        }
    }
    // Folding changed byte lengths but not characters: map back through character indices.
    let byte_of = |char_index: usize| {
        value
            .char_indices()
            .nth(char_index)
            .map_or(value.len(), |(b, _)| b)
    };
    kept.into_iter()
        .map(|hit| {
            let first = folded[..hit.start].chars().count();
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
    fn applies_at(&self, text: &str, start: usize, end: usize) -> bool {
        let before = &text[..start];
        if !self.preceded_by.is_empty()
            && !self
                .preceded_by
                .iter()
                .any(|p| !p.is_empty() && before.ends_with(fold_digits(p).as_ref()))
        {
            return false;
        }
        let inside_exception = self.except.iter().any(|longer| {
            let longer = fold_digits(longer);
            occurrences(text, &longer).any(|(s, e)| s <= start && end <= e)
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

    #[test]
    fn every_built_in_entry_has_a_reason_and_a_law_and_parses() {
        let terms = built_in();
        assert!(terms.len() >= 20, "{} terms", terms.len());
        for term in &terms {
            assert!(!term.term.is_empty());
            assert!(!term.replacement.is_empty(), "{}", term.term);
            assert!(!term.reason.is_empty(), "{}", term.term);
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
