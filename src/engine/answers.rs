//! Answers: what a user tells the widget, as a versioned JSON file — the types every reader
//! shares. The answers themselves are [`super::store::AnswerStore`], read through an edition's
//! declarations (the one reader) and written back to this JSON (the one writer).
//!
//! ```json
//! {"format": "hrs-answers", "version": 1, "kind": "park", "park": { ... }}
//! {"format": "hrs-answers", "version": 1, "kind": "organisation", "organisation": { ... }}
//! ```
//!
//! Every field is optional. A field's *path* (`park.floor_area_m2`,
//! `park.roster[3].uscc`) is its JSON path in the file, the `data-name` of its
//! question in the UI and the `path` of its question in the edition. See
//! `src/engine/ANSWERS.md`.
//!
//! Each answer is an [`Answer`]: not answered (field absent or `null`), an
//! explicit "don't know" (`{"dont_know": true}`), or a value. Both of the
//! first two evaluate to *unknown*; the difference is kept so the UI can save
//! and restore what the user chose.

use std::fmt;

use rust_decimal::Decimal;
use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::quantity::{self, QuantityError, QuantityKind};

/// The `format` tag of an answers file.
pub const ANSWERS_FORMAT: &str = "hrs-answers";
/// The current answers version.
pub const ANSWERS_VERSION: u32 = 1;

/// A tri-state answer.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Answer<T> {
    /// The question was not answered (field absent or `null`).
    #[default]
    NotAnswered,
    /// The user said "don't know" (`{"dont_know": true}`).
    DontKnow,
    /// A value.
    Value(T),
}

impl<T> Answer<T> {
    pub fn value(&self) -> Option<&T> {
        match self {
            Answer::Value(v) => Some(v),
            _ => None,
        }
    }
    pub fn is_not_answered(&self) -> bool {
        matches!(self, Answer::NotAnswered)
    }
    pub fn is_known(&self) -> bool {
        matches!(self, Answer::Value(_))
    }
    pub fn as_ref(&self) -> Answer<&T> {
        match self {
            Answer::NotAnswered => Answer::NotAnswered,
            Answer::DontKnow => Answer::DontKnow,
            Answer::Value(v) => Answer::Value(v),
        }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Answer<U> {
        match self {
            Answer::NotAnswered => Answer::NotAnswered,
            Answer::DontKnow => Answer::DontKnow,
            Answer::Value(v) => Answer::Value(f(v)),
        }
    }
}

impl<T> From<T> for Answer<T> {
    fn from(v: T) -> Self {
        Answer::Value(v)
    }
}

impl<T: Serialize> Serialize for Answer<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::NotAnswered => s.serialize_none(),
            Answer::DontKnow => {
                let mut m = s.serialize_map(Some(1))?;
                m.serialize_entry("dont_know", &true)?;
                m.end()
            }
            Answer::Value(v) => v.serialize(s),
        }
    }
}

impl<'de, T: serde::de::DeserializeOwned> Deserialize<'de> for Answer<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::Null => Ok(Answer::NotAnswered),
            serde_json::Value::Object(ref m)
                if m.len() == 1 && m.get("dont_know") == Some(&serde_json::Value::Bool(true)) =>
            {
                Ok(Answer::DontKnow)
            }
            other => T::deserialize(other)
                .map(Answer::Value)
                .map_err(de::Error::custom),
        }
    }
}

/// A JSON string or number read through the one quantity reader ([`super::quantity`]), so an
/// answers file may say `"820万"` as the form and the roster importer do.
pub(super) fn parse_decimal_value(
    v: &serde_json::Value,
    kind: QuantityKind,
    what: &str,
) -> Result<Decimal, String> {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        // A JSON float is read from its shortest round-trip text, so 99999999.99 stays
        // 99999999.99 (no binary float reaches the arithmetic).
        serde_json::Value::Number(n) => n.to_string(),
        other => {
            return Err(format!(
                "{what}: expected a number or a numeric string, found {other}"
            ))
        }
    };
    match quantity::read(kind, &text) {
        Ok(Some(d)) => Ok(d),
        Ok(None) => Err(format!("{what}: cannot read an empty text as a number")),
        Err(QuantityError::NotANumber) => Err(format!("{what}: cannot read {text:?} as a number")),
        Err(QuantityError::Negative) => Err(format!("{what}: must not be negative (got {text})")),
        Err(e) => Err(format!("{what}: {text:?}: {}", e.message(kind).en)),
    }
}

/// Whether a 第五条 material is ready.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialStatus {
    Ready,
    Missing,
}

/// What the answers are about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswersKind {
    Park,
    Organisation,
}

/// Why an answers file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersError {
    /// The field path (`park.floor_area_m2`, `park.roster[2].revenue_yuan`);
    /// empty when the file as a whole is wrong.
    pub path: String,
    pub message: String,
}

impl fmt::Display for AnswersError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "answers: {}", self.message)
        } else {
            write!(f, "answers: field `{}`: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for AnswersError {}
