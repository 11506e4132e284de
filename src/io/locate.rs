//! Where a field path (`elements[3].loss_db`, as the field table in `crate::model::field` writes
//! it) sits in RON text, so that an invalid value in a
//! file is reported with its line and column. serde gives no spans for values, so this walks the
//! text itself: a small tokenizer (comments, strings, raw strings) and a descent through structs,
//! lists, maps and enum variants.

use super::Position;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Open(char),
    Close(char),
    Colon,
    Comma,
    Ident,
    Scalar,
}

#[derive(Clone, Copy, Debug)]
struct Token<'a> {
    kind: Kind,
    text: &'a str,
    position: Position,
}

/// Splits RON text into tokens with their positions; comments and `#![…]` attributes are
/// dropped. Never fails: anything unexpected becomes a one-character scalar.
fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let (mut i, mut line, mut line_start) = (0usize, 1usize, 0usize);
    let position = |i: usize, line: usize, line_start: usize| Position {
        line,
        column: text[line_start..i].chars().count() + 1,
    };
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let pos = position(i, line, line_start);
        let mut push = |kind, end: usize| {
            tokens.push(Token {
                kind,
                text: &text[start..end],
                position: pos,
            })
        };
        match c {
            b'\n' => {
                i += 1;
                line += 1;
                line_start = i;
            }
            _ if c.is_ascii_whitespace() => i += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i += 2;
                while i < bytes.len() && !(bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/')) {
                    if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i = (i + 2).min(bytes.len());
            }
            b'#' => {
                // An attribute such as #![enable(implicit_some)]: skip to its closing bracket.
                while i < bytes.len() && bytes[i] != b']' {
                    i += 1;
                }
                i = (i + 1).min(bytes.len());
            }
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    if bytes[i] == b'\\' {
                        i += 1;
                    } else if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i = (i + 1).min(bytes.len());
                push(Kind::Scalar, i);
            }
            b'r' if matches!(bytes.get(i + 1), Some(b'#') | Some(b'"')) => {
                let hashes = bytes[i + 1..].iter().take_while(|&&b| b == b'#').count();
                let close: Vec<u8> = std::iter::once(b'"')
                    .chain(std::iter::repeat_n(b'#', hashes))
                    .collect();
                i += 1 + hashes + 1;
                while i < bytes.len() && !bytes[i..].starts_with(&close) {
                    if bytes[i] == b'\n' {
                        line += 1;
                        line_start = i + 1;
                    }
                    i += 1;
                }
                i = (i + close.len()).min(bytes.len());
                push(Kind::Scalar, i);
            }
            b'(' | b'[' | b'{' => {
                i += 1;
                push(Kind::Open(c as char), i);
            }
            b')' | b']' | b'}' => {
                i += 1;
                push(Kind::Close(c as char), i);
            }
            b':' => {
                i += 1;
                push(Kind::Colon, i);
            }
            b',' => {
                i += 1;
                push(Kind::Comma, i);
            }
            _ if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                push(Kind::Ident, i);
            }
            _ if c.is_ascii_digit() || c == b'-' || c == b'+' || c == b'.' => {
                i += 1;
                while i < bytes.len()
                    && (bytes[i].is_ascii_alphanumeric() || matches!(bytes[i], b'.' | b'_'))
                    || (i > start
                        && matches!(bytes[i - 1], b'e' | b'E')
                        && matches!(bytes.get(i), Some(b'-' | b'+')))
                {
                    i += 1;
                }
                push(Kind::Scalar, i);
            }
            _ => {
                // Step over one (possibly multi-byte) character.
                i += text[i..].chars().next().map_or(1, char::len_utf8);
                push(Kind::Scalar, i);
            }
        }
    }
    tokens
}

