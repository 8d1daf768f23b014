//! 统一社会信用代码 (Unified Social Credit Code) check, GB 32100-2015.
//!
//! 18 characters from `0-9A-HJ-NP-RTUWXY` (no I, O, Z, S, V). The 18th is a
//! check character: with the character values `0..=30` and the weights
//! `3^(i) mod 31` (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30,
//! 28), check = 31 − (Σ value × weight mod 31), where 31 becomes 0.

use std::fmt;

/// The 31 characters of the code, in value order.
pub const CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// The weights of the first 17 positions.
pub const WEIGHTS: [u32; 17] = [
    1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
];

/// Why a code is not a valid USCC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsccError {
    /// Not 18 characters long.
    Length(usize),
    /// A character outside `0-9A-HJ-NP-RTUWXY` at a 0-based position.
    BadChar { position: usize, found: char },
    /// The check character does not match.
    Check { expected: char, found: char },
}

impl fmt::Display for UsccError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UsccError::Length(n) => write!(f, "a USCC has 18 characters, this one has {n}"),
            UsccError::BadChar { position, found } => write!(
                f,
                "character {} ({found:?}) is not allowed in a USCC (0-9 and A-Z without I, O, S, V, Z)",
                position + 1
            ),
            UsccError::Check { expected, found } => {
                write!(f, "check character is {found:?}, expected {expected:?}")
            }
        }
    }
}

impl UsccError {
    /// The message in Chinese.
    pub fn zh(&self) -> String {
        match self {
            UsccError::Length(n) => format!("统一社会信用代码应为 18 位，此处为 {n} 位"),
            UsccError::BadChar { position, found } => {
                format!(
                    "第 {} 位字符“{found}”不是统一社会信用代码允许的字符",
                    position + 1
                )
            }
            UsccError::Check { expected, found } => {
                format!("校验码为“{found}”，按 GB 32100-2015 应为“{expected}”")
            }
        }
    }
}

impl std::error::Error for UsccError {}

/// Value of each ASCII byte in the code (255 = not allowed).
const VALUES: [u8; 128] = {
    let mut t = [255u8; 128];
    let mut i = 0;
    while i < CHARSET.len() {
        t[CHARSET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

fn value_of(c: u8) -> Option<u32> {
    match VALUES.get(usize::from(c)) {
        Some(&v) if v != 255 => Some(u32::from(v)),
        _ => None,
    }
}

/// The check character for the first 17 characters of a code, or an error
/// naming the first bad character. Lower-case letters are accepted.
pub fn check_char(first17: &str) -> Result<char, UsccError> {
    let n = first17.chars().count();
    if n != 17 {
        return Err(UsccError::Length(n + 1));
    }
    let mut sum = 0u32;
    for (i, ch) in first17.chars().enumerate() {
        let up = ch.to_ascii_uppercase();
        let v = u8::try_from(up)
            .ok()
            .and_then(value_of)
            .ok_or(UsccError::BadChar {
                position: i,
                found: ch,
            })?;
        sum += v * WEIGHTS[i];
    }
    let c = (31 - sum % 31) % 31;
    Ok(char::from(CHARSET[c as usize]))
}

/// Check a USCC. Surrounding whitespace is ignored; lower case is accepted.
pub fn validate(code: &str) -> Result<(), UsccError> {
    let code = code.trim();
    let n = code.chars().count();
    if n != 18 {
        return Err(UsccError::Length(n));
    }
    let (head, last) = code.split_at(code.char_indices().nth(17).map(|(i, _)| i).unwrap_or(0));
    let expected = check_char(head)?;
    let found = last.chars().next().unwrap_or(' ');
    let up = found.to_ascii_uppercase();
    if u8::try_from(up).ok().and_then(value_of).is_none() {
        return Err(UsccError::BadChar {
            position: 17,
            found,
        });
    }
    if up != expected {
        return Err(UsccError::Check { expected, found });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_powers_of_three_mod_31() {
        let mut w = 1u32;
        for expected in WEIGHTS {
            assert_eq!(w, expected);
            w = w * 3 % 31;
        }
    }

    #[test]
    fn computed_codes_validate_and_a_changed_check_fails() {
        // Real-format heads: 91 (enterprise) + 6-digit Baotou area code 150200.
        for head in ["91150200MA0N000000", "91150203MA13QX7K2"] {
            let head17: String = head.chars().take(17).collect();
            let c = check_char(&head17).expect("valid head");
            let code = format!("{head17}{c}");
            assert_eq!(validate(&code), Ok(()), "{code}");
            let wrong = CHARSET
                .iter()
                .map(|&b| char::from(b))
                .find(|&x| x != c)
                .unwrap_or('0');
            assert!(matches!(
                validate(&format!("{head17}{wrong}")),
                Err(UsccError::Check { .. })
            ));
        }
    }

    #[test]
    fn known_codes_validate() {
        // The worked example printed with GB 32100-2015, and a real published code.
        for code in [
            "91350100M000100Y43",
            "91110000600037341L",
            "91110000600037341l",
        ] {
            assert_eq!(validate(code), Ok(()), "{code}");
        }
        assert_eq!(
            validate("91350100M000100Y44"),
            Err(UsccError::Check {
                expected: '3',
                found: '4'
            })
        );
    }

    #[test]
    fn rejects_bad_length_and_characters() {
        assert_eq!(validate("123"), Err(UsccError::Length(3)));
        assert!(matches!(
            validate("91150200MA0N0O0000"),
            Err(UsccError::BadChar {
                position: 13,
                found: 'O'
            })
        ));
        assert!(matches!(
            validate("9115020OMA0N00000X"),
            Err(UsccError::BadChar { .. })
        ));
        assert!(validate("").is_err());
        assert!(validate("中国中国中国中国中国中国中国中国中国").is_err());
    }
}
