//! Issue 17: what the start screen's header shows of an edition — its title, number, documents
//! and validity window — without parsing the edition. `build.rs` writes one [`EditionFacts`] per
//! bundled edition from the edition files (the edition stays data: nothing here is hand-written),
//! so the start module (feature `start`) carries neither the JSON reader nor the engine. The full
//! widget builds the same [`HeaderFacts`] from a loaded [`Edition`], and both render them through
//! one header component (`ui::header`).

use chrono::NaiveDate;

use super::{Edition, Text, DEFAULT_EDITION};

/// One bundled edition's header facts, as generated Rust data (`$OUT_DIR/edition_facts.rs`).
#[derive(Debug)]
pub struct EditionFacts {
    pub id: &'static str,
    pub sample: bool,
    /// (zh, en)
    pub title: (&'static str, &'static str),
    pub document_number: &'static str,
    /// (id, zh title, en title) in the notice's order.
    pub documents: &'static [(&'static str, (&'static str, &'static str))],
    /// (year, month, day), both days included.
    pub valid_from: (u32, u32, u32),
    pub valid_until: (u32, u32, u32),
}

mod generated {
    include!(concat!(env!("OUT_DIR"), "/edition_facts.rs"));
}

/// Every bundled edition's facts (on wasm32, as in the bundle: no samples).
pub fn bundled_facts() -> &'static [EditionFacts] {
    generated::FACTS
}

/// The facts of the edition the widget shows: the one named (`edition` attribute), else the
/// default — the same choice as the widget's (`load_bundled(name)` else `default_edition()`).
/// `None` when the named one is not bundled here (a sample fetched on demand): the full widget
/// has to show it.
pub fn facts_for(name: Option<&str>) -> Option<&'static EditionFacts> {
    let find = |id: &str| bundled_facts().iter().find(|f| f.id == id);
    match name {
        Some(n) if find(n).is_some() => find(n),
        Some(_) => None,
        None => find(DEFAULT_EDITION),
    }
}

/// What the policy header shows; compared by value (it is small).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeaderFacts {
    pub title: Text,
    pub document_number: String,
    /// (document id, title)
    pub documents: Vec<(String, Text)>,
    pub valid_from: NaiveDate,
    pub valid_until: NaiveDate,
}

impl From<&Edition> for HeaderFacts {
    fn from(e: &Edition) -> Self {
        HeaderFacts {
            title: e.title.clone(),
            document_number: e.document_number.clone(),
            documents: e
                .documents
                .iter()
                .map(|d| (d.id.as_str().to_string(), d.title.clone()))
                .collect(),
            valid_from: e.valid_from,
            valid_until: e.valid_until,
        }
    }
}

impl From<&EditionFacts> for HeaderFacts {
    fn from(f: &EditionFacts) -> Self {
        let date = |(y, m, d): (u32, u32, u32)| {
            i32::try_from(y)
                .ok()
                .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
                .unwrap_or(NaiveDate::MIN)
        };
        HeaderFacts {
            title: Text::new(f.title.0, f.title.1),
            document_number: f.document_number.to_string(),
            documents: f
                .documents
                .iter()
                .map(|(id, (zh, en))| (id.to_string(), Text::new(*zh, *en)))
                .collect(),
            valid_from: date(f.valid_from),
            valid_until: date(f.valid_until),
        }
    }
}

/// A `YYYY-MM-DD` date (what a date input gives and a host's `as-of` holds), else `None`:
/// the same dates `NaiveDate::parse_from_str(s, "%Y-%m-%d")` reads (signed years aside), without
/// chrono's format parser in the start module.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let mut next = |len: std::ops::RangeInclusive<usize>| {
        parts
            .next()
            .filter(|p| len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (y, m, d) = (next(1..=6)?, next(1..=2)?, next(1..=2)?);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_facts_are_the_editions_own() {
        for b in super::super::bundled() {
            let e = Edition::from_bundled(b).expect("bundled edition reads");
            let f = bundled_facts()
                .iter()
                .find(|f| f.id == b.name)
                .expect("facts for every bundled edition");
            assert_eq!(HeaderFacts::from(f), HeaderFacts::from(&e), "{}", b.name);
            assert_eq!(f.sample, e.sample);
        }
        assert_eq!(bundled_facts().len(), super::super::bundled().len());
    }

    #[test]
    fn the_named_edition_else_the_default() {
        assert_eq!(facts_for(None).map(|f| f.id), Some(DEFAULT_EDITION));
        assert_eq!(
            facts_for(Some(DEFAULT_EDITION)).map(|f| f.id),
            Some(DEFAULT_EDITION)
        );
        assert!(facts_for(Some("no-such-edition")).is_none());
    }

    #[test]
    fn dates_read_as_chrono_reads_them() {
        for s in [
            "2024-06-30",
            "2024-6-3",
            " 2024-02-29 ",
            "2023-02-29",
            "2024-13-01",
            "24-06-30",
            "2024-06",
            "2024-06-30x",
            "",
            "2024-06-+3",
        ] {
            let chrono = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
            assert_eq!(parse_ymd(s), chrono, "{s:?}");
        }
        // chrono also reads a signed year; no date input or host writes one.
        assert_eq!(parse_ymd("+2024-06-30"), None);
    }
}
