//! Japanese line breaking (禁則処理) for fixed-width text.
//!
//! The character classes follow JIS X 4051 (日本語文書の組版方法) as summarised by the W3C's
//! *Requirements for Japanese Text Layout* (jlreq, §3.1.7 and Appendix A): closing brackets,
//! hyphens, dividing punctuation, middle dots, full stops, commas, iteration marks, the
//! prolonged sound mark and small kana never start a line; opening brackets never end one;
//! inseparable characters (…… ‥‥ —— ――) and runs of digits or Latin letters are never split.
//! The last line of a paragraph never holds a single character alone (widow control) where
//! the break before it may move one piece earlier.

use crate::text::width::{char_width, str_width};

/// Characters that must not begin a line (行頭禁則): jlreq classes cl-02 closing brackets,
/// cl-03 hyphens, cl-04 dividing punctuation, cl-05 middle dots, cl-06 full stops,
/// cl-07 commas, cl-09 iteration marks, cl-10 prolonged sound mark, cl-11 small kana,
/// and their ASCII forms.
pub const NO_LINE_START: &str = concat!(
    "’”）〕］｝〉》」』】｠〙〗",
    "‐〜～゠–",
    "！？‼⁇⁈⁉",
    "・：；",
    "。．",
    "、，",
    "ヽヾゝゞ々〻",
    "ー",
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ",
    ")]},.!?:;",
);

/// Characters that must not end a line (行末禁則): jlreq class cl-01 opening brackets and
/// their ASCII forms.
pub const NO_LINE_END: &str = "‘“（〔［｛〈《「『【｟〘〖([{";

/// Characters that are never separated from an identical neighbour (分離禁止, jlreq cl-08):
/// the ellipses and the dashes, U+2014 EM DASH and U+2015 HORIZONTAL BAR, the dash that
/// Japanese text and Shift_JIS use (「――」).
pub const INSEPARABLE: &str = "…‥—―";

/// Punctuation that may hang one character past the margin with [`Punctuation::Hang`].
pub const HANGABLE: &str = "、。，．,.";

/// What to do with punctuation that would begin a line: the mailing text's
/// `mailing.punctuation` in purposes.yaml.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(description = "What to do with punctuation that would begin a line.")]
pub enum Punctuation {
    /// 追い出し: the character before it goes to the next line along with it.
    #[default]
    PushOut,
    /// ぶら下げ: 、。，． hang one character past the margin.
    Hang,
}

/// How to wrap a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrapOptions {
    /// The line width in display columns (a full-width character is 2).
    pub width: usize,
    /// Printed before the first line (e.g. 「　」 or 「・」).
    pub first_indent: String,
    /// Printed before every following line (e.g. two spaces under a 「・」 bullet).
    pub rest_indent: String,
    /// What to do with punctuation at the margin.
    pub overflow: Punctuation,
}

impl WrapOptions {
    /// Wrapping at `width` columns with no indentation and 追い出し.
    pub fn new(width: usize) -> WrapOptions {
        WrapOptions {
            width,
            first_indent: String::new(),
            rest_indent: String::new(),
            overflow: Punctuation::PushOut,
        }
    }
}

/// A wrapped paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wrapped {
    /// The lines, indentation included, without line terminators.
    pub lines: Vec<String>,
    /// Unbreakable runs (a long URL) wider than a whole line, which had to be split.
    pub split_runs: Vec<String>,
    /// The indices of the lines that begin inside a split run (a forced break, where the
    /// rules of 禁則処理 could not be kept); every other break is a soft wrap that keeps them.
    pub forced_breaks: Vec<usize>,
}

/// Every set [`is_in`] answers for, in the order of their bits in [`CLASSES`].
const SETS: [&str; 4] = [NO_LINE_START, NO_LINE_END, INSEPARABLE, HANGABLE];

/// One of [`SETS`], by its bit: named so that a lookup is one load and one test.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    NoLineStart = 0,
    NoLineEnd = 1,
    Inseparable = 2,
    Hangable = 3,
}

/// The sets above as bits of a two-level table over the Basic Multilingual Plane, where
/// every member lies: one lookup per character instead of a search of each set. Built at
/// compile time (built at run time, the first line break of a process cost ~30 µs).
static CLASSES: Classes = Classes::build();

