//! The one reader of numbers as people write them: amounts of money (元), floor areas (m²)
//! and counts. The form, the roster importer and the answers file all read through
//! [`read`], so `820万` means the same everywhere.
//!
//! Accepted: `8200000`, `8,200,000`, `820万`, `1.2亿`, `3千`, full-width digits (`８２０００００`,
//! typed with an input method in full-width mode), a leading ¥ / ￥ on money, a trailing unit of
//! the right kind (`820万元`, `3500平方米`, `3500㎡`, `20家`), spaces anywhere.
//! Refused, with a plain message in both languages: anything else, negatives, amounts above
//! 10¹⁴ 元 or below one 分, areas above 10⁸ m², counts that are not whole or above 10⁶.

use std::str::FromStr;

use rust_decimal::Decimal;

use super::money;
use crate::policy::Text;

/// What a number measures; decides units and bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuantityKind {
    /// Money in 元.
    Money,
    /// Floor area in square metres.
    Area,
    /// A whole number of things (firms, events, months, persons).
    Count,
}

/// Largest amount of money accepted: 10¹⁴ 元 (100 万亿元), far above any park's revenue, far
/// below `Decimal`'s range so sums of many rows stay exact.
pub const MAX_MONEY: Decimal = Decimal::from_parts(276_447_232, 23_283, 0, false, 0);
/// Largest area accepted: 10⁸ m².
pub const MAX_AREA: Decimal = Decimal::from_parts(100_000_000, 0, 0, false, 0);
/// Largest count accepted: 10⁶.
pub const MAX_COUNT: u32 = 1_000_000;

/// Why a text is not a quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuantityError {
    /// Not a number at all.
    NotANumber,
    /// A unit that belongs to another kind (`平方米` in a money field).
    WrongUnit(String),
    /// Below zero.
    Negative,
    /// Above the kind's bound.
    TooLarge,
    /// Money with fractions of a 分, an area below 0.0001 m², a count with a fraction.
    TooPrecise,
    /// Thousands separators in the wrong places (`1,5`).
    BadGrouping,
}

impl QuantityError {
    /// A plain sentence in both languages (no input echoed: callers name the field or cell).
    pub fn message(&self, kind: QuantityKind) -> Text {
        let (eg_zh, eg_en) = match kind {
            QuantityKind::Money => (
                "例如 8200000、8,200,000、820万、1.2亿",
                "e.g. 8200000, 8,200,000, 820万, 1.2亿",
            ),
            QuantityKind::Area => ("例如 3500、3,500、3500平方米", "e.g. 3500, 3,500, 3500 m²"),
            QuantityKind::Count => ("例如 20", "e.g. 20"),
        };
        match self {
            QuantityError::NotANumber => Text::new(
                format!("请输入数字，{eg_zh}"),
                format!("Enter a number, {eg_en}"),
            ),
            QuantityError::WrongUnit(u) => Text::new(
                format!("“{u}”不是这一项的单位，{eg_zh}"),
                format!("“{u}” is not a unit for this field, {eg_en}"),
            ),
            QuantityError::Negative => Text::new("不能为负数", "Must not be negative"),
            QuantityError::TooLarge => match kind {
                QuantityKind::Money => Text::new(
                    "金额过大（超过 100 万亿元），请检查是否多输了位数",
                    "Amount too large (over CNY 10¹⁴): check for extra digits",
                ),
                QuantityKind::Area => Text::new(
                    "面积过大（超过 1 亿平方米），请检查是否多输了位数",
                    "Area too large (over 10⁸ m²): check for extra digits",
                ),
                QuantityKind::Count => Text::new(
                    "数量过大（超过 1,000,000），请检查",
                    "Number too large (over 1,000,000): please check",
                ),
            },
            QuantityError::TooPrecise => match kind {
                QuantityKind::Money => Text::new(
                    "金额最多精确到分（两位小数）",
                    "Amounts go to the fen at most (two decimals)",
                ),
                QuantityKind::Area => {
                    Text::new("面积最多保留四位小数", "Areas take at most four decimals")
                }
                QuantityKind::Count => Text::new("请输入整数", "Enter a whole number"),
            },
            QuantityError::BadGrouping => Text::new(
                format!("千位分隔符“,”的位置不对，{eg_zh}"),
                format!("The thousands separators are misplaced, {eg_en}"),
            ),
        }
    }
}

