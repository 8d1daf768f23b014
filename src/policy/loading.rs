//! Loading an edition: parsing (with the path of an error natively), its content hash, the
//! editions bundled at build time and the choice by date.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Why an edition file could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionError {
    /// Path inside the edition file (`park.conditions[2].test.min`), or empty.
    pub path: String,
    pub message: String,
}

impl fmt::Display for EditionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "edition: {}", self.message)
        } else {
            write!(f, "edition: {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for EditionError {}

/// sha256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from(b"0123456789abcdef"[usize::from(b >> 4)]));
        s.push(char::from(b"0123456789abcdef"[usize::from(b & 15)]));
    }
    s
}

/// Natively (CLI `--edition FILE`, tests) errors name the path inside the file.
#[cfg(not(target_arch = "wasm32"))]
fn parse_edition_data(text: &str) -> Result<EditionData, EditionError> {
    let de = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(de).map_err(|e| EditionError {
        path: e.path().to_string().trim_start_matches('.').to_string(),
        message: e.inner().to_string(),
    })
}

/// In the browser only bundled editions are read, and they are checked by the native tests: no
/// path tracking (a second copy of every edition type), and the text is read into a
/// `serde_json::Value` first, so the edition types are instantiated for the one deserializer the
/// answers and cases use too (`Value`), not also for serde_json's string reader.
#[cfg(target_arch = "wasm32")]
fn parse_edition_data(text: &str) -> Result<EditionData, EditionError> {
    let err = |e: serde_json::Error| EditionError {
        path: String::new(),
        message: e.to_string(),
    };
    let mut value = serde_json::from_str(text).map_err(err)?;
    move_tags_out(&mut value);
    serde_json::from_value(value).map_err(err)
}