/// Blocks of 256 code points; block 0 is all zeros and stands for every block with no
/// member. Five blocks hold members: ASCII, general punctuation, CJK punctuation and
/// kana, small katakana, and the full-width forms.
const BLOCKS: usize = 6;

struct Classes {
    /// Which block holds each run of 256 code points, by the code point's high byte.
    index: [u8; 256],
    blocks: [[u8; 256]; BLOCKS],
}

impl Classes {
    const fn build() -> Classes {
        let mut classes = Classes {
            index: [0; 256],
            blocks: [[0; 256]; BLOCKS],
        };
        let mut used = 1;
        let mut bit = 0;
        while bit < SETS.len() {
            let bytes = SETS[bit].as_bytes();
            let mut at = 0;
            while at < bytes.len() {
                let (code, len) = decode_bmp(bytes, at);
                let high = code >> 8;
                if classes.index[high] == 0 {
                    assert!(used < BLOCKS, "BLOCKS is too small for the sets");
                    classes.index[high] = used as u8;
                    used += 1;
                }
                classes.blocks[classes.index[high] as usize][code & 0xFF] |= 1 << bit;
                at += len;
            }
            bit += 1;
        }
        classes
    }

    fn get(&self, code: usize) -> u8 {
        self.blocks[self.index[code >> 8] as usize][code & 0xFF]
    }
}

/// The code point of the UTF-8 character at `at` in `bytes`, and its length; the sets hold
/// only characters of one to three bytes (the Basic Multilingual Plane).
const fn decode_bmp(bytes: &[u8], at: usize) -> (usize, usize) {
    let b = bytes[at] as usize;
    if b < 0x80 {
        (b, 1)
    } else if b >> 5 == 0b110 {
        (((b & 0x1F) << 6) | (bytes[at + 1] as usize & 0x3F), 2)
    } else if b >> 4 == 0b1110 {
        let code = ((b & 0x0F) << 12)
            | ((bytes[at + 1] as usize & 0x3F) << 6)
            | (bytes[at + 2] as usize & 0x3F);
        (code, 3)
    } else {
        panic!("a character outside the Basic Multilingual Plane in a class set")
    }
}

fn is_in(class: Class, c: char) -> bool {
    let code = c as usize;
    code < 0x10000 && CLASSES.get(code) & (1 << class as u8) != 0
}

/// A piece of text that is never broken, and its width in columns.
struct Unit<'a> {
    text: &'a str,
    width: usize,
}

/// Whether a character belongs to a run that is never broken: 1 for ASCII letters, digits
/// and URL punctuation (and Latin letters with accents), 2 for full-width digits, 0 for any
/// other character, which stands alone.
fn run_class(c: char) -> u8 {
    if c.is_ascii_graphic() || ('\u{00C0}'..='\u{024F}').contains(&c) && c != '×' && c != '÷' {
        1
    } else if ('０'..='９').contains(&c) {
        2
    } else {
        0
    }
}

/// Splits text into the smallest pieces that may be separated by a line break. The pieces
/// are consecutive slices of `text`; each character is looked at once.
fn units(text: &str) -> Vec<Unit<'_>> {
    let mut units: Vec<Unit<'_>> = Vec::new();
    // Where the last piece begins, so gluing a token to it extends it.
    let mut last_start = 0;
    // The last piece's last character, and its last one that is not a space (an opening
    // bracket followed by spaces still holds on to what follows).
    let mut last: Option<char> = None;
    let mut last_visible: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        // One token: a run of one class, or a single other character.
        let mut end = start + c.len_utf8();
        let mut width = char_width(c);
        let mut token_last = c;
        let class = run_class(c);
        if class != 0 {
            while let Some(&(at, next)) = chars.peek() {
                if run_class(next) != class {
                    break;
                }
                end = at + next.len_utf8();
                width += char_width(next);
                token_last = next;
                chars.next();
            }
        }
        let token_visible = (token_last != ' ').then_some(token_last);
        let glue = last.is_some_and(|last| {
            is_in(Class::NoLineStart, c)
                || last_visible.is_some_and(|v| is_in(Class::NoLineEnd, v))
                || is_in(Class::NoLineEnd, last)
                || (c == last && is_in(Class::Inseparable, c))
                || c == ' '
                || c == '\u{3000}' && last == '\u{3000}'
        });
        match units.last_mut() {
            Some(previous) if glue => {
                previous.text = &text[last_start..end];
                previous.width += width;
                last_visible = token_visible.or(last_visible);
            }
            _ => {
                last_start = start;
                units.push(Unit {
                    text: &text[start..end],
                    width,
                });
                last_visible = token_visible;
            }
        }
        last = Some(token_last);
    }
    units
}

