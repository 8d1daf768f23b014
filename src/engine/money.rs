//! Formatting money for people: 元 and 万元, exact decimals.

use rust_decimal::Decimal;

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

/// `100000` → `10 万元`; `12345` → `1.2345 万元`.
pub fn wan(d: Decimal) -> String {
    format!("{} 万元", (d / WAN).normalize())
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
        format!(
            "{}–{} 万元",
            (r.min / WAN).normalize(),
            (r.max / WAN).normalize()
        )
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
    }
}