/// Full-width forms (U+FF01–FF5E: digits, `，`, `．`, `－` typed by an input method in
/// full-width mode) to ASCII; dashes that stand for a minus sign to `-`.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '−' | '—' | '–' => '-',
        _ => c,
    }
}

/// Units that may follow a number of each kind, longest first (so `万元` wins over `元`).
const MONEY_UNITS: &[&str] = &["人民币元", "元整", "元", "rmb", "cny", "yuan"];
const AREA_UNITS: &[&str] = &[
    "平方米",
    "平方公尺",
    "平米",
    "平方",
    "㎡",
    "m²",
    "m^2",
    "sqm",
    "m2",
    "平",
];
const COUNT_UNITS: &[&str] = &[
    "个月", "家", "个", "场", "次", "人", "名", "位", "项", "户", "月", "届",
];
const MULTIPLIERS: &[(&str, u64)] = &[("亿", 100_000_000), ("万", 10_000), ("千", 1_000)];

fn units(kind: QuantityKind) -> &'static [&'static str] {
    match kind {
        QuantityKind::Money => MONEY_UNITS,
        QuantityKind::Area => AREA_UNITS,
        QuantityKind::Count => COUNT_UNITS,
    }
}

/// Reads `raw` as a quantity of `kind`. Empty (or only spaces) is `Ok(None)`: not answered.
pub fn read(kind: QuantityKind, raw: &str) -> Result<Option<Decimal>, QuantityError> {
    read_scaled(kind, raw, Decimal::ONE)
}

/// Like [`read`], with a scale for a bare number (a spreadsheet column headed 万元 gives
/// 10 000). A number with its own 万 / 亿 is not scaled again.
pub fn read_scaled(
    kind: QuantityKind,
    raw: &str,
    bare_scale: Decimal,
) -> Result<Option<Decimal>, QuantityError> {
    // Bound the work on pasted nonsense (the form caps at 40 characters; files may not).
    if raw.len() > 200 {
        return Err(QuantityError::NotANumber);
    }
    let mut t: String = raw
        .chars()
        .map(half_width)
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_lowercase();
    if t.is_empty() {
        return Ok(None);
    }
    if kind == QuantityKind::Money {
        for p in ["¥", "￥", "rmb", "cny"] {
            if let Some(rest) = t.strip_prefix(p) {
                t = rest.to_string();
                break;
            }
        }
    }
    let negative = t.starts_with('-');
    let mut rest = t.trim_start_matches(['-', '+']).to_string();
    // Trailing unit of this kind; a unit of another kind is named in the message.
    let mut unit_found = false;
    for u in units(kind) {
        if let Some(x) = rest.strip_suffix(u) {
            rest = x.to_string();
            unit_found = true;
            break;
        }
    }
    if !unit_found {
        for other in [QuantityKind::Money, QuantityKind::Area, QuantityKind::Count] {
            if other == kind {
                continue;
            }
            if let Some(u) = units(other).iter().find(|u| rest.ends_with(**u)) {
                // A bare 平 / 月 etc. is only a wrong unit if what is before it is a number.
                let before = &rest[..rest.len() - u.len()];
                if !before.is_empty()
                    && before
                        .trim_end_matches(['万', '亿', '千'])
                        .chars()
                        .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
                {
                    return Err(QuantityError::WrongUnit((*u).to_string()));
                }
            }
        }
    }
    // 万 / 亿 / 千, also compounded (`2万亿` = 2 × 10¹²); a number with its own multiplier is
    // not scaled by the column's.
    let mut scale = Decimal::ONE;
    let mut multiplied = 0;
    while multiplied < 3 {
        let Some((m, f)) = MULTIPLIERS.iter().find(|(m, _)| rest.ends_with(m)) else {
            break;
        };
        rest.truncate(rest.len() - m.len());
        scale *= Decimal::from(*f);
        multiplied += 1;
    }
    if multiplied == 0 {
        scale = bare_scale;
    }
    if rest.is_empty() {
        return Err(QuantityError::NotANumber);
    }
    let plain = ungroup(&rest)?;
    let n = Decimal::from_str(&plain)
        .or_else(|_| {
            // `1e7` (a JSON float's text); only digits, one point and one exponent.
            if plain
                .chars()
                .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | '-' | '+'))
                && plain.matches('e').count() == 1
            {
                Decimal::from_scientific(&plain)
            } else {
                Err(rust_decimal::Error::ErrorString(String::new()))
            }
        })
        .map_err(|_| QuantityError::NotANumber)?;
    if negative && !n.is_zero() {
        return Err(QuantityError::Negative);
    }
    let v = n
        .checked_mul(scale)
        .ok_or(QuantityError::TooLarge)?
        .normalize();
    let (max, dp) = match kind {
        QuantityKind::Money => (MAX_MONEY, 2),
        QuantityKind::Area => (MAX_AREA, 4),
        QuantityKind::Count => (Decimal::from(MAX_COUNT), 0),
    };
    if v > max {
        return Err(QuantityError::TooLarge);
    }
    if v.scale() > dp {
        return Err(QuantityError::TooPrecise);
    }
    Ok(Some(v))
}