/// Wraps one paragraph (no line feeds in it) with Japanese line-breaking rules.
///
/// No line is wider than `options.width`, except by one hanging 、。 with
/// [`Punctuation::Hang`]; a single unbreakable run wider than a whole line is split and
/// reported in [`Wrapped::split_runs`] (a run of dashes or ellipses only between pairs, never
/// leaving one alone). The last line never holds a single character alone when the break
/// before it can move one piece earlier. Removing the indentation and joining the lines
/// gives back the text.
pub fn wrap(text: &str, options: &WrapOptions) -> Wrapped {
    let mut wrapped = Wrapped::default();
    let mut line = Line::new(&options.first_indent);
    // Each finished line's last whole piece: where it begins, and how many pieces the line has.
    let mut ends: Vec<Line> = Vec::new();
    for Unit {
        text: unit,
        width: unit_width,
    } in units(text)
    {
        let fits = line.used + unit_width <= options.width;
        let hangs = !fits && options.overflow == Punctuation::Hang && !line.is_empty() && {
            let last = unit.chars().last().expect("unit is not empty");
            is_in(Class::Hangable, last)
                && line.used + unit_width - char_width(last) <= options.width
        };
        if fits || hangs {
            line.push_unit(unit, unit_width);
            continue;
        }
        if !line.is_empty() {
            let next = Line::new(&options.rest_indent);
            let done = std::mem::replace(&mut line, next);
            wrapped.lines.push(done.text.clone());
            ends.push(done);
        }
        if line.used + unit_width <= options.width {
            line.push_unit(unit, unit_width);
            continue;
        }
        // Wider than a whole line: split it where it must be, and say so.
        wrapped.split_runs.push(unit.to_owned());
        let indent = str_width(&options.rest_indent);
        for piece in unsplittable_pieces(unit) {
            let w = str_width(piece);
            if line.used + w > options.width && line.used > indent {
                let next = Line::new(&options.rest_indent);
                let done = std::mem::replace(&mut line, next);
                wrapped.lines.push(done.text.clone());
                ends.push(done);
                wrapped.forced_breaks.push(wrapped.lines.len());
            }
            line.push_forced(piece, w);
        }
    }
    if !line.is_empty() || wrapped.lines.is_empty() {
        wrapped.lines.push(line.text.clone());
        ends.push(line);
    }
    avoid_a_widow(&mut wrapped, &ends, options);
    wrapped
}

/// A line being filled.
struct Line {
    text: String,
    /// Its width in columns, indentation included.
    used: usize,
    /// Where its last piece begins (a byte offset in `text`).
    last_start: usize,
    /// How many whole pieces it holds; `None` once part of a split run is on it.
    pieces: Option<usize>,
}

impl Line {
    fn new(indent: &str) -> Line {
        Line {
            text: indent.to_owned(),
            used: str_width(indent),
            last_start: indent.len(),
            pieces: Some(0),
        }
    }

    fn is_empty(&self) -> bool {
        self.pieces == Some(0)
    }

    fn push_unit(&mut self, unit: &str, width: usize) {
        self.last_start = self.text.len();
        self.text.push_str(unit);
        self.used += width;
        self.pieces = self.pieces.map(|n| n + 1);
    }

    fn push_forced(&mut self, piece: &str, width: usize) {
        self.last_start = self.text.len();
        self.text.push_str(piece);
        self.used += width;
        self.pieces = None;
    }
}

/// The widest a piece of a split run grows by holding on to its punctuation.
const MAX_PIECE_WIDTH: usize = 8;

