//! A link as a URL fragment, for sharing the web app's current link: `#link=` + base64url (no
//! padding) of the DEFLATE-compressed RON text (RFC 1951 via miniz_oxide, RFC 4648 §5 via
//! base64). Decoding checks everything a hand-edited or truncated URL can break.

use super::{FileError, from_ron_str, to_ron_string};
use crate::model::Link;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// The fragment key.
pub const FRAGMENT_KEY: &str = "link=";

/// Largest decompressed link accepted from a URL, bytes.
const MAX_TEXT_BYTES: usize = 1 << 20;

/// DEFLATE level (0–10): 9 is the smallest practical output.
const LEVEL: u8 = 9;

/// Encodes `link` as a fragment, without the leading `#`.
pub fn encode(link: &Link) -> Result<String, FileError> {
    let text = to_ron_string(link)?;
    let compressed = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), LEVEL);
    Ok(format!(
        "{FRAGMENT_KEY}{}",
        URL_SAFE_NO_PAD.encode(compressed)
    ))
}

/// Why a fragment could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ShareError {
    /// No `link=` in the fragment.
    #[error("the URL holds no link (expected #link=…)")]
    Missing,
    /// Not base64url.
    #[error("the link in the URL is damaged (not base64url: {0})")]
    Base64(#[from] base64::DecodeError),
    /// Not DEFLATE data, or cut short.
    #[error("the link in the URL is damaged or cut short (cannot decompress)")]
    Deflate,
    /// Not UTF-8 text.
    #[error("the link in the URL is not text")]
    Utf8,
    /// Decompressed, but not a valid link file.
    #[error("{0}")]
    File(#[from] FileError),
}

/// Decodes a fragment (with or without the leading `#`) into a link.
pub fn decode(fragment: &str) -> Result<Link, ShareError> {
    let fragment = fragment.trim().trim_start_matches('#');
    let data = fragment
        .split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY))
        .ok_or(ShareError::Missing)?;
    let compressed = URL_SAFE_NO_PAD.decode(data.trim_end_matches('='))?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_TEXT_BYTES)
        .map_err(|_| ShareError::Deflate)?;
    let text = String::from_utf8(bytes).map_err(|_| ShareError::Utf8)?;
    Ok(from_ron_str(&text, "the shared link")?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{preset, presets};

    #[test]
    fn every_preset_round_trips_through_a_fragment() {
        for p in presets() {
            let link = preset(p.name).unwrap();
            let fragment = encode(&link).unwrap();
            assert!(fragment.starts_with(FRAGMENT_KEY));
            // URL-safe: no characters that need escaping in a fragment.
            assert!(
                fragment[FRAGMENT_KEY.len()..]
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{}",
                p.name
            );
            assert_eq!(decode(&format!("#{fragment}")).unwrap(), link, "{}", p.name);
            // Compression pays: the fragment is shorter than the RON text.
            assert!(
                fragment.len() < to_ron_string(&link).unwrap().len(),
                "{}",
                p.name
            );
        }
    }

    #[test]
    fn damaged_fragments_say_what_is_wrong() {
        let good = encode(&preset("teraphy-8l").unwrap()).unwrap();
        assert!(matches!(decode("#other=1"), Err(ShareError::Missing)));
        assert!(matches!(decode("#link=%%%"), Err(ShareError::Base64(_))));
        // Cut short: the DEFLATE stream ends early.
        // (Cut at a whole base64 quantum, so the base64 itself stays valid.)
        let key = FRAGMENT_KEY.len();
        let cut = &good[..key + (good.len() / 2 - key) / 4 * 4];
        assert!(
            matches!(decode(cut), Err(ShareError::Deflate)),
            "{:?}",
            decode(cut)
        );
        // Valid base64 of something that is not DEFLATE.
        let junk = format!(
            "link={}",
            URL_SAFE_NO_PAD.encode(b"hello world, not deflate")
        );
        assert!(decode(&junk).is_err());
        // A valid stream of an invalid link names the field.
        let bad_text = to_ron_string(&preset("teraphy-8l").unwrap())
            .unwrap()
            .replacen("power_dbm: 3.0", "power_dbm: -500.0", 1);
        let bad = format!(
            "link={}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(
                bad_text.as_bytes(),
                9
            ))
        );
        let e = decode(&bad).unwrap_err().to_string();
        assert!(e.contains("laser.power_dbm"), "{e}");
        // Other keys beside it are fine.
        assert!(decode(&format!("#x=1&{good}")).is_ok());
    }
}
