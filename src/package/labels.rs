//! Words the documents print for the outcome's enums. Display only: nothing here decides.

use crate::engine::{Counting, Eligibility, MaterialState, Verdict};
use crate::policy::{MoneyKind, Recipient};

pub fn verdict(v: &Verdict) -> String {
    match v {
        Verdict::Met => "符合".into(),
        Verdict::NotMet => "不符合".into(),
        Verdict::Unknown => "未知（未填写）".into(),
        Verdict::ForReviewers => "待评审判断".into(),
        Verdict::NotYet { from } => format!("{} 起符合", date_zh_iso(*from)),
    }
}

pub fn eligibility(e: &Eligibility) -> String {
    match e {
        Eligibility::Eligible => "可享受".into(),
        Eligibility::NotEligible => "不符合".into(),
        Eligibility::Unknown => "待确认".into(),
        Eligibility::NotYet { from } => format!("{} 起可享受", date_zh_iso(*from)),
    }
}

pub fn recipient(r: Recipient) -> &'static str {
    match r {
        Recipient::Organisation => "机构",
        Recipient::District => "属地旗县区",
        Recipient::Person => "个人",
    }
}

pub fn money_kind(k: MoneyKind) -> &'static str {
    match k {
        MoneyKind::Grant => "奖补",
        MoneyKind::Loan => "贷款（非补助）",
        MoneyKind::PerOtherPolicy => "按其他政策执行",
        MoneyKind::NoMoney => "无资金",
    }
}

/// A material is either 已备齐 (nothing to do) or 待准备 (with what to prepare): one of two
/// words, never both.
pub fn material_state(s: MaterialState) -> &'static str {
    match s {
        MaterialState::Ready => "已备齐",
        MaterialState::Missing | MaterialState::NotAnswered => "待准备",
    }
}

pub fn counting(c: &Counting, name_of: impl Fn(&str) -> String) -> String {
    match c {
        Counting::Counted => "计入合计".into(),
        Counting::NotCounted => "不计入".into(),
        Counting::GivenUp { kept, .. } => {
            format!("就高从优，已选“{}”，本项不重复享受", name_of(kept))
        }
        Counting::AlreadyReceived => "已享受同类政策，不重复计入".into(),
    }
}

/// `2024-06-30` → `2024年6月30日`.
pub fn date_zh(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn date_zh_iso(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