/// The pieces a run wider than a line may be split into: single characters, except that a
/// run of one repeated inseparable character (―― ……) splits only between pairs and never
/// leaves one alone (an odd run ends with three), and that a closing bracket or punctuation
/// stays with the piece before it, an opening bracket with the piece after it, as far as
/// [`MAX_PIECE_WIDTH`] allows.
fn unsplittable_pieces(unit: &str) -> Vec<&str> {
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    let mut chars = unit.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let end = start + c.len_utf8();
        if !is_in(Class::Inseparable, c) {
            ranges.push((start, end));
            continue;
        }
        let mut run = vec![end];
        while let Some(&(at, next)) = chars.peek() {
            if next != c {
                break;
            }
            run.push(at + next.len_utf8());
            chars.next();
        }
        // `run[k]` is where the run's (k + 1)th character ends: cut after every second
        // one, the last piece taking three characters when the run is odd.
        let mut from = start;
        let mut k = 1;
        while k < run.len() {
            let to = if run.len() - k == 2 { run.len() - 1 } else { k };
            ranges.push((from, run[to]));
            from = run[to];
            k = to + 2;
        }
        if from < run[run.len() - 1] {
            ranges.push((from, run[run.len() - 1]));
        }
    }
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (start, end) in ranges {
        if let Some(previous) = pieces.last_mut() {
            let first = unit[start..end]
                .chars()
                .next()
                .expect("a piece is not empty");
            let last = unit[previous.0..previous.1]
                .chars()
                .last()
                .expect("not empty");
            let holds = is_in(Class::NoLineStart, first) || is_in(Class::NoLineEnd, last);
            if holds && str_width(&unit[previous.0..end]) <= MAX_PIECE_WIDTH {
                previous.1 = end;
                continue;
            }
        }
        pieces.push((start, end));
    }
    pieces
        .into_iter()
        .map(|(start, end)| &unit[start..end])
        .collect()
}

/// Whether the text of a last line (after its indentation) is a single character alone,
/// not counting the closing brackets and punctuation that follow it.
fn is_a_widow(body: &str) -> bool {
    let mut chars = body.trim_end_matches([' ', '\u{3000}']).chars().rev();
    let core = chars.by_ref().skip_while(|&c| is_in(Class::NoLineStart, c));
    core.count() == 1
}

