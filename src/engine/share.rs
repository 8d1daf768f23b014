//! Share links: an answers file carried in a URL fragment (`#hrs=<base64url of the JSON>`).
//! Browsers never send the fragment to a server, so the answers stay with whoever holds the link.
//! Pure: the widget reads and writes `location.hash` itself.

use base64::Engine;

use super::store::AnswerStore;
use crate::policy::{Edition, Text};

/// What starts a share-link fragment.
pub const SHARE_PREFIX: &str = "#hrs=";

/// Longest fragment accepted (a generous roster fits; a hostile link does not exhaust memory).
pub const MAX_FRAGMENT: usize = 2 * 1024 * 1024;

/// Links longer than this are made with a warning: chat tools and some browsers cut them.
pub const LONG_FRAGMENT: usize = 32 * 1024;

/// The fragment for `answers`, `#hrs=…`.
pub fn share_fragment(answers: &AnswerStore) -> String {
    share_fragment_of(&answers.to_value())
}

/// The fragment of an answers file already written as JSON (the widget's typed store writes
/// its own, so the first module needs no second writer).
pub fn share_fragment_of(file: &serde_json::Value) -> String {
    let json = serde_json::to_string(file).unwrap_or_default();
    let data = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(json);
    format!("{SHARE_PREFIX}{data}")
}

/// Decodes a fragment made by [`share_fragment`], reading its answers through `edition`'s
/// declarations. `None` when the fragment is not a share link; otherwise the answers, or a
/// message saying why they could not be read.
pub fn decode_share_fragment(
    edition: &Edition,
    fragment: &str,
) -> Option<Result<AnswerStore, Text>> {
    let text = match decode_share_text(fragment)? {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    Some(AnswerStore::from_json(edition, &text).map_err(|e| share_error(e.to_string())))
}

fn share_error(detail: String) -> Text {
    Text::new(
        format!("分享链接无法读取：{detail}"),
        format!("The share link could not be read: {detail}"),
    )
}

/// The answers file a share link carries, as text (`None`: not a share link); the reader of
/// the caller's choice reads it (the widget's typed store, which names a bad field).
pub fn decode_share_text(fragment: &str) -> Option<Result<String, Text>> {
    let data = fragment.strip_prefix(SHARE_PREFIX)?;
    let bad = share_error;
    if data.len() > MAX_FRAGMENT {
        return Some(Err(bad(format!("longer than {MAX_FRAGMENT} characters"))));
    }
    let bytes = match base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(data.trim()) {
        Ok(b) => b,
        Err(e) => return Some(Err(bad(e.to_string()))),
    };
    Some(String::from_utf8(bytes).map_err(|e| bad(e.to_string())))
}

/// A share link's answers read by `read` (a reader that names the field of an error); the
/// error said as the link's.
pub fn read_share<T, E: std::fmt::Display>(
    fragment: &str,
    read: impl FnOnce(serde_json::Value) -> Result<T, E>,
) -> Option<Result<T, Text>> {
    let text = match decode_share_text(fragment)? {
        Ok(t) => t,
        Err(e) => return Some(Err(e)),
    };
    let value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(e) => return Some(Err(share_error(format!("answers: not valid JSON: {e}")))),
    };
    Some(read(value).map_err(|e| share_error(e.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_link_round_trips_and_bad_ones_say_why() {
        let text = include_str!("../policy/examples/park-passes.json");
        let e = crate::policy::default_edition().expect("edition");
        let answers = AnswerStore::from_json(&e, text).expect("example reads");
        let fragment = share_fragment(&answers);
        assert!(fragment.starts_with(SHARE_PREFIX));
        let back = decode_share_fragment(&e, &fragment)
            .expect("is a share link")
            .expect("reads");
        assert_eq!(back, answers);
        assert!(decode_share_fragment(&e, "#other").is_none());
        let err = decode_share_fragment(&e, "#hrs=%%%")
            .expect("is a share link")
            .expect_err("bad");
        assert!(err.en.contains("share link"));
        let not_answers = format!(
            "{SHARE_PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode("{\"format\":\"x\"}")
        );
        assert!(decode_share_fragment(&e, &not_answers)
            .expect("link")
            .is_err());
    }
}
