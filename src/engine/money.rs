//! Formatting money for people: 元 and 万元, exact decimals.

use rust_decimal::{Decimal, RoundingStrategy};

use super::outcome::MoneyRange;

const WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// `1234567.5` → `1,234,567.50`.
pub fn group_thousands(d: Decimal) -> String {
    let mut out = String::with_capacity(24);
    push_thousands(&mut out, d);
    out
}

/// Writes `d` as [`group_thousands`] does. The digits of |d| in cents come from its mantissa:
/// no text of the decimal is made on the way (amounts are written many times per evaluation).
fn push_thousands(out: &mut String, d: Decimal) {
    let d = d.round_dp(2);
    // Scale ≤ 2 after rounding; |mantissa| < 2⁹⁶, so the cents fit 128 bits.
    let cents = d.mantissa().unsigned_abs()
        * if d.scale() < 2 {
            10u128.pow(2 - d.scale())
        } else {
            1
        };
    let mut buf = [0u8; 40];
    // The cents' digits, most significant first; at least "0.00".
    let digits = super::digits::digits(&mut buf, cents, 3);
    let (int, frac) = digits.split_at(digits.len() - 2);
    out.reserve(digits.len() + digits.len() / 3 + 2);
    if d.is_sign_negative() && !d.is_zero() {
        out.push('-');
    }
    for (i, &b) in int.iter().enumerate() {
        out.push(char::from(b));
        let left = int.len() - 1 - i;
        if left > 0 && left.is_multiple_of(3) {
            out.push(',');
        }
    }
    out.push('.');
    frac.iter().for_each(|&b| out.push(char::from(b)));
}

/// `100000` → `100,000.00 元`.
pub fn yuan(d: Decimal) -> String {
    let mut out = String::with_capacity(28);
    push_thousands(&mut out, d);
    out.push_str(" 元");
    out
}

/// An amount in 万元 with at most four decimals (one 元); a value that needs more (a sum
/// with 分) is rounded and marked 约 — the 元 figure beside it stays exact.
fn push_wan_number(out: &mut String, d: Decimal) {
    use std::fmt::Write;
    // ÷ 10 000 is four more decimal places, exactly (a division only past 28 places).
    let w = if d.scale() + 4 <= 28 {
        let mut w = d;
        w.set_scale(d.scale() + 4).map_or(d / WAN, |()| w)
    } else {
        d / WAN
    };
    let r = w.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
    if r != w {
        out.push_str("约 ");
    }
    let _ = write!(out, "{}", r.normalize());
}

/// `100000` → `10 万元`; `12345` → `1.2345 万元`; `99999999.99` → `约 10000 万元`.
pub fn wan(d: Decimal) -> String {
    let mut out = String::with_capacity(24);
    push_wan_number(&mut out, d);
    out.push_str(" 万元");
    out
}

/// `10 万元（100,000.00 元）`.
pub fn wan_and_yuan(d: Decimal) -> String {
    let mut out = String::with_capacity(64);
    push_wan_number(&mut out, d);
    out.push_str(" 万元（");
    push_thousands(&mut out, d);
    out.push_str(" 元）");
    out
}

/// `CNY 100,000.00`.
pub fn cny(d: Decimal) -> String {
    let mut out = String::with_capacity(28);
    out.push_str("CNY ");
    push_thousands(&mut out, d);
    out
}

/// `10–20 万元` or `10 万元` when min = max.
pub fn range_wan(r: &MoneyRange) -> String {
    range(r, "", push_wan_number, " 万元")
}

/// `100,000.00–200,000.00 元`.
pub fn range_yuan(r: &MoneyRange) -> String {
    range(r, "", push_thousands, " 元")
}

/// `CNY 100,000.00–200,000.00` (English screens name amounts in CNY).
pub fn range_cny(r: &MoneyRange) -> String {
    range(r, "CNY ", push_thousands, "")
}

/// `head` min[–max] `tail`, each bound written by `push` (max left out when it equals min).
fn range(r: &MoneyRange, head: &str, push: fn(&mut String, Decimal), tail: &str) -> String {
    let mut out = String::with_capacity(48);
    out.push_str(head);
    push(&mut out, r.min);
    if r.min != r.max {
        out.push('–');
        push(&mut out, r.max);
    }
    out.push_str(tail);
    out
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

    #[test]
    fn thousands_from_the_mantissa_are_thousands_from_the_text() {
        let by_text = |d: Decimal| {
            let d = d.round_dp(2);
            let plain = d.abs().to_string();
            let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
            let mut out = String::new();
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
        };
        for s in [
            "0",
            "0.0",
            "-0",
            "0.004",
            "0.005",
            "0.01",
            "0.1",
            "1",
            "-1",
            "9.999",
            "10",
            "99.5",
            "100",
            "999",
            "1000",
            "1234",
            "12345",
            "123456",
            "1234567.5",
            "-1234567.555",
            "100000",
            "300000.00",
            "99999999.99",
            "1000000000000",
            "18446744073709551616",
            "79228162514264337593543950335",
            "-79228162514264337593543950335",
            "7922816251426433759354395.0335",
            "0.0000000000000000000000000001",
        ] {
            let v = Decimal::from_str(s).unwrap_or_default();
            assert_eq!(group_thousands(v), by_text(v), "{s}");
        }
    }

    #[test]
    fn wan_by_scale_is_wan_by_division() {
        let by_division = |d: Decimal| {
            let w = d / WAN;
            let r = w.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero);
            if r == w {
                r.normalize().to_string()
            } else {
                format!("约 {}", r.normalize())
            }
        };
        let wan_number = |d: Decimal| {
            let mut s = String::new();
            push_wan_number(&mut s, d);
            s
        };
        for s in [
            "0",
            "1",
            "0.01",
            "12345",
            "12345.67",
            "100000",
            "99999999.99",
            "300000.00",
            "0.00005",
            "-12345.5",
            "79228162514264337593543950335",
            "7.922816251426433759354395033",
            "1.000000000000000000000000001",
        ] {
            let v = Decimal::from_str(s).unwrap_or_default();
            assert_eq!(wan_number(v), by_division(v), "{s}");
            // The amounts and ranges, as they were written with `format!`.
            assert_eq!(wan(v), format!("{} 万元", by_division(v)));
            assert_eq!(yuan(v), format!("{} 元", group_thousands(v)));
            assert_eq!(cny(v), format!("CNY {}", group_thousands(v)));
            assert_eq!(wan_and_yuan(v), format!("{}（{}）", wan(v), yuan(v)));
            let next = v.checked_add(Decimal::ONE).unwrap_or(v);
            for (lo, hi) in [(v, v), (Decimal::ZERO, v), (v, next)] {
                let r = MoneyRange::new(lo, hi);
                let (wz, ty, tc) = if lo == hi {
                    (wan(lo), yuan(lo), format!("CNY {}", group_thousands(lo)))
                } else {
                    (
                        format!("{}–{} 万元", by_division(lo), by_division(hi)),
                        format!("{}–{} 元", group_thousands(lo), group_thousands(hi)),
                        format!("CNY {}–{}", group_thousands(lo), group_thousands(hi)),
                    )
                };
                assert_eq!(range_wan(&r), wz, "{s}");
                assert_eq!(range_yuan(&r), ty, "{s}");
                assert_eq!(range_cny(&r), tc, "{s}");
            }
        }
    }
}