/// 泣き別れ: when the last line holds one character alone, takes the last piece of the
/// line before down with it, if that line keeps a piece and the last line still fits.
fn avoid_a_widow(wrapped: &mut Wrapped, ends: &[Line], options: &WrapOptions) {
    let count = wrapped.lines.len();
    if count < 2 || ends.len() != count {
        return;
    }
    let (before, last) = (&ends[count - 2], &ends[count - 1]);
    let body = &last.text[options.rest_indent.len()..];
    if !is_a_widow(body) || last.pieces.is_none() || before.pieces.is_none_or(|n| n < 2) {
        return;
    }
    let moved = &before.text[before.last_start..];
    let joined = format!("{}{moved}{body}", options.rest_indent);
    if str_width(&joined) > options.width {
        return;
    }
    wrapped.lines[count - 2] = before.text[..before.last_start].to_owned();
    wrapped.lines[count - 1] = joined;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_of_is_in_agrees_with_the_sets() {
        let classes = [
            (NO_LINE_START, Class::NoLineStart),
            (NO_LINE_END, Class::NoLineEnd),
            (INSEPARABLE, Class::Inseparable),
            (HANGABLE, Class::Hangable),
        ];
        for (set, class) in classes {
            assert_eq!(SETS[class as usize], set, "{class:?} names its own bit");
            for c in set.chars() {
                assert!(is_in(class, c), "{c} is in its set");
            }
            for (other_set, _) in classes {
                for c in other_set.chars().filter(|&c| !set.contains(c)) {
                    assert!(!is_in(class, c), "{c} is not in {class:?}");
                }
            }
        }
        assert!(!is_in(Class::NoLineStart, '漢') && !is_in(Class::NoLineEnd, 'a'));
    }

    #[test]
    fn the_compiled_table_matches_the_sets_over_the_whole_plane() {
        let classes = [
            Class::NoLineStart,
            Class::NoLineEnd,
            Class::Inseparable,
            Class::Hangable,
        ];
        for c in (0..=0xFFFF_u32).filter_map(char::from_u32) {
            for class in classes {
                assert_eq!(
                    is_in(class, c),
                    SETS[class as usize].contains(c),
                    "{c:?} in {class:?}"
                );
            }
        }
        assert!(!is_in(Class::NoLineStart, '\u{1F600}'));
    }

    fn lines(text: &str, width: usize) -> Vec<String> {
        wrap(text, &WrapOptions::new(width)).lines
    }

    #[test]
    fn fills_lines_to_the_width() {
        assert_eq!(
            lines("あいうえおかきくけこ", 10),
            ["あいうえお", "かきくけこ"]
        );
    }

    #[test]
    fn pushes_a_character_out_rather_than_start_a_line_with_punctuation() {
        // 「。」 would start line 2: the 「お」 before it goes along (追い出し).
        assert_eq!(lines("あいうえお。かきく", 10), ["あいうえ", "お。かきく"]);
        // (and 「き」 takes 「か」 along rather than stand alone on the last line).
        assert_eq!(lines("あいうえ」」かき", 8), ["あいう", "え」」", "かき"]);
    }

    #[test]
    fn never_ends_a_line_with_an_opening_bracket() {
        assert_eq!(lines("あいう「えお」", 8), ["あいう", "「えお」"]);
    }

    #[test]
    fn hangs_punctuation_when_asked() {
        let options = WrapOptions {
            overflow: Punctuation::Hang,
            ..WrapOptions::new(10)
        };
        assert_eq!(
            wrap("あいうえお。かき", &options).lines,
            ["あいうえお。", "かき"]
        );
    }

    #[test]
    fn keeps_digit_runs_and_latin_words_whole() {
        assert_eq!(lines("あいう19,800円", 10), ["あいう", "19,800円"]);
        assert_eq!(lines("あいう２０２５年", 10), ["あいう", "２０２５年"]);
        assert_eq!(
            lines("see https://example.jp/a ok", 24),
            ["see ", "https://example.jp/a ok"]
        );
    }

    #[test]
    fn splits_and_reports_a_run_wider_than_the_line() {
        let wrapped = wrap("https://example.jp/very/long/path", &WrapOptions::new(10));
        assert_eq!(wrapped.split_runs, ["https://example.jp/very/long/path"]);
        assert!(wrapped.lines.iter().all(|l| str_width(l) <= 10));
        assert_eq!(wrapped.lines.concat(), "https://example.jp/very/long/path");
    }

    #[test]
    fn indents_first_and_following_lines() {
        let options = WrapOptions {
            first_indent: "・".into(),
            rest_indent: "　".into(),
            ..WrapOptions::new(10)
        };
        assert_eq!(
            wrap("あいうえおかき", &options).lines,
            ["・あいうえ", "　おかき"]
        );
    }

    #[test]
    fn keeps_inseparable_pairs_together() {
        assert_eq!(lines("あいうえ……", 10), ["あいうえ", "……"]);
        assert_eq!(lines("あいう——えお", 8), ["あいう", "——えお"]);
    }

    #[test]
    fn a_run_of_dashes_is_one_piece_however_long() {
        assert_eq!(lines("あいうえ――", 10), ["あいうえ", "――"]);
        assert_eq!(lines("あいう―――えお", 10), ["あいう", "―――えお"]);
        let wrapped = wrap("あいうえ――――", &WrapOptions::new(10));
        assert_eq!(wrapped.lines, ["あいうえ", "――――"]);
        assert!(wrapped.split_runs.is_empty());
    }

    #[test]
    fn a_run_of_dashes_wider_than_the_line_splits_between_pairs_and_says_so() {
        let run = "―".repeat(13);
        let wrapped = wrap(&run, &WrapOptions::new(10));
        assert_eq!(wrapped.split_runs, [run.as_str()]);
        // Ten columns hold five dashes: the break goes back to four, and the last seven
        // end with three rather than leave one alone.
        assert_eq!(wrapped.lines, ["――――", "――――", "―――――"]);
        assert_eq!(wrapped.forced_breaks, [1, 2]);
        let dots = "…".repeat(11);
        let wrapped = wrap(&format!("あ{dots}"), &WrapOptions::new(10));
        assert_eq!(wrapped.lines, ["あ", "…………", "…………", "………"]);
    }

    #[test]
    fn a_split_run_keeps_its_brackets_with_their_neighbours() {
        let wrapped = wrap("（https://example.jp/abcd）", &WrapOptions::new(10));
        assert_eq!(wrapped.lines, ["（https://", "example.jp", "/abcd）"]);
        let wrapped = wrap("（https://example.jp/abcdefgh）", &WrapOptions::new(12));
        assert_eq!(wrapped.lines, ["（https://ex", "ample.jp/abc", "defgh）"]);
    }

    #[test]
    fn the_last_line_never_holds_one_character_alone() {
        // 「支払／い」 and 「委／託」 of the seed mailing: the break moves one piece earlier.
        assert_eq!(
            lines("あいうえおかき支払い", 18),
            ["あいうえおかき支", "払い"]
        );
        assert_eq!(
            lines("あいうえおかきく委託", 18),
            ["あいうえおかきく", "委託"]
        );
        // A closing bracket or 。 after the character does not make it company.
        assert_eq!(
            lines("あいうえおかきくけこい）。", 20),
            ["あいうえおかきくけ", "こい）。"]
        );
        // A line of one piece has nothing to give.
        assert_eq!(lines("あ——————い", 12), ["あ", "——————", "い"]);
        // Indentation is kept on both lines.
        let options = WrapOptions {
            first_indent: "・".into(),
            rest_indent: "　".into(),
            ..WrapOptions::new(20)
        };
        assert_eq!(
            wrap("あいうえおかきく委託", &options).lines,
            ["・あいうえおかきく", "　委託"]
        );
    }

    #[test]
    fn an_opening_bracket_before_a_space_holds_on_to_the_next_word() {
        assert_eq!(lines("あいう( foo", 8), ["あいう", "( foo"]);
    }

    #[test]
    fn reports_the_forced_breaks_of_a_split_run() {
        let wrapped = wrap("あ https://example.jp/abcdefgh", &WrapOptions::new(10));
        assert_eq!(
            wrapped.lines,
            ["あ ", "https://ex", "ample.jp/a", "bcdefgh"]
        );
        assert_eq!(wrapped.forced_breaks, [2, 3]);
    }
}

