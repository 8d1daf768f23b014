//! Words the documents print for the outcome's enums. Display only: nothing here decides.

use crate::engine::{Counting, Eligibility, MaterialState, Verdict};
use crate::policy::{MoneyKind, Recipient};

/// The core's one verdict vocabulary (`Verdict::words`), as the widget and the CLI say it.
pub fn verdict(v: &Verdict) -> String {
    v.words().zh
}

/// The core's one eligibility vocabulary (`Eligibility::words`).
pub fn eligibility(e: &Eligibility) -> String {
    e.words().zh
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
