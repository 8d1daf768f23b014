//! Whole numbers in decimal digits without the formatting machinery: the engine writes row
//! numbers, counts, dates and amounts many times per evaluation. One writer for all of them.

/// The decimal digits of `n`, most significant first, at least `min` of them (leading zeros),
/// written into `buf` (39 digits hold any `u128`).
pub fn digits(buf: &mut [u8; 40], n: u128, min: usize) -> &[u8] {
    // 10¹⁹ < 2⁶⁴: below it, digits come by u64 division (much cheaper than u128's).
    const E19: u128 = 10_000_000_000_000_000_000;
    let mut end = buf.len();
    let mut rest = n;
    while rest >= E19 {
        // A whole chunk of 19 digits below the top one; the remainder is < 10¹⁹.
        let mut chunk = (rest % E19) as u64;
        for _ in 0..19 {
            end -= 1;
            buf[end] = b'0' + (chunk % 10) as u8;
            chunk /= 10;
        }
        rest /= E19;
    }
    // rest < 10¹⁹: fits 64 bits.
    let mut top = rest as u64;
    let floor = buf.len() - min.min(buf.len());
    loop {
        end -= 1;
        // top % 10 < 10: the cast keeps the digit.
        buf[end] = b'0' + (top % 10) as u8;
        top /= 10;
        if top == 0 && end <= floor {
            break;
        }
    }
    &buf[end..]
}

/// Writes `n` as `Display` does, with at least `min` digits (leading zeros).
pub fn push_padded(out: &mut String, n: u128, min: usize) {
    let mut buf = [0u8; 40];
    // ASCII digits: one copy, not a push per char.
    out.push_str(std::str::from_utf8(digits(&mut buf, n, min)).unwrap_or_default());
}

/// Writes `n` as `Display` does.
pub fn push_whole(out: &mut String, n: u128) {
    push_padded(out, n, 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_are_written_as_display_writes_them() {
        let e19 = 10_000_000_000_000_000_000u128;
        for n in [
            0u128,
            1,
            9,
            10,
            12,
            99,
            100,
            4096,
            1_000_000,
            u128::from(u32::MAX),
            u128::from(u64::MAX),
            u128::from(u64::MAX) + 1,
            e19 - 1,
            e19,
            e19 + 1,
            e19 * e19 - 1,
            e19 * e19,
            e19 * e19 + 7,
            u128::MAX,
        ] {
            let mut s = String::new();
            push_whole(&mut s, n);
            assert_eq!(s, n.to_string());
            for min in [0, 2, 3, 4, 25, 40, 99] {
                let mut s = String::new();
                push_padded(&mut s, n, min);
                assert_eq!(s, format!("{n:0min$}", min = min.min(40)), "{n} {min}");
            }
        }
    }
}
