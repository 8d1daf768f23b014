//! Bounds on what people enter, the same on every input path (the form, an answers file, a share
//! link, a roster import), and the cleaning of entered text. A bound is a message at the field
//! that names it, never a freeze, a crash or a document that fails later.
//!
//! Numbers are bounded by the one number reader ([`super::quantity`]); this module bounds the
//! rest: rows per table, characters per text, and the characters no name should carry (NUL and
//! other control characters; bidi controls such as U+202E, which reverse the text after them).

use serde_json::Value;

use super::answers::AnswersError;
use crate::policy::Text;

/// Most rows in one table (roster, placements, talents) on every input path, and in one CSV.
/// Far above any park (a few hundred resident organisations); it keeps every keystroke on a full
/// table inside the widget's latency budget and a share link short enough to be refused early.
pub const MAX_ROWS: usize = 20_000;

/// Largest CSV file read (a 20,000-row roster is ~2 MB; workbooks have their own 32 MB bound).
pub const MAX_CSV_BYTES: usize = 20 * 1024 * 1024;

/// Most characters in a name (organisations, people, documents, addresses, URLs).
pub const MAX_NAME_CHARS: usize = 500;

/// Most characters in a description (a roster row's main business).
pub const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// The fields that hold descriptions rather than names (by last path segment).
const DESCRIPTIONS: [&str; 1] = ["main_business"];

/// The most characters the text field at `path` takes (`park.roster[3].main_business` → 2,000).
pub fn max_chars(path: &str) -> usize {
    let last = path.rsplit(['.', ']']).next().unwrap_or(path);
    if DESCRIPTIONS.contains(&last) {
        MAX_DESCRIPTION_CHARS
    } else {
        MAX_NAME_CHARS
    }
}

/// The message for a text over its bound, naming nothing (callers name the field or cell).
pub fn too_long(chars: usize, max: usize) -> Text {
    Text::new(
        format!("文字过长：{chars} 个字符，最多 {max} 个"),
        format!("text too long: {chars} characters, at most {max}"),
    )
}

/// The message for a table over its bound.
pub fn too_many_rows(rows: usize) -> Text {
    Text::new(
        format!("行数过多：{rows} 行，每个表最多 {MAX_ROWS} 行"),
        format!("too many rows: {rows}, at most {MAX_ROWS} per table"),
    )
}

/// Is `c` a bidirectional-text control (LRM/RLM/ALM, embeddings, overrides, isolates)?
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// What [`clean_text`] removed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Removed {
    /// NUL and other control characters.
    pub controls: usize,
    /// Bidi controls.
    pub bidi: usize,
}

impl Removed {
    pub fn any(self) -> bool {
        self.controls + self.bidi > 0
    }
}

/// Tabs and line breaks: control characters that lay text out (a cell over two lines).
fn is_layout(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r')
}

/// Entered text without control characters (tabs and line breaks stay) and without
/// bidi controls: a name never hides characters or reverses what follows it on screen and in
/// documents. Returns the text unchanged (no copy) when there is nothing to remove.
pub fn clean_text(s: &str) -> (std::borrow::Cow<'_, str>, Removed) {
    let removable = |c: char| (c.is_control() && !is_layout(c)) || is_bidi_control(c);
    if !s.chars().any(removable) {
        return (std::borrow::Cow::Borrowed(s), Removed::default());
    }
    let mut removed = Removed::default();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_layout(c) {
            out.push(c);
        } else if c.is_control() {
            removed.controls += 1;
        } else if is_bidi_control(c) {
            removed.bidi += 1;
        } else {
            out.push(c);
        }
    }
    (std::borrow::Cow::Owned(out), removed)
}

/// Checks an answers value (current version, before it is typed) against the bounds, and cleans
/// its texts in place. Errors name the field: `park.roster` (rows), `park.roster[3].name` (text).
pub fn check_answers_value(value: &mut Value) -> Result<(), AnswersError> {
    for kind in ["park", "organisation"] {
        if let Some(fields) = value.get_mut(kind).and_then(Value::as_object_mut) {
            for (key, v) in fields.iter_mut() {
                check_field(v, &crate::engine::path::key(kind, key), key)?;
            }
        }
    }
    Ok(())
}

fn check_field(v: &mut Value, path: &str, key: &str) -> Result<(), AnswersError> {
    match v {
        Value::String(s) => {
            let max = max_chars(key);
            // Bytes ≥ characters: only long texts are counted.
            if s.len() > max {
                let n = s.chars().count();
                if n > max {
                    return Err(AnswersError {
                        path: path.to_string(),
                        message: too_long(n, max).en,
                    });
                }
            }
            if let (std::borrow::Cow::Owned(clean), _) = clean_text(s) {
                *s = clean;
            }
        }
        Value::Array(rows) => {
            if rows.len() > MAX_ROWS {
                return Err(AnswersError {
                    path: path.to_string(),
                    message: too_many_rows(rows.len()).en,
                });
            }
            for (i, row) in rows.iter_mut().enumerate() {
                let at = format!("{path}[{i}]");
                match row {
                    Value::Object(cells) => {
                        for (cell, cv) in cells.iter_mut() {
                            check_field(cv, &crate::engine::path::key(&at, cell), cell)?;
                        }
                    }
                    other => check_field(other, &at, key)?,
                }
            }
        }
        Value::Object(entries) => {
            for (entry, ev) in entries.iter_mut() {
                check_field(ev, &crate::engine::path::key(path, entry), entry)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_controls_and_bidi_overrides_and_keep_everything_else() {
        let (t, r) = clean_text("包头\u{0}人力\u{202E}资源\u{1b}[2J公司\n二部");
        assert_eq!(t, "包头人力资源[2J公司\n二部");
        assert_eq!(
            r,
            Removed {
                controls: 2,
                bidi: 1
            }
        );
        let (t, r) = clean_text("包头人力资源公司");
        assert!(matches!(t, std::borrow::Cow::Borrowed(_)));
        assert!(!r.any());
    }

    #[test]
    fn descriptions_take_more_characters_than_names() {
        assert_eq!(
            max_chars("park.roster[3].main_business"),
            MAX_DESCRIPTION_CHARS
        );
        assert_eq!(max_chars("park.roster[3].name"), MAX_NAME_CHARS);
        assert_eq!(max_chars("park.name"), MAX_NAME_CHARS);
    }
}
