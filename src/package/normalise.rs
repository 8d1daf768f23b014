//! Text from the user's answers, normalised before it is printed: an address that already
//! names its district is not prefixed again, a title already in 书名号 is not wrapped again,
//! numbers and units are written one way (no space between a number and a Chinese unit).
//! Display only: nothing here decides.

use rust_decimal::Decimal;

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303f}'   // CJK punctuation
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{ff00}'..='\u{ffef}') // full-width forms
}

/// One way for numbers and units: no space between a number and a Chinese character on
/// either side (`3500 平方米` → `3500平方米`, `第 1 页` → `第1页`). Latin text keeps its
/// spaces.
pub fn tighten(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\u{a0}' {
            let start = i;
            while i < chars.len() && (chars[i] == ' ' || chars[i] == '\u{a0}') {
                i += 1;
            }
            let before = start.checked_sub(1).and_then(|j| chars.get(j)).copied();
            let after = chars.get(i).copied();
            let drop = match (before, after) {
                (Some(b), Some(a)) => {
                    (b.is_ascii_digit() && is_cjk(a)) || (is_cjk(b) && a.is_ascii_digit())
                }
                _ => false,
            };
            if !drop {
                out.extend(&chars[start..i]);
            }
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Where the park is: the address as given when it already names the district
/// (`包头市青山区幸福路18号`), otherwise the district put in after `包头市` or in front.
pub fn join_address(district: &str, address: &str) -> String {
    let d = district.trim();
    let a = address.trim();
    if d.is_empty() || a.contains(d) {
        return a.to_string();
    }
    if a.is_empty() {
        return d.to_string();
    }
    for city in ["内蒙古自治区包头市", "包头市"] {
        if let Some(rest) = a.strip_prefix(city) {
            if d.starts_with(city) {
                return format!("{d}{rest}");
            }
            return format!("{city}{d}{rest}");
        }
    }
    format!("{d}{a}")
}

/// A document's title in 书名号, once: `青山区支持…措施（青政办发[2023]12号）` →
/// `《青山区支持…措施》（青政办发〔2023〕12号）`; a title already in 书名号 is kept as typed
/// (only its document number's brackets are normalised).
pub fn book_title(s: &str) -> String {
    let mut t = s.trim().to_string();
    // 《《…》》 typed twice.
    while t.starts_with("《《") && t.ends_with("》》") {
        t = t["《".len()..t.len() - "》".len()].to_string();
    }
    let t = t
        .replace("<<", "《")
        .replace(">>", "》")
        .replace('〈', "《")
        .replace('〉', "》");
    if t.contains('《') {
        return doc_number_brackets(&t);
    }
    // A trailing （…号） is the document number: outside the 书名号.
    let close = if t.ends_with('）') {
        Some('（')
    } else if t.ends_with(')') {
        Some('(')
    } else {
        None
    };
    if let Some(open) = close {
        if let Some(i) = t.rfind(open) {
            let inner = &t[i + open.len_utf8()..t.len() - close_len(&t)];
            if inner.contains('号') && i > 0 {
                let title = t[..i].trim();
                return format!("《{title}》（{}）", doc_number_brackets(inner.trim()));
            }
        }
    }
    format!("《{t}》")
}

fn close_len(t: &str) -> usize {
    t.chars().last().map(char::len_utf8).unwrap_or(0)
}

/// `青政办发[2023]12号` → `青政办发〔2023〕12号` (GB/T 9704 7.2.4: 六角括号).
pub fn doc_number_brackets(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let year_follows = chars
            .get(i + 1..i + 5)
            .is_some_and(|y| y.iter().all(|c| c.is_ascii_digit()));
        let year_before =
            i >= 4 && chars[i - 4..i].iter().all(|c| c.is_ascii_digit()) && i + 1 < chars.len();
        match c {
            '[' | '［' | '【' | '(' | '（' if year_follows => out.push('〔'),
            ']' | '］' | '】' | ')' | '）' if year_before => out.push('〕'),
            c => out.push(c),
        }
    }
    out
}

/// `125100000` → `12510万元`; `12345` → `1.2345万元` (exact).
pub fn wan(d: Decimal) -> String {
    format!("{}万元", (d / Decimal::from(10_000)).normalize())
}

/// A plain number as typed (`5200`, `5200.5`), without trailing zeros.
pub fn number(d: Decimal) -> String {
    d.normalize().to_string()
}

/// Width in full-width characters (ASCII counts half), for aligning a signature over a date.
pub fn width_in_chars(s: &str) -> usize {
    let halves: usize = s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
    halves.div_ceil(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_units_one_way() {
        assert_eq!(tighten("3500 平方米，22 家"), "3500平方米，22家");
        assert_eq!(tighten("第 1 页"), "第1页");
        assert_eq!(tighten("10–12.65 万元"), "10–12.65万元");
        assert_eq!(tighten("sha 256 x"), "sha 256 x");
        assert_eq!(tighten("Park Measures 第四条"), "Park Measures 第四条");
    }

    #[test]
    fn the_district_is_not_repeated() {
        assert_eq!(
            join_address("青山区", "包头市青山区幸福路18号"),
            "包头市青山区幸福路18号"
        );
        assert_eq!(
            join_address("青山区", "包头市幸福路18号"),
            "包头市青山区幸福路18号"
        );
        assert_eq!(join_address("青山区", "幸福路18号"), "青山区幸福路18号");
        assert_eq!(join_address("", "幸福路18号"), "幸福路18号");
    }

    #[test]
    fn book_titles_are_not_doubled() {
        assert_eq!(
            book_title("《青山区支持人力资源服务业发展措施》（青政办发〔2023〕12号）"),
            "《青山区支持人力资源服务业发展措施》（青政办发〔2023〕12号）"
        );
        assert_eq!(
            book_title("青山区支持人力资源服务业发展措施（青政办发[2023]12号）"),
            "《青山区支持人力资源服务业发展措施》（青政办发〔2023〕12号）"
        );
        assert_eq!(book_title("《《某措施》》"), "《某措施》");
        assert_eq!(book_title("某措施"), "《某措施》");
        assert_eq!(book_title("某措施（试行）"), "《某措施（试行）》");
    }

    #[test]
    fn widths() {
        assert_eq!(width_in_chars("2024年6月30日"), 7);
        assert_eq!(width_in_chars("昆都仑区人民政府"), 8);
    }
}
