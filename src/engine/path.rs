//! The one grammar of answer paths, shared by the cases, the engine's messages, the widget and
//! its error recovery:
//!
//! - `park.floor_area_m2`: keys joined by `.`;
//! - `park.roster[3].uscc`: a row of a table by its 0-based index;
//! - `park.roster[].uscc`: a column of a table (any row), as the edition's questions name it;
//! - `organisation.already_received["measures.3.brand"]`: a key that holds `.`, `[`, `]` or
//!   `"` is quoted (and `\` / `"` inside it escaped with `\`), so an id with dots is one step.
//!
//! [`key`] and [`index`] build paths in this grammar; [`parse`] reads them back; [`get`] and
//! [`set`] follow them through a JSON value.

use std::borrow::Cow;

use serde_json::{Map, Value};

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg<'a> {
    Key(Cow<'a, str>),
    Index(usize),
    /// `[]`: every row of a table (a column path; never followed in a value).
    AnyRow,
}

/// Does `key` need quoting to stay one step?
fn needs_quotes(key: &str) -> bool {
    key.is_empty() || key.contains(['.', '[', ']', '"', '\\'])
}

/// `parent` followed by the key `k` (quoted when it holds a `.` or a bracket).
pub fn key(parent: &str, k: &str) -> String {
    let mut s = String::with_capacity(parent.len() + k.len() + 4);
    s.push_str(parent);
    push_key(&mut s, k);
    s
}

fn push_key(s: &mut String, k: &str) {
    if needs_quotes(k) {
        s.push_str("[\"");
        for c in k.chars() {
            if c == '"' || c == '\\' {
                s.push('\\');
            }
            s.push(c);
        }
        s.push_str("\"]");
    } else {
        if !s.is_empty() {
            s.push('.');
        }
        s.push_str(k);
    }
}

/// `parent[i]`.
pub fn index(parent: &str, i: usize) -> String {
    let mut s = String::with_capacity(parent.len() + 8);
    s.push_str(parent);
    push_index(&mut s, i);
    s
}

/// `table[i].column`: a cell of a row (one allocation).
pub fn cell(table: &str, i: usize, column: &str) -> String {
    let mut s = String::with_capacity(table.len() + column.len() + 12);
    s.push_str(table);
    push_index(&mut s, i);
    push_key(&mut s, column);
    s
}

/// Writes `[i]`.
fn push_index(s: &mut String, i: usize) {
    s.push('[');
    // Without the formatting machinery: the engine names a row's path for every row it judges.
    super::digits::push_whole(s, i as u128);
    s.push(']');
}

/// The path of `segs`, written in the grammar.
pub fn write(segs: &[Seg<'_>]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => push_key(&mut s, k),
            Seg::Index(i) => {
                s.push('[');
                s.push_str(&i.to_string());
                s.push(']');
            }
            Seg::AnyRow => s.push_str("[]"),
        }
    }
    s
}

/// Reads a path; the error says what is wrong with it.
pub fn parse(path: &str) -> Result<Vec<Seg<'_>>, String> {
    let bad = |what: &str| format!("bad path {path:?}: {what}");
    let mut out = Vec::new();
    let mut rest = path;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[\"") {
            // A quoted key: up to the closing `"]`, with `\"` and `\\` escaped.
            let mut key = String::new();
            let mut chars = r.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, e)) => key.push(e),
                        None => return Err(bad("unfinished escape")),
                    },
                    '"' => {
                        end = Some(i);
                        break;
                    }
                    c => key.push(c),
                }
            }
            let end = end.ok_or_else(|| bad("unclosed quoted key"))?;
            rest = r[end + 1..]
                .strip_prefix(']')
                .ok_or_else(|| bad("a quoted key ends with \"]"))?;
            // Unescaped keys borrow from the path.
            let raw = &r[..end];
            out.push(Seg::Key(if raw.contains('\\') {
                Cow::Owned(key)
            } else {
                Cow::Borrowed(raw)
            }));
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').ok_or_else(|| bad("unclosed ["))?;
            let inner = &r[..end];
            if inner.is_empty() {
                out.push(Seg::AnyRow);
            } else {
                let n = inner.parse().map_err(|_| bad("an index is a number"))?;
                out.push(Seg::Index(n));
            }
            rest = &r[end + 1..];
        } else {
            let r = match rest.strip_prefix('.') {
                Some(r) => r,
                None if first => rest,
                None => return Err(bad("steps are joined by .")),
            };
            let end = r.find(['.', '[', ']', '"']).unwrap_or(r.len());
            if end == 0 {
                return Err(bad("an empty key"));
            }
            out.push(Seg::Key(Cow::Borrowed(&r[..end])));
            rest = &r[end..];
        }
        first = false;
    }
    Ok(out)
}