/// Property tests: random Japanese text, every width from 10 to 80 columns, both ways of
/// handling punctuation at the margin.
#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// The characters that come in pairs, written out here rather than read from
    /// [`INSEPARABLE`], so that a character dropped from the set fails the test.
    const PAIRED: &str = "…‥—―";

    /// Pieces of text the generator strings together.
    fn fragment() -> impl Strategy<Value = String> {
        let chars = |set: &'static str| {
            let set: Vec<char> = set.chars().collect();
            proptest::sample::select(set).prop_map(String::from)
        };
        prop_oneof![
            6 => chars("個人情報利用目的健康保険組合被扶養者給付審査支払機関特定"),
            6 => chars("あいうえおかきくけこさしすせそたちつてとなにのはをんアイウエオカキクケコセンター"),
            4 => chars(NO_LINE_START),
            3 => chars(NO_LINE_END),
            1 => chars("　 ※○①"),
            1 => Just("……".to_owned()),
            1 => Just("——".to_owned()),
            1 => Just("‥‥".to_owned()),
            1 => (1usize..50).prop_map(|n| "―".repeat(n)),
            1 => (1usize..12).prop_map(|n| "…".repeat(n)),
            2 => "[0-9]{1,4}",
            1 => Just("19,800".to_owned()),
            1 => "[０-９]{1,4}",
            2 => "[a-z]{1,12}",
            1 => "[a-z]{1,6} [a-z]{1,6}",
            1 => "https://[a-z]{1,10}\\.jp/[a-z0-9/]{0,40}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(fragment(), 0..60).prop_map(|parts| parts.concat())
    }

    /// Whether two neighbours belong to one word or number (ASCII, or full-width digits).
    fn same_word(a: char, b: char) -> bool {
        let full = |c: char| ('０'..='９').contains(&c);
        a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric() || full(a) && full(b)
    }

    fn check(text: &str, options: &WrapOptions) -> Result<(), TestCaseError> {
        let wrapped = wrap(text, options);
        let width = options.width;
        let mut body = Vec::new();
        for (index, line) in wrapped.lines.iter().enumerate() {
            let indent = if index == 0 {
                &options.first_indent
            } else {
                &options.rest_indent
            };
            prop_assert!(line.starts_with(indent.as_str()), "indent of {line:?}");
            body.push(&line[indent.len()..]);
            let last = line.chars().last();
            let hanging = options.overflow == Punctuation::Hang
                && last.is_some_and(|c| {
                    is_in(Class::Hangable, c) && str_width(line) - char_width(c) <= width
                });
            prop_assert!(
                str_width(line) <= width || hanging,
                "{line:?} is {} columns wide, more than {width}",
                str_width(line)
            );
        }
        prop_assert_eq!(
            body.concat(),
            text,
            "the lines do not join back to the text"
        );
        prop_assert!(wrapped.forced_breaks.is_empty() || !wrapped.split_runs.is_empty());
        let mut at = 0;
        for index in 1..body.len() {
            at += body[index - 1].len();
            if wrapped.forced_breaks.contains(&index) {
                // Even a forced break keeps a run of dashes or dots in pairs.
                let (left, right) = (&text[..at], &text[at..]);
                if let Some(c) = right.chars().next().filter(|&c| PAIRED.contains(c)) {
                    let before = left.chars().rev().take_while(|&l| l == c).count();
                    let after = right.chars().take_while(|&r| r == c).count();
                    prop_assert!(
                        before == 0 || before % 2 == 0 && after >= 2,
                        "a forced break leaves {c} alone or splits a pair: {before} / {after}"
                    );
                }
                continue;
            }
            let before = body[index - 1];
            let after = body[index];
            let end = before.trim_end_matches(' ').chars().last();
            let start = after.chars().next();
            let (Some(end), Some(start)) = (end, start) else {
                continue;
            };
            let raw_end = before.chars().last().expect("not empty");
            prop_assert!(
                !is_in(Class::NoLineStart, start),
                "line starts with {start:?}: {after:?}"
            );
            prop_assert!(
                !is_in(Class::NoLineEnd, end),
                "line ends with {end:?}: {before:?}"
            );
            prop_assert!(
                !same_word(raw_end, start),
                "a word or number is split: {before:?} / {after:?}"
            );
            prop_assert!(
                !(raw_end == start && PAIRED.contains(start)),
                "{start}{start} is split"
            );
        }
        check_widow(&wrapped, &body, options)
    }

    /// The last line holds one character alone only if the line before it cannot give it a
    /// piece: it has a single piece, or the last line would not fit.
    fn check_widow(
        wrapped: &Wrapped,
        body: &[&str],
        options: &WrapOptions,
    ) -> Result<(), TestCaseError> {
        let count = body.len();
        if count < 2 || !wrapped.split_runs.is_empty() || !is_a_widow(body[count - 1]) {
            return Ok(());
        }
        let before = units(body[count - 2]);
        let Some(last_piece) = before.last().filter(|_| before.len() >= 2) else {
            return Ok(());
        };
        let moved = format!(
            "{}{}{}",
            options.rest_indent,
            last_piece.text,
            body[count - 1]
        );
        prop_assert!(
            str_width(&moved) > options.width,
            "{:?} is alone on the last line, though {:?} could go with it",
            body[count - 1],
            last_piece.text
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        #[test]
        fn every_width_keeps_the_rules(text in text(), indent in 0usize..3) {
            let (first, rest) = [("", ""), ("　", ""), ("・", "　")][indent];
            for width in 10..=80 {
                for overflow in [Punctuation::PushOut, Punctuation::Hang] {
                    let options = WrapOptions {
                        width,
                        first_indent: first.to_owned(),
                        rest_indent: rest.to_owned(),
                        overflow,
                    };
                    check(&text, &options)?;
                }
            }
        }
    }
}