/// Turns the edition file's internally tagged [`Test`]s and [`AmountSpec`]s
/// (`"test": {"test": "at_least", "min": …}`) into the externally tagged form their wasm32 types
/// read (`"test": {"at_least": {"min": …}}`).
#[cfg(target_arch = "wasm32")]
fn move_tags_out(value: &mut serde_json::Value) {
    use serde_json::Value;
    fn retag(v: &mut Value, tag: &str) {
        if let Value::Object(m) = v {
            if let Some(Value::String(kind)) = m.remove(tag) {
                let rest = std::mem::take(m);
                m.insert(kind, Value::Object(rest));
            }
        }
    }
    match value {
        Value::Array(items) => items.iter_mut().for_each(move_tags_out),
        Value::Object(m) => {
            for (key, child) in m.iter_mut() {
                move_tags_out(child);
                match (key.as_str(), child) {
                    ("test", c @ Value::Object(_)) => retag(c, "test"),
                    ("amount", c @ Value::Object(_)) => retag(c, "amount"),
                    ("of", Value::Array(tests)) => tests.iter_mut().for_each(|t| retag(t, "test")),
                    ("checks", Value::Array(checks)) => {
                        checks.iter_mut().for_each(|c| retag(c, "check"))
                    }
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

impl Edition {
    /// Parse and check an edition file.
    pub fn from_json(text: &str) -> Result<Edition, EditionError> {
        Edition::from_text(text, sha256_hex(text.as_bytes()))
    }

    /// Parse and check an edition whose content hash is already known (an edition fetched with
    /// its extras, hashed by `scripts/build.sh`): the browser need not hash.
    pub fn from_json_hashed(text: &str, content_hash: &str) -> Result<Edition, EditionError> {
        Edition::from_text(text, content_hash.to_string())
    }

    /// Parse and check a bundled edition (its content hash computed by build.rs).
    pub fn from_bundled(bundled: &Bundled) -> Result<Edition, EditionError> {
        Edition::from_text(bundled.json, bundled.sha256.to_string())
    }

    fn from_text(text: &str, content_hash: String) -> Result<Edition, EditionError> {
        let mut data = parse_edition_data(text)?;
        cited::resolve_short_titles(&mut data);
        let mut edition = Edition {
            content_hash,
            data,
            question_index: FxMap::default(),
            shared: FxMap::default(),
        };
        edition.shared = edition.build_shared();
        let mut index = FxMap::default();
        for (kind, list) in [
            (0u8, &edition.questions.park),
            (1, &edition.questions.organisation),
        ] {
            for (i, q) in list.iter().enumerate() {
                index.insert(q.path.clone(), (kind, i, None));
                for (c, col) in q.columns.iter().enumerate() {
                    index.insert(col.path.clone(), (kind, i, Some(c)));
                }
            }
        }
        edition.question_index = index;
        edition.check()?;
        Ok(edition)
    }

    fn build_shared(&self) -> FxMap<Shared> {
        let mut m = FxMap::default();
        let mut put =
            |id: &str, label: &Text, source: &Source, contents: &[Text], actor: Option<&Text>| {
                m.insert(
                    id.to_string(),
                    Shared {
                        label: Arc::new(label.clone()),
                        source: Arc::new(source.clone()),
                        contents: Arc::new(contents.to_vec()),
                        actor: Arc::new(actor.cloned().unwrap_or_default()),
                    },
                );
            };
        let p = &self.park;
        put(
            SUBMISSION_ID,
            &p.submission.by,
            &p.submission.source,
            &[],
            Some(&p.submission.to),
        );
        put(&p.barred.id, &p.barred.label, &p.barred.source, &[], None);
        for c in &p.conditions {
            put(&c.id, &c.label, &c.source, &[], None);
        }
        for x in &p.materials {
            put(&x.id, &x.label, &x.source, &x.contents, None);
        }
        for x in p.procedure.iter().chain(&p.after_certification) {
            put(&x.id, &x.label, &x.source, &[], Some(&x.actor));
        }
        if let Some(c) = &self.applicant {
            put(&c.id, &c.label, &c.source, &[], None);
        }
        for ms in &self.measures {
            put(&ms.id, &ms.label, &ms.source, &[], None);
            for c in &ms.conditions {
                put(&c.id, &c.label, &c.source, &[], None);
            }
            if let Some(c) = &ms.cap {
                put(&c.id, &c.label, &c.source, &[], None);
            }
        }
        for g in &self.non_duplication {
            put(&g.id, &g.label, &g.source, &[], None);
        }
        m
    }
}

/// An edition bundled into the binary at build time.
#[derive(Debug, Clone, Copy)]
pub struct Bundled {
    /// File stem, e.g. `baotou-2022-55`.
    pub name: &'static str,
    /// The edition file's text (on wasm32 without the whitespace between tokens).
    pub json: &'static str,
    /// sha256 of the edition file's exact bytes, lower-case hex: the edition's content hash.
    pub sha256: &'static str,
    /// The named cases beside it (`<name>.cases.json`), if any. Always `None` on wasm32: the
    /// widget fetches them with the original text from `<name>.extras.json` (scripts/build.sh).
    pub cases_json: Option<&'static str>,
    /// The full original text of the notice (`<name>.original.txt`), if kept beside it: the
    /// trainer's article browser shows it paragraph by paragraph. Always `None` on wasm32 (see
    /// `cases_json`).
    pub original: Option<&'static str>,
}

/// Every edition under `src/policy/editions/`, sorted by file name.
pub fn bundled() -> &'static [Bundled] {
    bundle::BUNDLED
}

/// Load a bundled edition by id (file stem).
pub fn load_bundled(name: &str) -> Option<Result<Edition, EditionError>> {
    bundled()
        .iter()
        .find(|b| b.name == name)
        .map(Edition::from_bundled)
}

/// Key of the park submission in [`Edition::shared`] (`label` = by,
/// `actor` = to).
pub const SUBMISSION_ID: &str = "park.submission";

/// The id of the edition used when none is chosen.
pub const DEFAULT_EDITION: &str = "baotou-2022-55";

/// The default edition (包府办发〔2022〕55号).
pub fn default_edition() -> Result<Edition, EditionError> {
    load_bundled(DEFAULT_EDITION).unwrap_or_else(|| {
        Err(EditionError {
            path: String::new(),
            message: format!("bundled edition {DEFAULT_EDITION} is missing"),
        })
    })
}

/// The edition in force on `date` among the bundled ones (the latest that
/// starts on or before it; samples are never chosen by date), else the default edition.
pub fn edition_for(date: NaiveDate) -> Result<Edition, EditionError> {
    let mut best: Option<Edition> = None;
    for b in bundled() {
        let e = Edition::from_bundled(b)?;
        if !e.sample
            && e.in_force_on(date)
            && best.as_ref().is_none_or(|x| x.valid_from < e.valid_from)
        {
            best = Some(e);
        }
    }
    match best {
        Some(e) => Ok(e),
        None => default_edition(),
    }
}
