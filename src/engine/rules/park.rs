//! The park's evaluation: barred check, conditions, materials, procedure.

#[allow(clippy::wildcard_imports)]
use super::*;

pub(crate) fn park(
    edition: &Edition,
    store: &AnswerStore,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> ParkOutcome {
    let mut ctx = Ctx {
        edition,
        store,
        as_of,
        roster: std::cell::OnceCell::new(),
    };
    let p = &edition.park;
    let mut conditions = Vec::with_capacity(p.conditions.len() + 1);
    let (barred, _, _) = condition(&ctx, &p.barred, problems);
    let is_barred = barred.verdict == Verdict::NotMet;
    conditions.push(barred);
    for c in &p.conditions {
        conditions.push(condition(&ctx, c, problems).0);
    }
    let mut summary = ParkSummary {
        barred: is_barred,
        ..ParkSummary::default()
    };
    for c in &conditions {
        match c.verdict {
            Verdict::Met => summary.met += 1,
            Verdict::NotMet => summary.not_met += 1,
            Verdict::ForReviewers => summary.for_reviewers += 1,
            // A park condition is never "not yet"; count it as unknown.
            Verdict::Unknown | Verdict::NotYet { .. } => summary.unknown += 1,
        }
    }
    let empty = BTreeMap::new();
    let (materials_key, ready) = store.materials_entry().unwrap_or(("", &empty));
    for key in ready.keys() {
        if !p.materials.iter().any(|m| &m.id == key) {
            problems.push(Problem {
                field: crate::engine::path::key(&cat(&["park.", materials_key]), key),
                message: Text::new(
                    format!("无法识别的申报材料“{key}”"),
                    format!("unknown material {key:?}"),
                ),
            });
        }
    }
    let materials: Vec<MaterialOutcome> = p
        .materials
        .iter()
        .map(|m| MaterialOutcome {
            id: m.id.clone(),
            label: sl(edition, &m.id, &m.label),
            contents: edition
                .shared(&m.id)
                .map_or_else(|| Arc::new(m.contents.clone()), |x| Arc::clone(&x.contents)),
            source: ss(edition, &m.id, &m.source),
            status: match ready.get(&m.id) {
                Some(MaterialStatus::Ready) => MaterialState::Ready,
                Some(MaterialStatus::Missing) => MaterialState::Missing,
                None => MaterialState::NotAnswered,
            },
        })
        .collect();
    summary.materials_ready = materials.iter().all(|m| m.status == MaterialState::Ready);
    summary.ready_for_review = summary.not_met == 0 && summary.unknown == 0;
    // The roster the edition's roster tests count (none: nothing to sum up).
    let roster = match ctx.roster.take() {
        Some((_, s)) => s,
        None => roster_columns(edition)
            .and_then(|cols| Some(roster_summary(edition, cols, ctx.roster_rows(cols)?)))
            .unwrap_or_default(),
    };
    let step = |s: &crate::policy::Step| StepOutcome {
        id: s.id.clone(),
        label: sl(edition, &s.id, &s.label),
        actor: edition
            .shared(&s.id)
            .map_or_else(|| Arc::new(s.actor.clone()), |x| Arc::clone(&x.actor)),
        source: ss(edition, &s.id, &s.source),
    };
    ParkOutcome {
        summary,
        conditions,
        roster,
        materials,
        submission: SubmissionOutcome {
            by: sl(edition, SUBMISSION_ID, &p.submission.by),
            to: edition.shared(SUBMISSION_ID).map_or_else(
                || Arc::new(p.submission.to.clone()),
                |x| Arc::clone(&x.actor),
            ),
            source: ss(edition, SUBMISSION_ID, &p.submission.source),
        },
        procedure: p.procedure.iter().map(step).collect(),
        after_certification: p.after_certification.iter().map(step).collect(),
    }
}
