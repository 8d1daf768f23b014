//! Evaluation of conditions and measures.

use chrono::NaiveDate;

use crate::policy::Edition;

use super::answers::{OrganisationAnswers, ParkAnswers};
use super::outcome::*;

pub(crate) fn park(
    edition: &Edition,
    answers: &ParkAnswers,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> ParkOutcome {
    let _ = (edition, answers, as_of, problems);
    todo_park(edition)
}

fn todo_park(edition: &Edition) -> ParkOutcome {
    let p = &edition.park;
    ParkOutcome {
        summary: ParkSummary::default(),
        conditions: Vec::new(),
        roster: RosterSummary::default(),
        materials: Vec::new(),
        submission: SubmissionOutcome {
            by: p.submission.by.clone(),
            to: p.submission.to.clone(),
            source: p.submission.source.clone(),
        },
        procedure: Vec::new(),
        after_certification: Vec::new(),
    }
}

pub(crate) fn organisation(
    edition: &Edition,
    answers: &OrganisationAnswers,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> OrganisationOutcome {
    let _ = (edition, answers, as_of, problems);
    OrganisationOutcome {
        measures: Vec::new(),
        non_duplication: Vec::new(),
        totals: Vec::new(),
    }
}