/// Digits with optional thousands separators (`8,200,000`): separators removed when every
/// group after the first has three digits.
fn ungroup(s: &str) -> Result<String, QuantityError> {
    if !s.contains(',') {
        return Ok(s.to_string());
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.contains(',')) {
        return Err(QuantityError::BadGrouping);
    }
    let groups: Vec<&str> = int.split(',').collect();
    let first_ok = groups
        .first()
        .is_some_and(|g| (1..=3).contains(&g.len()) && g.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = groups
        .iter()
        .skip(1)
        .all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()));
    if !first_ok || !rest_ok {
        return Err(QuantityError::BadGrouping);
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    Ok(out)
}

/// A whole count (`20`, `20家`, `２０`) as `u32`.
pub fn read_count(raw: &str) -> Result<Option<u32>, QuantityError> {
    match read(QuantityKind::Count, raw)? {
        None => Ok(None),
        Some(d) => u32::try_from(d)
            .map(Some)
            .map_err(|_| QuantityError::TooLarge),
    }
}

/// What a value was read as, for the line under the field: `= 8,200,000.00 元 / 820 万元`.
pub fn read_back(kind: QuantityKind, v: Decimal) -> Text {
    match kind {
        QuantityKind::Money => Text::new(
            format!("= {} / {}", money::yuan(v), money::wan(v)),
            // One money system per language (issue 14): English names CNY only.
            format!("= CNY {}", money::group_thousands(v)),
        ),
        QuantityKind::Area => {
            let s = group_plain(v);
            Text::new(format!("= {s} 平方米"), format!("= {s} m²"))
        }
        QuantityKind::Count => {
            let s = group_plain(v);
            Text::new(format!("= {s}"), format!("= {s}"))
        }
    }
}

