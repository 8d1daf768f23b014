//! Formatting money for people: 元 and 万元, exact decimals.

use rust_decimal::{Decimal, RoundingStrategy};

use super::outcome::MoneyRange;

const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// `1234567.5` → `1,234,567.50`.
pub fn group_thousands(d: Decimal) -> String {
    let d = d.round_dp(2);
    let plain = d.abs().to_string();
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + 4);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push('.');
    out.push_str(frac);
    for _ in frac.len()..2 {
        out.push('0');
    }
    out
}

/// `100000` → `100,000.00 元`.
pub fn yuan(d: Decimal) -> String {
    format!("{} 元", group_thousands(d))
}

/// An amount in 万元 with at most four decimals (one 元); a value that needs more (a sum
/// with 分) is rounded and marked 约 — the 元 figure beside it stays exact.
fn wan_number(d: Decimal) -> String {
    let w = d / WAN;
    let r = w.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    if r == w {
        r.normalize().to_string()
    } else {
        format!("约 {}", r.normalize())
    }
}

/// `100000` → `10 万元`; `12345` → `1.2345 万元`; `99999999.99` → `约 10000 万元`.
pub fn wan(d: Decimal) -> String {
    format!("{} 万元", wan_number(d))
}

/// `10 万元（100,000.00 元）`.
pub fn wan_and_yuan(d: Decimal) -> String {
    format!("{}（{}）", wan(d), yuan(d))
}

/// `10–20 万元` or `10 万元` when min = max.
pub fn range_wan(r: &MoneyRange) -> String {
    if r.min == r.max {
        wan(r.min)
    } else {
        format!("{}–{} 万元", wan_number(r.min), wan_number(r.max))
    }
}

/// `CNY 100,000.00–200,000.00`.
pub fn range_yuan(r: &MoneyRange) -> String {
    if r.min == r.max {
        yuan(r.min)
    } else {
        format!("{}–{} 元", group_thousands(r.min), group_thousands(r.max))
    }
}

/// `CNY 100,000.00–200,000.00` (English screens name amounts in CNY).
pub fn range_cny(r: &MoneyRange) -> String {
    if r.min == r.max {
        format!("CNY {}", group_thousands(r.min))
    } else {
        format!("CNY {}–{}", group_thousands(r.min), group_thousands(r.max))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn formats() {
        let d = |s: &str| Decimal::from_str(s).unwrap_or_default();
        assert_eq!(group_thousands(d("1234567.5")), "1,234,567.50");
        assert_eq!(group_thousands(d("999")), "999.00");
        assert_eq!(wan(d("100000")), "10 万元");
        assert_eq!(wan(d("12345")), "1.2345 万元");
        assert_eq!(
            range_wan(&MoneyRange::new(d("100000"), d("200000"))),
            "10–20 万元"
        );
        // At most four decimals in 万元 and two in 元: never “9999.999999 万元”.
        assert_eq!(wan(d("99999999.99")), "约 10000 万元");
        assert_eq!(yuan(d("99999999.99")), "99,999,999.99 元");
        assert_eq!(wan(d("12345.67")), "约 1.2346 万元");
        assert_eq!(wan(d("0.5")), "约 0.0001 万元");
    }
}
