//! Properties over many generated answers: amounts never exceed caps, ranges
//! have min ≤ max, more area / firms / revenue never turns met into unmet.

use chrono::NaiveDate;
use hrs_widget::engine::{
    evaluate, Answer, Answers, OrganisationAnswers, Outcome, ParkAnswers, Placement, SquareMetres,
    Verdict, Yuan,
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

fn passing_park() -> ParkAnswers {
    match Answers::from_json(include_str!("../src/policy/examples/park-passes.json")) {
        Ok(Answers::Park(p)) => p,
        _ => ParkAnswers::default(),
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

fn tri(b: u8) -> Answer<bool> {
    match b % 4 {
        0 => Answer::Value(true),
        1 => Answer::Value(false),
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
        placements in proptest::collection::vec((0i64..1200, 0u32..40, any::<bool>()), 0..6),
    ) -> OrganisationAnswers {
        let start = NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or(NaiveDate::MIN);
        OrganisationAnswers {
            registered_in_city: tri(flags[0]),
            attracted_by_investment_promotion: tri(flags[1]),
            on_national_list: tri(flags[2]),
            outstanding_job_creation: tri(flags[3]),
            regional_backbone_or_integrity: tri(flags[4]),
            headquarters_in_city: tri(flags[5]),
            top10_listed: tri(flags[6]),
            national_integrity_title: tri(flags[7]),
            small_or_micro: tri(flags[8]),
            applies_guarantee_loan: tri(flags[9]),
            resident_in_park: tri(flags[10]),
            district_has_contribution_policy: tri(flags[11]),
            revenue_yuan: revenue.map(|r| Answer::Value(Yuan(yuan(r)))).unwrap_or_default(),
            local_contribution_two_years_yuan: contribution.map(|c| Answer::Value(Yuan(yuan(c)))).unwrap_or(Answer::DontKnow),
            operating_since: Answer::Value(start + chrono::Duration::days(since_days)),
            placements: placements
                .into_iter()
                .map(|(days, months, local)| Placement {
                    talent: "x".into(),
                    employer: "y".into(),
                    employer_in_city: Answer::Value(local),
                    contract_start: Answer::Value(start + chrono::Duration::days(days)),
                    contract_months: Answer::Value(months),
                })
                .collect(),
            ..OrganisationAnswers::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn amounts_never_exceed_caps_and_ranges_are_ordered(o in organisation()) {
        let e = edition();
        let cap = o.local_contribution_two_years_yuan.value().map(|y| y.0);
        let out = evaluate(&e, &Answers::Organisation(o), as_of());
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
        p.floor_area_m2 = Answer::Value(SquareMetres(yuan(a)));
        let before = verdict(&evaluate(&e, &Answers::Park(p.clone()), as_of()), "park.4.2.area");
        p.floor_area_m2 = Answer::Value(SquareMetres(yuan(a + more)));
        let after = verdict(&evaluate(&e, &Answers::Park(p), as_of()), "park.4.2.area");
        prop_assert!(rank(after) >= rank(before), "{before:?} -> {after:?}");
    }

    #[test]
    fn more_revenue_never_turns_met_into_unmet(last in 0u64..30_000_000_000, cur in 0u64..30_000_000_000, more in 0u64..10_000_000_000) {
        let e = edition();
        let mut p = passing_park();
        p.revenue_last_year_yuan = Answer::Value(Yuan(yuan(last)));
        p.revenue_this_year_yuan = Answer::Value(Yuan(yuan(cur)));
        let o1 = evaluate(&e, &Answers::Park(p.clone()), as_of());
        p.revenue_this_year_yuan = Answer::Value(Yuan(yuan(cur + more)));
        let o2 = evaluate(&e, &Answers::Park(p), as_of());
        for id in ["park.4.3.revenue", "park.4.3.growth"] {
            prop_assert!(rank(verdict(&o2, id)) >= rank(verdict(&o1, id)), "{id}");
        }
    }

    #[test]
    fn more_firms_never_turn_met_into_unmet(firms in 0usize..22, more in 0usize..22) {
        let e = edition();
        let mut p = passing_park();
        let set = |p: &mut ParkAnswers, n: usize| {
            for (i, r) in p.roster.iter_mut().enumerate() {
                r.hr_service_firm = Answer::Value(i < n);
            }
        };
        set(&mut p, firms);
        let before = verdict(&evaluate(&e, &Answers::Park(p.clone()), as_of()), "park.4.3.firms");
        set(&mut p, (firms + more).min(22));
        let after = verdict(&evaluate(&e, &Answers::Park(p), as_of()), "park.4.3.firms");
        prop_assert!(rank(after) >= rank(before), "{before:?} -> {after:?}");
    }

    #[test]
    fn dont_know_is_never_read_as_no(flag in 0usize..5) {
        let e = edition();
        let mut p = passing_park();
        let id = match flag {
            0 => { p.floor_area_m2 = Answer::DontKnow; "park.4.2.area" }
            1 => { p.revenue_this_year_yuan = Answer::DontKnow; "park.4.3.revenue" }
            2 => { p.physically_concentrated = Answer::DontKnow; "park.4.2.concentrated" }
            3 => { p.investor = Answer::DontKnow; "park.4.2.investor" }
            _ => { p.events_held = Answer::NotAnswered; "park.4.6.events" }
        };
        let o = evaluate(&e, &Answers::Park(p), as_of());
        prop_assert_eq!(verdict(&o, id), Verdict::Unknown);
    }
}