/// `3500` → `3,500`; `3500.5` → `3,500.5` (no forced decimals).
fn group_plain(v: Decimal) -> String {
    let s = v.normalize().to_string();
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use QuantityKind::*;

    fn ok(kind: QuantityKind, s: &str) -> String {
        match read(kind, s) {
            Ok(Some(d)) => d.to_string(),
            other => format!("{other:?}"),
        }
    }
    fn err(kind: QuantityKind, s: &str) -> QuantityError {
        match read(kind, s) {
            Err(e) => e,
            Ok(v) => panic!("{s:?} read as {v:?}"),
        }
    }

    #[test]
    fn money_as_people_write_it() {
        for s in [
            "8200000",
            "8,200,000",
            "820万",
            "820万元",
            "0.082亿",
            "８２０００００",
            "８，２００，０００",
            " 8 200 000 ",
            "8200000元",
            "¥8,200,000.00",
            "￥820万",
            "8200000.00",
            "8200千",
            "\u{3000}820 万 元",
        ] {
            assert_eq!(ok(Money, s), "8200000", "{s}");
        }
        assert_eq!(ok(Money, "1.2亿"), "120000000");
        assert_eq!(ok(Money, "2万亿"), "2000000000000");
        assert_eq!(ok(Money, "1.2345万"), "12345");
        assert_eq!(ok(Money, "99999999.99"), "99999999.99");
        assert_eq!(ok(Money, "0"), "0");
        assert_eq!(ok(Money, "-0"), "0");
        assert_eq!(ok(Money, "1e7"), "10000000");
        assert_eq!(read(Money, "   "), Ok(None));
        assert_eq!(read(Money, ""), Ok(None));
    }

    #[test]
    fn money_bounds_and_nonsense() {
        assert_eq!(ok(Money, "100000000000000"), "100000000000000");
        assert_eq!(ok(Money, "1000000亿"), "100000000000000");
        assert_eq!(err(Money, "100000000000000.01"), QuantityError::TooLarge);
        assert_eq!(err(Money, "1000001亿"), QuantityError::TooLarge);
        assert_eq!(
            err(Money, "99999999999999999999999999999999"),
            QuantityError::NotANumber
        );
        assert_eq!(err(Money, "1e300"), QuantityError::NotANumber);
        assert_eq!(err(Money, "0.001"), QuantityError::TooPrecise);
        assert_eq!(err(Money, "1.2345678万"), QuantityError::TooPrecise);
        assert_eq!(err(Money, "-5"), QuantityError::Negative);
        assert_eq!(err(Money, "－5万"), QuantityError::Negative);
        assert_eq!(err(Money, "about 3 million"), QuantityError::NotANumber);
        assert_eq!(err(Money, "万"), QuantityError::NotANumber);
        assert_eq!(err(Money, "1.2.3"), QuantityError::NotANumber);
        assert_eq!(err(Money, "1,5"), QuantityError::BadGrouping);
        assert_eq!(err(Money, "12,34,567"), QuantityError::BadGrouping);
        assert_eq!(
            err(Money, "3500平方米"),
            QuantityError::WrongUnit("平方米".into())
        );
        assert_eq!(err(Money, "NaN"), QuantityError::NotANumber);
        assert_eq!(err(Money, "inf"), QuantityError::NotANumber);
        assert_eq!(err(Money, &"9".repeat(500)), QuantityError::NotANumber);
    }

    #[test]
    fn areas() {
        for s in [
            "3500",
            "3,500",
            "3500平方米",
            "3500㎡",
            "3500 m²",
            "3500m2",
            "3500平米",
            "３５００平方米",
            "0.35万平方米",
        ] {
            assert_eq!(ok(Area, s), "3500", "{s}");
        }
        assert_eq!(ok(Area, "2999.5"), "2999.5");
        assert_eq!(ok(Area, "100000000"), "100000000");
        assert_eq!(err(Area, "100000001"), QuantityError::TooLarge);
        assert_eq!(err(Area, "2亿"), QuantityError::TooLarge);
        assert_eq!(err(Area, "3500元"), QuantityError::WrongUnit("元".into()));
        assert_eq!(err(Area, "-1"), QuantityError::Negative);
        assert_eq!(err(Area, "1.00001"), QuantityError::TooPrecise);
    }

    #[test]
    fn counts() {
        for s in ["20", "20家", "２０", " 20 ", "20个", "20.0"] {
            assert_eq!(ok(Count, s), "20", "{s}");
        }
        assert_eq!(read_count("12个月"), Ok(Some(12)));
        assert_eq!(read_count("1,000,000"), Ok(Some(1_000_000)));
        assert_eq!(read_count("100万"), Ok(Some(1_000_000)));
        assert_eq!(read_count(""), Ok(None));
        assert_eq!(err(Count, "1000001"), QuantityError::TooLarge);
        assert_eq!(err(Count, "2.5"), QuantityError::TooPrecise);
        assert_eq!(err(Count, "-1"), QuantityError::Negative);
        assert_eq!(err(Count, "twenty"), QuantityError::NotANumber);
        assert_eq!(err(Count, "20元"), QuantityError::WrongUnit("元".into()));
    }

    #[test]
    fn scaled_columns() {
        let wan = Decimal::from(10_000);
        let r = |s: &str| read_scaled(Money, s, wan).map(|d| d.map(|d| d.to_string()));
        assert_eq!(r("12.5"), Ok(Some("125000".into())));
        assert_eq!(r("12.5万"), Ok(Some("125000".into())));
        assert_eq!(r("1亿"), Ok(Some("100000000".into())));
    }

    #[test]
    fn read_back_in_both_languages() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        let t = read_back(Money, d("8200000"));
        assert_eq!(t.zh, "= 8,200,000.00 元 / 820 万元");
        assert_eq!(t.en, "= CNY 8,200,000.00");
        assert_eq!(read_back(Area, d("3500")).zh, "= 3,500 平方米");
        assert_eq!(read_back(Count, d("1000000")).en, "= 1,000,000");
    }

    #[test]
    fn messages_are_plain() {
        for e in [
            QuantityError::NotANumber,
            QuantityError::Negative,
            QuantityError::TooLarge,
            QuantityError::TooPrecise,
            QuantityError::BadGrouping,
            QuantityError::WrongUnit("元".into()),
        ] {
            for k in [Money, Area, Count] {
                let m = e.message(k);
                assert!(!m.zh.is_empty() && !m.en.is_empty());
                assert!(!m.zh.contains("Error") && !m.en.contains("Error"));
            }
        }
        assert!(MAX_MONEY == Decimal::from(100_000_000_000_000_u64));
    }
}
