//! Properties over many generated answers: amounts never exceed caps, ranges
//! have min ≤ max, more area / firms / revenue never turns met into unmet.

use chrono::NaiveDate;
use hrs_widget::engine::{
    evaluate, Answer, AnswerStore, AnswerValue as V, AnswersKind, Outcome, Verdict,
};
use hrs_widget::policy::{self, Edition};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn edition() -> Edition {
    policy::default_edition().expect("edition")
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 9, 30).unwrap_or(NaiveDate::MIN)
}

fn passing_park() -> AnswerStore {
    AnswerStore::from_json(
        &edition(),
        include_str!("../src/policy/examples/park-passes.json"),
    )
    .expect("example park")
}

/// Sets the answer at `path` (a value, don't know, or not answered).
fn put(s: &mut AnswerStore, path: &str, a: Answer<V>) {
    let r = match a {
        Answer::Value(v) => s.set(path, v),
        Answer::DontKnow => s.set_dont_know(path),
        Answer::NotAnswered => s.clear(path),
    };
    if let Err(e) = r {
        panic!("{path}: {}", e.en);
    }
}

fn verdict(o: &Outcome, id: &str) -> Verdict {
    o.park
        .as_ref()
        .and_then(|p| p.conditions.iter().find(|c| c.id == id))
        .map(|c| c.verdict)
        .unwrap_or(Verdict::Unknown)
}

/// Money in 分 turned into 元 with two decimals.
fn yuan(fen: u64) -> Decimal {
    Decimal::new(i64::try_from(fen).unwrap_or(i64::MAX), 2)
}

fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::NotMet => 0,
        Verdict::Unknown | Verdict::NotYet { .. } => 1,
        Verdict::Met | Verdict::ForReviewers => 2,
    }
}

fn tri(b: u8) -> Answer<V> {
    match b % 4 {
        0 => Answer::Value(V::Bool(true)),
        1 => Answer::Value(V::Bool(false)),
        2 => Answer::DontKnow,
        _ => Answer::NotAnswered,
    }
}