/// The value at `path` inside `root`, if the path reads and leads somewhere.
pub fn get<'v>(root: &'v Value, path: &str) -> Option<&'v Value> {
    let mut v = root;
    for seg in parse(path).ok()? {
        v = match seg {
            Seg::Key(k) => v.get(k.as_ref())?,
            Seg::Index(i) => v.get(i)?,
            Seg::AnyRow => return None,
        };
    }
    Some(v)
}

/// The value at `path` inside `root`, mutable.
pub fn get_mut<'v>(root: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    let mut v = root;
    for seg in parse(path).ok()? {
        v = match seg {
            Seg::Key(k) => v.get_mut(k.as_ref())?,
            Seg::Index(i) => v.get_mut(i)?,
            Seg::AnyRow => return None,
        };
    }
    Some(v)
}

/// Sets (or, with `null` at a key, removes) the value at `path` inside `root`, making objects on
/// the way; a row must exist already.
pub fn set(root: &mut Value, path: &str, value: Value) -> Result<(), String> {
    let segs = parse(path)?;
    let Some((last, init)) = segs.split_last() else {
        return Err("empty path".into());
    };
    let mut cur = root;
    for seg in init {
        cur = match seg {
            Seg::Key(k) => {
                if !cur.is_object() {
                    *cur = Value::Object(Map::new());
                }
                match cur {
                    Value::Object(m) => m
                        .entry(k.as_ref())
                        .or_insert_with(|| Value::Object(Map::new())),
                    _ => return Err(format!("{path}: not an object")),
                }
            }
            Seg::Index(i) => match cur {
                Value::Array(a) => a.get_mut(*i).ok_or_else(|| format!("{path}: no row {i}"))?,
                _ => return Err(format!("{path}: not a list")),
            },
            Seg::AnyRow => return Err(format!("{path}: [] names a column, not a value")),
        };
    }
    match last {
        Seg::Key(k) => {
            if !cur.is_object() {
                *cur = Value::Object(Map::new());
            }
            if let Value::Object(m) = cur {
                if value.is_null() {
                    m.remove(k.as_ref());
                } else {
                    m.insert(k.to_string(), value);
                }
            }
            Ok(())
        }
        Seg::Index(i) => match cur {
            Value::Array(a) => {
                let slot = a.get_mut(*i).ok_or_else(|| format!("{path}: no row {i}"))?;
                *slot = value;
                Ok(())
            }
            _ => Err(format!("{path}: not a list")),
        },
        Seg::AnyRow => Err(format!("{path}: [] names a column, not a value")),
    }
}

/// The column path of a path: row indices become `[]` (`park.roster[3].uscc` →
/// `park.roster[].uscc`), as the edition's questions name table columns.
pub fn column(path: &str) -> String {
    match parse(path) {
        Ok(segs) => write(
            &segs
                .into_iter()
                .map(|s| match s {
                    Seg::Index(_) => Seg::AnyRow,
                    s => s,
                })
                .collect::<Vec<_>>(),
        ),
        Err(_) => path.to_string(),
    }
}

