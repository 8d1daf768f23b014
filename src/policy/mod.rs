//! The policy as data.
//!
//! An [`Edition`] is one edition of the notice 包府办发〔2022〕55号 (or a later
//! one), read from a JSON file under `src/policy/editions/`. Every condition,
//! threshold, amount, material, procedure step and service format carries a
//! stable id, a [`Citation`] (`document · article · clause`), the original
//! Chinese sentence and a short English gloss. Thresholds and amounts live in
//! the file, never in code: a later edition is a new file, not a code change.
//!
//! `build.rs` scans `src/policy/editions/*.json` and bundles every edition
//! (with its `*.cases.json` beside it); see [`bundled`].
//!
//! Nothing here reads a clock, the file system or the DOM.
//!
//! The rooms: `text` (bilingual text, citations, sources), `schema` (the file's types),
//! `loading` (parse, hash, bundled editions), `index` (look-ups on a loaded edition),
//! `checks` (what a loaded edition must satisfy).

use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

mod checks;
mod cited;
pub mod facts;
pub mod generate;
mod index;
mod loading;
pub mod samples;
mod schema;
mod text;

pub use cited::{Cited, SourceUse};
pub use index::*;
pub use loading::*;
pub use schema::*;
pub use text::*;

mod bundle {
    include!(concat!(env!("OUT_DIR"), "/editions.rs"));
}
