//! Periods, one rule for the whole notice (民法典 第二百零一条、第二百零二条).
//!
//! 第二百零一条: “按照年、月、日计算期间的，开始的当日不计入，自下一日开始计算。”
//! 第二百零二条: “按照年、月计算期间的，到期月的对应日为期间的最后一日；没有对应日的，月末日为期间
//! 的最后一日。”
//!
//! So a period of `months` starting with an event on `start` runs from the next day to its
//! last day, the day of `start`'s number in the month the period ends in (that month's last
//! day where it has no such day). Every period of the notice goes through [`last_day`]:
//! 第三条 运行一年, 第七条 工作满6个月, 第九条 连续2年全职, 《管理办法》第九条 三年内不予重新认定.

use chrono::{Months, NaiveDate};

use crate::policy::Text;

/// The last day of a period of `months` calendar months that starts with an event on `start`
/// (years are 12 months). `None` only past the calendar's end.
///
/// A condition “满 N 个月 / 运行一年” is reached on this day; a bar “N 年内不予…” still holds
/// on this day and lifts the next (see [`day_after`]).
pub fn last_day(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    // chrono's month arithmetic keeps the day of the month and, where the month is shorter,
    // takes its last day: exactly 第二百零二条's corresponding day.
    start.checked_add_months(Months::new(months))
}

/// The first day after a period: when a bar has lifted.
pub fn day_after(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    last_day(start, months)?.succ_opt()
}

/// A period in words as the law writes it: whole years as years (三年 / three years), else
/// months (18个月 / 18 months).
pub fn months_words(months: u32) -> Text {
    const ZH: [&str; 10] = ["一", "两", "三", "四", "五", "六", "七", "八", "九", "十"];
    const EN: [&str; 10] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let years = months / 12;
    if months.is_multiple_of(12) && (1..=10).contains(&years) {
        let i = (years - 1) as usize;
        let s = if years == 1 { "" } else { "s" };
        Text::new(format!("{}年", ZH[i]), format!("{} year{s}", EN[i]))
    } else if months.is_multiple_of(12) && years > 0 {
        Text::new(format!("{years}年"), format!("{years} years"))
    } else {
        let s = if months == 1 { "" } else { "s" };
        Text::new(format!("{months}个月"), format!("{months} month{s}"))
    }
}

/// Writes `d` as `Display` does (`2024-09-30`); a year of four digits straight into `out`.
pub fn push_date(out: &mut String, d: NaiveDate) {
    use chrono::Datelike;
    let year = d.year();
    if !(0..=9999).contains(&year) {
        use std::fmt::Write;
        let _ = write!(out, "{d}");
        return;
    }
    use super::digits::push_padded;
    // 0 ≤ year ≤ 9999 here.
    push_padded(out, u128::from(year.unsigned_abs()), 4);
    out.push('-');
    push_padded(out, u128::from(d.month()), 2);
    out.push('-');
    push_padded(out, u128::from(d.day()), 2);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or(NaiveDate::MIN)
    }

    fn end(start: &str, months: u32) -> String {
        last_day(d(start), months).map_or_else(String::new, |x| x.to_string())
    }

    #[test]
    fn periods_are_written_in_years_where_whole() {
        let w = |m| {
            let t = months_words(m);
            (t.zh, t.en)
        };
        assert_eq!(w(36), ("三年".into(), "three years".into()));
        assert_eq!(w(24), ("两年".into(), "two years".into()));
        assert_eq!(w(12), ("一年".into(), "one year".into()));
        assert_eq!(w(18), ("18个月".into(), "18 months".into()));
        assert_eq!(w(144), ("12年".into(), "12 years".into()));
    }

    #[test]
    fn the_corresponding_day_ends_the_period() {
        assert_eq!(end("2024-03-01", 6), "2024-09-01");
        assert_eq!(end("2023-03-01", 36), "2026-03-01");
        assert_eq!(end("2023-01-15", 12), "2024-01-15");
    }

    #[test]
    fn a_month_without_the_corresponding_day_ends_on_its_last_day() {
        assert_eq!(end("2024-01-31", 6), "2024-07-31");
        assert_eq!(end("2024-08-31", 6), "2025-02-28");
        assert_eq!(end("2024-03-31", 1), "2024-04-30");
        assert_eq!(end("2023-01-31", 1), "2023-02-28");
        assert_eq!(end("2024-01-31", 1), "2024-02-29");
        assert_eq!(end("2022-12-31", 6), "2023-06-30");
    }

    #[test]
    fn leap_days() {
        assert_eq!(end("2023-08-31", 6), "2024-02-29");
        assert_eq!(end("2024-02-29", 12), "2025-02-28");
        assert_eq!(end("2024-02-29", 24), "2026-02-28");
        assert_eq!(end("2024-02-29", 48), "2028-02-29");
        assert_eq!(end("2020-02-29", 36), "2023-02-28");
        // 28 February has a corresponding day in a leap year: not moved to the 29th.
        assert_eq!(end("2023-02-28", 12), "2024-02-28");
        assert_eq!(end("2022-02-28", 24), "2024-02-28");
    }

    #[test]
    fn a_bar_lifts_the_day_after_its_last_day() {
        assert_eq!(day_after(d("2023-03-01"), 36), Some(d("2026-03-02")));
        assert_eq!(day_after(d("2021-02-28"), 36), Some(d("2024-02-29")));
        assert_eq!(day_after(d("2020-02-29"), 36), Some(d("2023-03-01")));
    }

    #[test]
    fn past_the_calendar_is_none_not_a_panic() {
        assert_eq!(last_day(NaiveDate::MAX, 1), None);
        assert_eq!(day_after(NaiveDate::MAX, 0), None);
        assert_eq!(last_day(d("2024-01-01"), u32::MAX), None);
    }
}