/// The last key of a path, unquoted (`park.roster[].uscc` → `uscc`,
/// `organisation.already_received` → `already_received`, `a["measures.3.brand"]` →
/// `measures.3.brand`); `None` when the path ends in a row or does not read.
pub fn last_key(path: &str) -> Option<Cow<'_, str>> {
    match parse(path).ok()?.pop()? {
        Seg::Key(k) => Some(k),
        _ => None,
    }
}

/// The table and row of the first row step of a path (`park.roster[3].uscc` →
/// (`park.roster`, 3)); `None` when the path names no row.
pub fn table_row(path: &str) -> Option<(String, usize)> {
    let segs = parse(path).ok()?;
    let at = segs.iter().position(|s| matches!(s, Seg::Index(_)))?;
    match segs.get(at) {
        Some(Seg::Index(i)) => Some((write(&segs[..at]), *i)),
        _ => None,
    }
}

/// The row of table `table` that `path` is in (`park.roster[3].uscc` in `park.roster` → 3);
/// `None` when the path is not inside a row of that table.
pub fn row_in(path: &str, table: &str) -> Option<usize> {
    let (p, t) = (parse(path).ok()?, parse(table).ok()?);
    match p.get(t.len()) {
        Some(Seg::Index(i)) if p.starts_with(&t) => Some(*i),
        _ => None,
    }
}

/// `path` (inside a row of `table`) moved to row `row` (`park.roster[3].uscc` → `park.roster[2].uscc`).
pub fn with_row(path: &str, table: &str, row: usize) -> Option<String> {
    let mut p = parse(path).ok()?;
    let n = parse(table).ok()?.len();
    match p.get_mut(n) {
        Some(Seg::Index(i)) => *i = row,
        _ => return None,
    }
    Some(write(&p))
}

/// Is `path` the field `field` or inside it (`organisation.placements[0].talent` is inside
/// `organisation.placements`; `park.roster[2].uscc` inside `park.roster[].uscc`)?
pub fn within(path: &str, field: &str) -> bool {
    let (Ok(p), Ok(f)) = (parse(path), parse(field)) else {
        return path == field;
    };
    p.len() >= f.len()
        && p.iter().zip(&f).all(|(a, b)| match (a, b) {
            (Seg::Index(_), Seg::AnyRow) => true,
            (a, b) => a == b,
        })
}

