//! Shift_JIS as Windows writes it (Windows-31J, CP932), for printing vendors.
//!
//! Encoding goes through `encoding_rs` (the WHATWG Shift_JIS encoder, which is CP932 with
//! the NEC and IBM extensions). A few characters have no code in CP932 but a well-known
//! counterpart that every Japanese Windows program maps them to; they are converted first,
//! as listed in [`CP932_COUNTERPARTS`]. Any other character CP932 cannot hold is an error,
//! never a 「?」 or a 「&#…;」.

use encoding_rs::{EncoderResult, SHIFT_JIS};

/// Characters converted to their CP932 counterpart before encoding, `(from, to)`.
///
/// The first seven have no code in CP932 (Unicode maps JIS X 0208's codes to the right-hand
/// characters in Windows); ¥ and ‾ would become the ASCII bytes 0x5C and 0x7E, which read
/// back as 「\」 and 「~」, so they take their full-width forms to survive a round trip.
pub const CP932_COUNTERPARTS: [(char, char); 9] = [
    ('〜', '～'), // U+301C WAVE DASH → U+FF5E FULLWIDTH TILDE
    ('−', '－'),  // U+2212 MINUS SIGN → U+FF0D FULLWIDTH HYPHEN-MINUS
    ('‖', '∥'),   // U+2016 DOUBLE VERTICAL LINE → U+2225 PARALLEL TO
    ('¢', '￠'),  // U+00A2 CENT SIGN → U+FFE0 FULLWIDTH CENT SIGN
    ('£', '￡'),  // U+00A3 POUND SIGN → U+FFE1 FULLWIDTH POUND SIGN
    ('¬', '￢'),  // U+00AC NOT SIGN → U+FFE2 FULLWIDTH NOT SIGN
    ('—', '―'),   // U+2014 EM DASH → U+2015 HORIZONTAL BAR
    ('¥', '￥'),  // U+00A5 YEN SIGN → U+FFE5 FULLWIDTH YEN SIGN
    ('‾', '￣'),  // U+203E OVERLINE → U+FFE3 FULLWIDTH MACRON
];

/// A character that Windows-31J cannot hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unencodable {
    /// The character.
    pub character: char,
    /// Its byte offset in the text given to [`encode`].
    pub offset: usize,
}

/// Replaces the characters of [`CP932_COUNTERPARTS`] by their counterparts.
pub fn to_cp932_counterparts(text: &str) -> String {
    text.chars()
        .map(|c| {
            CP932_COUNTERPARTS
                .iter()
                .find(|(from, _)| *from == c)
                .map_or(c, |(_, to)| *to)
        })
        .collect()
}

/// Encodes `text` in Windows-31J after [`to_cp932_counterparts`]; line ends are left as
/// they are. Fails on the first character CP932 cannot hold.
pub fn encode(text: &str) -> Result<Vec<u8>, Unencodable> {
    let converted = to_cp932_counterparts(text);
    let mut encoder = SHIFT_JIS.new_encoder();
    let mut out = Vec::with_capacity(converted.len());
    let mut read_total = 0;
    let mut buffer = [0u8; 4096];
    loop {
        let (result, read, written) = encoder.encode_from_utf8_without_replacement(
            &converted[read_total..],
            &mut buffer,
            true,
        );
        out.extend_from_slice(&buffer[..written]);
        read_total += read;
        match result {
            EncoderResult::InputEmpty => return Ok(out),
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(character) => {
                // The conversion keeps the number of characters: find the same one in `text`.
                let index = converted[..read_total].chars().count() - 1;
                let offset = text
                    .char_indices()
                    .nth(index)
                    .map_or(0, |(offset, _)| offset);
                let character = text[offset..].chars().next().unwrap_or(character);
                return Err(Unencodable { character, offset });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(bytes: &[u8]) -> String {
        let (text, had_errors) = SHIFT_JIS.decode_without_bom_handling(bytes);
        assert!(!had_errors);
        text.into_owned()
    }

    #[test]
    fn japanese_text_round_trips() {
        let text = "個人情報の利用目的\r\n①※○（保養所等）ｱｲｳ 19,800円 ～ ＼\r\n";
        let bytes = encode(text).unwrap();
        assert_eq!(decode(&bytes), text);
        assert_eq!(&encode("あ").unwrap(), b"\x82\xA0");
    }

    #[test]
    fn converts_the_well_known_counterparts() {
        for (from, to) in CP932_COUNTERPARTS {
            let bytes = encode(&from.to_string()).unwrap_or_else(|e| panic!("{from}: {e:?}"));
            assert_eq!(
                decode(&bytes),
                to.to_string(),
                "{from} U+{:04X}",
                from as u32
            );
        }
        assert_eq!(decode(&encode("9時〜17時").unwrap()), "9時～17時");
        assert_eq!(&encode("〜").unwrap(), b"\x81\x60");
        assert_eq!(&encode("—").unwrap(), b"\x81\x5C");
    }

    #[test]
    fn names_the_character_it_cannot_hold() {
        assert_eq!(
            encode("山田〜𠮷野").unwrap_err(),
            Unencodable {
                character: '𠮷',
                offset: "山田〜".len()
            }
        );
        assert_eq!(encode("😀").unwrap_err().character, '😀');
        assert_eq!(encode("a©b").unwrap_err().offset, 1);
        assert_eq!(
            encode("髙").unwrap(),
            b"\xFB\xFC",
            "IBM extension kanji are CP932"
        );
    }
}
