//! A roster file imported when the roster already has rows (《管理办法》第四条（三）'s 入驻机构):
//! the user chooses 替换 (the file's rows instead of the rows there) or 追加. 追加 never doubles a
//! firm: a row of the file whose 统一社会信用代码 is already in the roster is merged into that
//! row — the file's values win for the fields the file has, the roster keeps the others — and
//! only rows with a new code (or none) are added.
//!
//! Pure: the rows are the answers' JSON objects (`park.roster[]`), as the widget holds them.

use serde_json::Value;

use crate::engine::limits::MAX_ROWS;
use crate::engine::store;

pub use crate::engine::store::MergeCount;

/// A row's key (its text in column `match_by`, the table's declared `merge_by`: 统一社会信用代码)
/// as compared: spaces removed, upper case; `None` when there is none.
pub fn code_of(row: &Value, match_by: &str) -> Option<String> {
    store::merge_key(row.get(match_by).and_then(Value::as_str)?)
}

/// Does the file's row say something for this field? An empty text or a null says nothing.
fn has_value(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.trim().is_empty(),
        _ => true,
    }
}

/// 追加: `incoming` merged into `existing` by 统一社会信用代码 (see the module doc). Rows of the
/// file are matched against the rows the roster had before, so two rows of one file with the
/// same code are not folded into one here: the import already flags them as duplicates. The
/// roster never grows past [`MAX_ROWS`]; rows that did not fit are counted in `left_out`.
/// `match_by` is the column the table declares as its key (`merge_by`).
pub fn append(
    existing: Vec<Value>,
    incoming: Vec<Value>,
    match_by: &str,
) -> (Vec<Value>, MergeCount) {
    // The one 追加 rule (`engine::store::append_by_key`), over the answers' JSON rows.
    let mut rows = existing;
    let count = store::append_by_key(
        &mut rows,
        incoming,
        |r| code_of(r, match_by),
        |target, new| {
            let Value::Object(fields) = new else { return };
            if !target.is_object() {
                *target = Value::Object(serde_json::Map::new());
            }
            if let Value::Object(t) = target {
                for (k, v) in fields {
                    if has_value(&v) {
                        t.insert(k, v);
                    }
                }
            }
        },
    );
    (rows, count)
}

/// 替换: the file's rows, at most [`MAX_ROWS`]; the count says how many did not fit.
pub fn replace(incoming: Vec<Value>) -> (Vec<Value>, MergeCount) {
    let n = incoming.len();
    let rows: Vec<Value> = incoming.into_iter().take(MAX_ROWS).collect();
    let count = MergeCount {
        incoming: n,
        added: rows.len(),
        merged: 0,
        left_out: n - rows.len(),
    };
    (rows, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn firm(name: &str, code: &str, revenue: &str) -> Value {
        json!({ "name": name, "uscc": code, "revenue_yuan": revenue, "hr_service_firm": true })
    }

    #[test]
    fn the_same_file_appended_twice_merges_every_row_and_adds_none() {
        let file: Vec<Value> = (0..17)
            .map(|i| firm(&format!("第{i}号公司"), &format!("91150200MA{i:08}"), "100"))
            .collect();
        let (once, c1) = append(Vec::new(), file.clone(), "uscc");
        assert_eq!((once.len(), c1.added, c1.merged), (17, 17, 0));
        let (twice, c2) = append(once.clone(), file, "uscc");
        assert_eq!(twice.len(), 17, "not 34 (nor 51)");
        assert_eq!(
            c2,
            MergeCount {
                incoming: 17,
                added: 0,
                merged: 17,
                left_out: 0
            }
        );
        assert_eq!(twice, once);
    }

    #[test]
    fn the_later_file_wins_for_the_fields_it_has_and_the_roster_keeps_the_others() {
        let mut typed = firm("鹿城人力资源有限公司", "91150200MA0000001X", "100");
        typed["main_business"] = json!("劳务派遣");
        let rows = vec![typed, firm("北方猎头", "91150200MA00000020", "5")];
        // The file writes the code with spaces and in lower case, has a new revenue, no main
        // business, and an empty name cell.
        let file = vec![
            json!({ "name": "", "uscc": "91150200ma0000001x ", "revenue_yuan": "8200000" }),
            firm("新来的公司", "91150200MA00000030", "7"),
            json!({ "name": "无代码的公司", "uscc": "" }),
        ];
        let (out, c) = append(rows, file, "uscc");
        assert_eq!((c.merged, c.added, c.left_out), (1, 2, 0));
        assert_eq!(out.len(), 4);
        assert_eq!(
            out[0]["name"], "鹿城人力资源有限公司",
            "an empty cell says nothing"
        );
        assert_eq!(out[0]["revenue_yuan"], "8200000", "the file's value wins");
        assert_eq!(
            out[0]["main_business"], "劳务派遣",
            "a field the file lacks is kept"
        );
        assert_eq!(out[0]["hr_service_firm"], true);
        assert_eq!(out[2]["name"], "新来的公司");
        assert_eq!(
            out[3]["name"], "无代码的公司",
            "a row without a code is added"
        );
    }

    #[test]
    fn two_rows_of_one_file_with_one_code_are_not_folded_together() {
        let file = vec![firm("甲", "A1", "1"), firm("甲'", "A1", "2")];
        let (out, c) = append(Vec::new(), file, "uscc");
        assert_eq!(
            (out.len(), c.added),
            (2, 2),
            "the import flags the duplicate"
        );
    }

    #[test]
    fn a_full_roster_takes_no_more_rows_and_says_how_many_were_left_out() {
        let rows: Vec<Value> = (0..MAX_ROWS).map(|_| json!({})).collect();
        let (out, c) = append(
            rows,
            vec![firm("x", "X1", "1"), firm("y", "Y1", "1")],
            "uscc",
        );
        assert_eq!(out.len(), MAX_ROWS);
        assert_eq!((c.added, c.left_out), (0, 2));
        let (out, c) = replace((0..MAX_ROWS + 3).map(|_| json!({})).collect());
        assert_eq!((out.len(), c.added, c.left_out), (MAX_ROWS, MAX_ROWS, 3));
    }
}