/// The index after the value starting at `i` (a scalar, an identifier with an optional group,
/// or a group); `tokens.len()` if the text ends inside it.
fn skip_value(tokens: &[Token<'_>], mut i: usize) -> usize {
    if tokens.get(i).is_some_and(|t| t.kind == Kind::Ident) {
        i += 1;
        if !matches!(tokens.get(i).map(|t| t.kind), Some(Kind::Open(_))) {
            return i;
        }
    }
    match tokens.get(i).map(|t| t.kind) {
        Some(Kind::Open(_)) => {
            let mut depth = 0usize;
            while let Some(t) = tokens.get(i) {
                match t.kind {
                    Kind::Open(_) => depth += 1,
                    Kind::Close(_) => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return i + 1;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            tokens.len()
        }
        Some(_) => i + 1,
        None => tokens.len(),
    }
}

/// The start of each item of the group opened at `open` (the index of its `(`/`[`/`{`), and for
/// `key: value` items the key's text.
fn items<'a>(tokens: &[Token<'a>], open: usize) -> Vec<(Option<&'a str>, usize)> {
    let mut out = Vec::new();
    let mut i = open + 1;
    while let Some(t) = tokens.get(i) {
        match t.kind {
            Kind::Close(_) => break,
            Kind::Comma => i += 1,
            _ => {
                let keyed = matches!(t.kind, Kind::Ident | Kind::Scalar)
                    && tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Colon);
                if keyed {
                    let key = t.text.trim_matches('"');
                    out.push((Some(key), i + 2));
                    i = skip_value(tokens, i + 2);
                } else {
                    out.push((None, i));
                    i = skip_value(tokens, i);
                }
            }
        }
    }
    out
}

/// The group a value opens, after an optional struct or variant name; a single unkeyed item
/// (`Some(x)`, a newtype) is looked through to its content.
fn group_of(tokens: &[Token<'_>], mut i: usize) -> Option<usize> {
    if tokens.get(i)?.kind == Kind::Ident {
        i += 1;
    }
    if !matches!(tokens.get(i)?.kind, Kind::Open(_)) {
        return None;
    }
    let inner = items(tokens, i);
    match inner.as_slice() {
        [(None, j)] if tokens.get(i)?.kind == Kind::Open('(') => group_of(tokens, *j).or(Some(i)),
        _ => Some(i),
    }
}

/// The position of the value at `path` (`elements[3].loss_db`) in `text`, or of the deepest
/// enclosing part that is there (a field left at its default is not in the text).
pub fn locate(text: &str, path: &str) -> Option<Position> {
    let tokens = tokenize(text);
    let mut at = 0usize;
    tokens.first()?;
    // Paths are the field table's: names with at most one index each.
    for (name, index) in crate::model::field::parse_path(path)? {
        let Some(group) = group_of(&tokens, at) else {
            break;
        };
        let Some(&(_, value)) = items(&tokens, group).iter().find(|(k, _)| *k == Some(name)) else {
            break;
        };
        at = value;
        if let Some(index) = index {
            let Some(group) = group_of(&tokens, at) else {
                break;
            };
            let Some(&(_, item)) = items(&tokens, group).get(index) else {
                break;
            };
            at = item;
        }
    }
    tokens.get(at).map(|t| t.position)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// A link.
#![enable(implicit_some)]
(
    version: 1,
    name: "a (tricky) \"name\" // not a comment",
    laser: (
        power_dbm: 3.0,
        grid: Explicit(wavelengths_nm: [1310.0, 1311.0, -1e3]),
    ),
    /* elements
       follow */
    elements: [
        EdgeCoupler(name: "x", loss_db: 1.5),
        Waveguide(name: r#"y"#, length_cm: -2.0, tolerance: Normal(sigma: 0.3)),
    ],
    receiver: (sensitivity: NoiseModel(tia_noise_pa_per_sqrt_hz: 10.0)),
    penalties: (allocations: [(name: "p", db: 1.0)]),
)
"##;

    fn at(path: &str) -> (usize, usize) {
        let p = locate(TEXT, path).unwrap();
        (p.line, p.column)
    }

    #[test]
    fn finds_fields_in_structs_lists_and_variants() {
        // Expected columns counted from the text above (1-based).
        assert_eq!(at("version"), (4, 14));
        assert_eq!(at("laser.power_dbm"), (7, 20));
        assert_eq!(at("laser.grid.wavelengths_nm[2]"), (8, 57));
        assert_eq!(at("elements[1].length_cm"), (14, 44));
        assert_eq!(at("elements[1].tolerance.sigma"), (14, 75));
        assert_eq!(
            at("receiver.sensitivity.tia_noise_pa_per_sqrt_hz"),
            (16, 66)
        );
        assert_eq!(at("penalties.allocations[0].db"), (17, 47));
    }

    #[test]
    fn a_field_not_in_the_text_points_at_its_parent() {
        // dark_current_na is left at its default: the receiver's value is reported.
        assert_eq!(at("receiver.dark_current_na"), (16, 15));
        assert_eq!(at("elements[0].tolerance"), (13, 9));
    }

    #[test]
    fn garbage_never_panics() {
        for text in [
            "",
            "(",
            ")))",
            "r#\"",
            "\"",
            "/*",
            "(a: [1, (b: ",
            "é(ü: 1)",
        ] {
            let _ = locate(text, "a.b[3].c");
        }
    }
}