/// A serde_path_to_error path (`organisation.already_received.measures.3.brand`, ambiguous when
/// a key holds a dot) written in this grammar.
pub fn from_serde(p: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut s = String::new();
    for seg in p.iter() {
        match seg {
            Segment::Seq { index } => {
                s.push('[');
                s.push_str(&index.to_string());
                s.push(']');
            }
            Segment::Map { key } => push_key(&mut s, key),
            Segment::Enum { variant } => push_key(&mut s, variant),
            Segment::Unknown => push_key(&mut s, "?"),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rows_of_a_table_are_found_and_moved_through_the_grammar() {
        assert_eq!(row_in("park.roster[3].uscc", "park.roster"), Some(3));
        assert_eq!(row_in("park.roster[3]", "park.roster"), Some(3));
        assert_eq!(row_in("park.rosters[3].uscc", "park.roster"), None);
        assert_eq!(row_in("park.roster", "park.roster"), None);
        assert_eq!(row_in("park.name", "park.roster"), None);
        assert_eq!(row_in(r#"t[1]["a.b"]"#, "t"), Some(1));
        assert_eq!(
            with_row("park.roster[3].uscc", "park.roster", 2).as_deref(),
            Some("park.roster[2].uscc")
        );
        assert_eq!(
            with_row(r#"t[1]["a.b"]"#, "t", 0).as_deref(),
            Some(r#"t[0]["a.b"]"#)
        );
        assert_eq!(with_row("park.name", "park.roster", 0), None);
    }

    #[test]
    fn last_key_and_table_row_read_quoted_keys_as_one_step() {
        assert_eq!(last_key("park.roster[].uscc").as_deref(), Some("uscc"));
        assert_eq!(
            last_key("organisation.already_received").as_deref(),
            Some("already_received")
        );
        assert_eq!(
            last_key(r#"organisation.already_received["measures.3.brand"]"#).as_deref(),
            Some("measures.3.brand")
        );
        assert_eq!(last_key("park.roster[2]"), None);
        assert_eq!(last_key("park..x"), None);
        assert_eq!(
            table_row("park.roster[3].uscc"),
            Some(("park.roster".to_string(), 3))
        );
        assert_eq!(
            table_row(r#"organisation.already_received["measures.3[1]"]"#),
            None
        );
        assert_eq!(
            table_row(r#"a["x.y"][2].b"#),
            Some((r#"a["x.y"]"#.to_string(), 2))
        );
    }

    #[test]
    fn keys_with_dots_are_quoted_and_read_back_as_one_step() {
        let p = key("organisation.already_received", "measures.3.brand");
        assert_eq!(p, r#"organisation.already_received["measures.3.brand"]"#);
        assert_eq!(
            parse(&p).unwrap_or_default(),
            vec![
                Seg::Key("organisation".into()),
                Seg::Key("already_received".into()),
                Seg::Key("measures.3.brand".into()),
            ]
        );
        assert_eq!(key("park", "roster"), "park.roster");
        for i in [0, 1, 9, 10, 99, 100, 12345, usize::MAX] {
            assert_eq!(index("park.roster", i), format!("park.roster[{i}]"));
            assert_eq!(
                cell("park.roster", i, "uscc"),
                format!("park.roster[{i}].uscc")
            );
        }
        assert_eq!(key("", "park"), "park");
        let odd = key("a", r#"x"y\z"#);
        assert_eq!(odd, r#"a["x\"y\\z"]"#);
        assert_eq!(
            parse(&odd).unwrap_or_default().last(),
            Some(&Seg::Key(r#"x"y\z"#.into()))
        );
    }

    #[test]
    fn rows_columns_and_round_trips() {
        for p in [
            "park.roster[3].uscc",
            "park.roster[].uscc",
            r#"organisation.already_received["measures.4.top10"]"#,
            "park.materials.plan",
        ] {
            let segs = parse(p).unwrap_or_default();
            assert_eq!(write(&segs), p);
        }
        assert_eq!(column("park.roster[3].uscc"), "park.roster[].uscc");
        assert!(within(
            "organisation.placements[0].talent",
            "organisation.placements"
        ));
        assert!(within("park.roster[2].uscc", "park.roster[].uscc"));
        assert!(!within("park.roster[2].name", "park.roster[].uscc"));
        assert!(within(
            r#"organisation.already_received["measures.3.brand"]"#,
            "organisation.already_received"
        ));
    }

    #[test]
    fn bad_paths_are_errors_never_panics() {
        for p in [
            "a..b", "a[", "a[x]", "a[\"x", "a[\"x\"", "a\"b", ".", "a[\"\\",
        ] {
            assert!(parse(p).is_err(), "{p}");
        }
    }

    #[test]
    fn get_and_set_follow_quoted_keys() {
        let mut v = json!({"organisation": {"already_received": {"measures.3.brand": true}}});
        let p = r#"organisation.already_received["measures.3.brand"]"#;
        assert_eq!(get(&v, p), Some(&json!(true)));
        // The dotted reading finds nothing: the key is one step.
        assert_eq!(
            get(&v, "organisation.already_received.measures.3.brand"),
            None
        );
        assert!(set(&mut v, p, json!(false)).is_ok());
        assert_eq!(get(&v, p), Some(&json!(false)));
        assert!(set(&mut v, p, Value::Null).is_ok());
        assert_eq!(get(&v, p), None);
        assert!(set(&mut v, "park.roster[0].uscc", json!("x")).is_err());
        let mut t = json!({"park": {"roster": [{}]}});
        assert!(set(&mut t, "park.roster[0].uscc", json!("x")).is_ok());
        assert_eq!(get(&t, "park.roster[0].uscc"), Some(&json!("x")));
    }
}