prop_compose! {
    fn organisation()(
        flags in proptest::collection::vec(0u8..4, 12),
        revenue in proptest::option::of(0u64..20_000_000_000),
        contribution in proptest::option::of(0u64..50_000_000),
        since_days in 0i64..2000,
        // Contract lengths from 1 month: the question's own minimum (the store refuses 0).
        placements in proptest::collection::vec((0i64..1200, 1u32..40, any::<bool>()), 0..6),
    ) -> AnswerStore {
        let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or(NaiveDate::MIN);
        let mut o = AnswerStore::new(&edition(), AnswersKind::Organisation);
        for (i, key) in [
            "registered_in_city",
            "attracted_by_investment_promotion",
            "on_national_list",
            "outstanding_job_creation",
            "regional_backbone_or_integrity",
            "headquarters_in_city",
            "top10_listed",
            "national_integrity_title",
            "small_or_micro",
            "applies_guarantee_loan",
            "resident_in_park",
            "district_has_contribution_policy",
        ]
        .into_iter()
        .enumerate()
        {
            put(&mut o, &format!("organisation.{key}"), tri(flags[i]));
        }
        let money = |fen: Option<u64>, none: Answer<V>| fen.map_or(none, |f| Answer::Value(V::Money(yuan(f))));
        put(&mut o, "organisation.revenue_yuan", money(revenue, Answer::NotAnswered));
        put(&mut o, "organisation.local_contribution_two_years_yuan", money(contribution, Answer::DontKnow));
        put(&mut o, "organisation.operating_since", Answer::Value(V::Date(start + chrono::Duration::days(since_days))));
        for (days, months, local) in placements {
            let i = o.add_row("organisation.placements").expect("a row");
            let at = |c: &str| format!("organisation.placements[{i}].{c}");
            put(&mut o, &at("talent"), Answer::Value(V::Text("x".into())));
            put(&mut o, &at("employer"), Answer::Value(V::Text("y".into())));
            put(&mut o, &at("employer_in_city"), Answer::Value(V::Bool(local)));
            put(&mut o, &at("contract_start"), Answer::Value(V::Date(start + chrono::Duration::days(days))));
            put(&mut o, &at("contract_months"), Answer::Value(V::Count(months)));
        }
        o
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn amounts_never_exceed_caps_and_ranges_are_ordered(o in organisation()) {
        let e = edition();
        let cap = o.field("local_contribution_two_years_yuan").number().value().copied();
        let out = evaluate(&e, &o, as_of());
        let org = out.organisation.expect("organisation outcome");
        for m in &org.measures {
            if let Some(a) = &m.amount {
                prop_assert!(a.range.min <= a.range.max, "{}: {:?}", m.id, a.range);
                prop_assert!(a.range.min >= Decimal::ZERO);
                prop_assert!(a.range.max <= a.uncapped.max);
                if let (Some(c), Some(_)) = (cap, &a.cap) {
                    prop_assert!(a.range.max <= c, "{}: {:?} above cap {c}", m.id, a.range);
                }
                if m.id == "measures.7" {
                    // Never multiplied by the number of placements.
                    prop_assert_eq!(a.range.max, Decimal::from(500_000));
                }
            }
        }
        for t in &org.totals {
            prop_assert!(t.eligible.min <= t.eligible.max);
            prop_assert!(t.possible.min <= t.possible.max);
        }
        // At most one branch of 第三条 is counted — or, while the higher one is unsettled, both
        // stay in contention and the group is counted once (its undecided members).
        let counted = org.measures.iter()
            .filter(|m| m.id.starts_with("measures.3.") && m.counting == hrs_widget::engine::Counting::Counted)
            .count();
        let undecided = org.non_duplication.iter()
            .find(|g| g.group == "nodup.measures.3")
            .map_or(0, |g| g.undecided.len());
        prop_assert!(counted <= 1 || counted == undecided, "{counted} counted, {undecided} undecided");
    }

    #[test]
    fn more_area_never_turns_met_into_unmet(a in 0u64..1_000_000, more in 0u64..1_000_000) {
        let e = edition();
        let mut p = passing_park();
        put(&mut p, "park.floor_area_m2", Answer::Value(V::Area(yuan(a))));
        let before = verdict(&evaluate(&e, &p, as_of()), "park.4.2.area");
        put(&mut p, "park.floor_area_m2", Answer::Value(V::Area(yuan(a + more))));
        let after = verdict(&evaluate(&e, &p, as_of()), "park.4.2.area");
        prop_assert!(rank(after) >= rank(before), "{before:?} -> {after:?}");
    }

    #[test]
    fn more_revenue_never_turns_met_into_unmet(last in 0u64..30_000_000_000, cur in 0u64..30_000_000_000, more in 0u64..10_000_000_000) {
        let e = edition();
        let mut p = passing_park();
        put(&mut p, "park.revenue_last_year_yuan", Answer::Value(V::Money(yuan(last))));
        put(&mut p, "park.revenue_this_year_yuan", Answer::Value(V::Money(yuan(cur))));
        let o1 = evaluate(&e, &p, as_of());
        put(&mut p, "park.revenue_this_year_yuan", Answer::Value(V::Money(yuan(cur + more))));
        let o2 = evaluate(&e, &p, as_of());
        for id in ["park.4.3.revenue", "park.4.3.growth"] {
            prop_assert!(rank(verdict(&o2, id)) >= rank(verdict(&o1, id)), "{id}");
        }
    }

    #[test]
    fn more_firms_never_turn_met_into_unmet(firms in 0usize..22, more in 0usize..22) {
        let e = edition();
        let mut p = passing_park();
        let set = |p: &mut AnswerStore, n: usize| {
            for i in 0..p.rows("roster").len() {
                put(p, &format!("park.roster[{i}].hr_service_firm"), Answer::Value(V::Bool(i < n)));
            }
        };
        set(&mut p, firms);
        let before = verdict(&evaluate(&e, &p, as_of()), "park.4.3.firms");
        set(&mut p, (firms + more).min(22));
        let after = verdict(&evaluate(&e, &p, as_of()), "park.4.3.firms");
        prop_assert!(rank(after) >= rank(before), "{before:?} -> {after:?}");
    }

    #[test]
    fn dont_know_is_never_read_as_no(flag in 0usize..5) {
        let e = edition();
        let mut p = passing_park();
        let (path, a, id) = match flag {
            0 => ("park.floor_area_m2", Answer::DontKnow, "park.4.2.area"),
            1 => ("park.revenue_this_year_yuan", Answer::DontKnow, "park.4.3.revenue"),
            2 => ("park.physically_concentrated", Answer::DontKnow, "park.4.2.concentrated"),
            3 => ("park.investor", Answer::DontKnow, "park.4.2.investor"),
            _ => ("park.events_held", Answer::NotAnswered, "park.4.6.events"),
        };
        put(&mut p, path, a);
        let o = evaluate(&e, &p, as_of());
        prop_assert_eq!(verdict(&o, id), Verdict::Unknown);
    }
}
