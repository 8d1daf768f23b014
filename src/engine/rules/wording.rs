//! Wording: numbers (have, need, missing, from), amounts and dates turned into zh / en text.
//! Nothing here decides a verdict.

#[allow(clippy::wildcard_imports)]
use super::*;

/// What it would take after a "没有" answer: to have one, and say so.
pub(super) fn none_answered_gap(field: &str) -> Gap {
    Gap {
        text: Text::new(
            "如有，请改答“有”并逐一列出",
            "if there are any, answer “yes” and list them",
        ),
        numbers: None,
        from: None,
        fields: vec![field.to_string()],
    }
}

/// Concatenate with one exact allocation (cheaper than `format!`).
pub(super) fn cat(parts: &[&str]) -> String {
    let mut s = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        s.push_str(p);
    }
    s
}

pub(super) fn beyond_range_text() -> Text {
    Text::new(
        "数额过大，超出可计算范围，请核对填写的金额",
        "the number is too large to compute with: please check the amount entered",
    )
}

pub(super) fn unit_words(unit: Unit) -> (&'static str, &'static str) {
    match unit {
        Unit::M2 => ("平方米", "m²"),
        Unit::Yuan => ("元", "yuan"),
        Unit::Count => ("个", ""),
        Unit::Months => ("个月", "months"),
    }
}

pub(super) fn show(d: Decimal, unit: Unit) -> (String, String) {
    match unit {
        Unit::Yuan => (money::wan_and_yuan(d), money::cny(d)),
        _ => {
            let (zh, en) = unit_words(unit);
            let n = d.normalize();
            (
                format!("{n} {zh}"),
                format!("{n} {en}").trim_end().to_string(),
            )
        }
    }
}

/// “届时本通知已不再有效” when `d` comes after the notice's last day in force.
pub(super) fn after_validity(ctx: &Ctx, d: NaiveDate) -> Option<Text> {
    let until = ctx.edition.valid_until;
    (d > until).then(|| {
        Text::new(
            format!("届时本通知已不再有效（有效期至 {until}）"),
            format!("the notice will no longer be in force then (valid until {until})"),
        )
    })
}

/// `text` followed by the after-validity note for `d`, if any.
pub(super) fn with_validity(ctx: &Ctx, text: Text, d: NaiveDate) -> Text {
    match after_validity(ctx, d) {
        Some(n) => Text::new(cat(&[&text.zh, "；", &n.zh]), cat(&[&text.en, "; ", &n.en])),
        None => text,
    }
}

/// “第 3 行 某公司（why）；…”, at most `max` rows, then “等 N 行”.
pub(super) fn name_rows<'r>(
    rows: impl Iterator<Item = &'r FirmRow>,
    max: usize,
) -> (Text, Vec<String>) {
    let mut zh = Vec::new();
    let mut en = Vec::new();
    let mut fields = Vec::new();
    let mut n = 0usize;
    for r in rows {
        n += 1;
        fields.push(r.field.clone());
        if n <= max {
            let line = (r.row + 1).to_string();
            zh.push(cat(&[
                "第 ",
                &line,
                " 行 ",
                &r.name,
                "（",
                &r.reason.zh,
                "）",
            ]));
            en.push(cat(&["row ", &line, " ", &r.name, " (", &r.reason.en, ")"]));
        }
    }
    if n > max {
        zh.push(format!("等共 {n} 行"));
        en.push(format!("{n} rows in all"));
    }
    (Text::new(zh.join("；"), en.join("; ")), fields)
}

pub(super) fn amount_words(r: Option<MoneyRange>) -> (String, String) {
    match r {
        Some(r) => (money::range_wan(&r), money::range_cny(&r)),
        None => (String::new(), String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_and_dates_are_written_as_display_writes_them() {
        for n in [
            0u64,
            1,
            9,
            10,
            12,
            99,
            100,
            4096,
            1_000_000,
            u64::from(u32::MAX),
            u64::MAX,
        ] {
            let mut s = String::new();
            crate::engine::digits::push_whole(&mut s, u128::from(n));
            assert_eq!(s, n.to_string());
        }
        let days = [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(0, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(9, 2, 3).unwrap_or_default(),
            NaiveDate::from_ymd_opt(999, 12, 31).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or_default(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap_or_default(),
            NaiveDate::from_ymd_opt(10000, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(-1, 6, 15).unwrap_or_default(),
        ];
        for d in days {
            let mut s = String::new();
            crate::engine::period::push_date(&mut s, d);
            assert_eq!(s, d.to_string());
        }
    }
}
