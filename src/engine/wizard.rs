//! What the wizard shows that is decided by the edition: its steps (the question sections in
//! order), each step's titles and citation, the step of an answer path, which steps have
//! something not met or still open, whether the edition is in force on a date, the sentence
//! naming its documents, and which table is the park's roster. Views only render these.

use chrono::NaiveDate;

use super::answers::AnswersKind;
use super::{path, MaterialState, Outcome, Verdict};
use crate::policy::{Citation, Edition, Identity, Question, QuestionKind, Source, Text};

/// The questions of a flow.
pub fn questions(e: &Edition, kind: AnswersKind) -> &[Question] {
    match kind {
        AnswersKind::Park => &e.questions.park,
        AnswersKind::Organisation => &e.questions.organisation,
    }
}

/// The steps of a flow: the question sections of the edition in order (results and export
/// follow them).
pub fn steps(questions: &[Question]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for q in questions {
        if !out.contains(&q.section.as_str()) {
            out.push(&q.section);
        }
    }
    out
}

/// A step's titles: its plain title (集聚规模), the article it asks about in the law's short
/// form (第四条（三）) and in words (《管理办法》第四条（三）), and the labels of the rules it
/// settles, joined by ` · ` (all in one language).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepTitle {
    pub plain: String,
    pub article: String,
    pub cite: String,
    pub labels: String,
}

/// The titles of step `section` in `lang` (`"zh"` / `"en"`).
pub fn step_title(e: &Edition, section: &str, lang: &str) -> StepTitle {
    let plain = e
        .questions
        .sections
        .iter()
        .find(|s| s.id == section)
        .map(|s| s.title.get(lang).to_string());
    let prefix = format!("{section}.");
    let mut sources: Vec<&Source> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    for c in std::iter::once(&e.park.barred).chain(e.park.conditions.iter()) {
        if c.id.starts_with(&prefix) {
            sources.push(&c.source);
            labels.push(c.label.get(lang).to_string());
        }
    }
    for m in &e.measures {
        if m.id == section || m.id.starts_with(&prefix) {
            sources.push(&m.source);
            labels.push(m.label.get(lang).to_string());
        }
    }
    if sources.is_empty() && asks(e, section, QuestionKind::MeasureFlags) {
        // "Already received something similar?": the step cites the non-duplication rule.
        return StepTitle {
            plain: plain.unwrap_or_default(),
            cite: e
                .non_duplication
                .first()
                .map(|g| g.source.cite.in_words(lang))
                .unwrap_or_default(),
            ..StepTitle::default()
        };
    }
    if sources.is_empty() {
        // The materials are items of one clause: the step cites the article.
        if let Some(m) = e.park.materials.iter().find(|m| m.id.starts_with(&prefix)) {
            let mut c = m.source.cite.clone();
            c.clause = None;
            let label = materials_heading(Some(&c.article));
            return StepTitle {
                plain: plain.unwrap_or_else(|| c.article.clone()),
                article: c.article.clone(),
                cite: c.in_words(lang),
                labels: label.get(lang).to_string(),
            };
        }
    }
    let (article, cite) = match sources.first() {
        Some(src) => {
            let c = &src.cite;
            // One clause of an article is cited with it; a step over several measures of one
            // article cites the article alone.
            let mut whole: Citation = c.clone();
            if sources.iter().any(|s| s.cite.clause != c.clause) {
                whole.clause = None;
            }
            let short = match &whole.clause {
                Some(clause) => format!(
                    "{}{}",
                    c.article,
                    clause.replace('(', "（").replace(')', "）")
                ),
                None => c.article.clone(),
            };
            (short, whole.in_words(lang))
        }
        None => (String::new(), String::new()),
    };
    labels.dedup();
    StepTitle {
        plain: plain.unwrap_or_else(|| article.clone()),
        article,
        cite,
        labels: labels.join(" · "),
    }
}

/// Does step `section` ask a question of `kind` (in either flow)?
fn asks(e: &Edition, section: &str, kind: QuestionKind) -> bool {
    e.questions
        .park
        .iter()
        .chain(&e.questions.organisation)
        .any(|q| q.section == section && q.kind == kind)
}

/// The step (section id) of the question that asks for the answer at `path`
/// (`park.roster[3].uscc` is in the roster's step).
pub fn step_of<'q>(questions: &'q [Question], answer_path: &str) -> Option<&'q str> {
    questions
        .iter()
        .find(|q| path::within(answer_path, &q.path))
        .map(|q| q.section.as_str())
}

/// A step with something not met, or something still to confirm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepMark {
    NotMet,
    Open,
}

impl StepMark {
    /// `bad` / `open` (the widget's `data-mark`).
    pub fn as_str(self) -> &'static str {
        match self {
            StepMark::NotMet => "bad",
            StepMark::Open => "open",
        }
    }
}

/// Each step's mark from the outcome: the fields of unmet and unknown conditions, materials not
/// ready, and the headline's items to settle.
pub fn step_marks(questions: &[Question], steps: &[&str], o: &Outcome) -> Vec<Option<StepMark>> {
    let mut marks: Vec<Option<StepMark>> = vec![None; steps.len()];
    let mut mark = |field: &str, m: StepMark| {
        if let Some(i) = step_of(questions, field).and_then(|s| steps.iter().position(|x| *x == s))
        {
            if marks[i] != Some(StepMark::NotMet) {
                marks[i] = Some(m);
            }
        }
    };
    if let Some(p) = &o.park {
        for c in &p.conditions {
            let m = match c.verdict {
                Verdict::NotMet => StepMark::NotMet,
                Verdict::Unknown => StepMark::Open,
                _ => continue,
            };
            for f in c.gap.iter().flat_map(|g| g.fields.iter()) {
                mark(f, m);
            }
        }
        if p.materials.iter().any(|m| m.status != MaterialState::Ready) {
            if let Some(q) = questions
                .iter()
                .find(|q| q.kind == crate::policy::QuestionKind::Materials)
            {
                mark(&q.path, StepMark::Open);
            }
        }
    }
    for item in &o.headline.todo {
        if let Some(f) = &item.field {
            let m = if item.verdict == Verdict::NotMet.as_str() {
                StepMark::NotMet
            } else {
                StepMark::Open
            };
            mark(f, m);
        }
    }
    marks
}

/// Whether the edition is in force on a date, and if not, which side of its window the date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Force {
    InForce,
    NotYet,
    Ended,
}

pub fn force_on(e: &Edition, date: NaiveDate) -> Force {
    force_within(e.valid_from, e.valid_until, date)
}

/// The same from the validity window alone (issue 17: the start module has the window from
/// build.rs's facts, not a parsed edition); both days included.
pub fn force_within(valid_from: NaiveDate, valid_until: NaiveDate, date: NaiveDate) -> Force {
    if valid_from <= date && date <= valid_until {
        Force::InForce
    } else if date < valid_from {
        Force::NotYet
    } else {
        Force::Ended
    }
}

/// 本通知包含三个文件 / The notice carries three documents: the count from the edition.
pub fn documents_sentence(e: &Edition) -> Text {
    documents_count_sentence(e.documents.len())
}

/// The same from the number of documents (issue 17: the start module's header facts).
pub fn documents_count_sentence(n: usize) -> Text {
    const ZH: [&str; 11] = [
        "零", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十",
    ];
    const EN: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let zh = ZH
        .get(n)
        .map_or_else(|| n.to_string(), |s| (*s).to_string());
    let en = EN
        .get(n)
        .map_or_else(|| n.to_string(), |s| (*s).to_string());
    Text::new(
        format!("本通知包含{zh}个文件"),
        format!(
            "The notice carries {en} document{}",
            if n == 1 { "" } else { "s" }
        ),
    )
}

/// The answer path of the park's roster (the table the roster tests count, which the widget
/// fills by importing a roster file), when the edition has one.
pub fn roster_table(e: &Edition) -> Option<&str> {
    use crate::policy::Test;
    // The table a roster test names (the edition's data, checked at load).
    let table = e.park.conditions.iter().find_map(|c| match &c.test {
        Test::RosterHrFirms { roster, .. } | Test::RosterFormats { roster, .. } => {
            Some(roster.table.as_str())
        }
        _ => None,
    })?;
    e.questions
        .park
        .iter()
        .any(|q| q.path == table)
        .then_some(table)
}

/// 申报材料（第五条）: the materials' heading, with the article the edition cites them from.
pub fn materials_heading(article: Option<&str>) -> Text {
    match article {
        Some(a) => Text::new(
            format!("申报材料（{a}）"),
            format!("Application materials ({a})"),
        ),
        None => Text::new("申报材料", "Application materials"),
    }
}

/// The options of a choice question, as the edition declares them (a load check holds every
/// choice to declaring its own).
pub fn options(q: &Question) -> Vec<(&str, &Text)> {
    q.options
        .iter()
        .map(|o| (o.id.as_str(), &o.label))
        .collect()
}

/// The answer path that names `who` in a flow (the print's head: the park's or organisation's
/// name, the body applying, its code), as the edition's questions declare it.
pub fn identity_path(e: &Edition, kind: AnswersKind, who: Identity) -> Option<&str> {
    questions(e, kind)
        .iter()
        .find(|q| q.identifies.contains(&who))
        .map(|q| q.path.as_str())
}

/// The measures a "already received something similar?" question asks about: those with money.
pub fn flagged_measures(e: &Edition) -> impl Iterator<Item = &crate::policy::Measure> {
    e.measures.iter().filter(|m| m.amount.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::{default_edition, load_bundled};

    fn both() -> Vec<Edition> {
        let mut v = vec![default_edition().expect("2022 loads")];
        if let Some(Ok(s)) = load_bundled("sample-successor") {
            v.push(s);
        }
        v
    }

    #[test]
    fn steps_and_titles_come_from_the_edition() {
        let e = default_edition().expect("loads");
        let park = steps(&e.questions.park);
        assert_eq!(park.first(), Some(&"basics"));
        let t = step_title(&e, "park.4.3", "zh");
        assert_eq!(t.article, "第四条（三）");
        assert_eq!(t.cite, "《管理办法》第四条（三）");
        assert!(!t.plain.is_empty());
        let m = step_title(&e, "park.5", "en");
        assert!(
            m.labels.starts_with("Application materials (第五条)"),
            "{m:?}"
        );
        assert_eq!(
            step_of(&e.questions.park, "park.roster[3].uscc"),
            Some("park.4.3")
        );
        assert_eq!(
            step_of(
                &e.questions.organisation,
                r#"organisation.already_received["measures.3.brand"]"#
            ),
            Some("nodup")
        );
    }

    #[test]
    fn identities_and_the_no_duplication_step_are_the_editions_data() {
        let e = default_edition().expect("loads");
        let org = AnswersKind::Organisation;
        assert_eq!(
            identity_path(&e, org, Identity::Name),
            Some("organisation.name")
        );
        assert_eq!(
            identity_path(&e, org, Identity::Applicant),
            Some("organisation.name")
        );
        assert_eq!(
            identity_path(&e, org, Identity::Code),
            Some("organisation.uscc")
        );
        assert_eq!(
            identity_path(&e, AnswersKind::Park, Identity::Applicant),
            Some("park.applicant_government")
        );
        assert_eq!(identity_path(&e, AnswersKind::Park, Identity::Code), None);
        // The sample declares its own: no code, the park with no applicant body.
        if let Some(Ok(s)) = load_bundled("sample-successor") {
            assert_eq!(
                identity_path(&s, org, Identity::Name),
                Some("organisation.name")
            );
            assert_eq!(identity_path(&s, org, Identity::Code), None);
            assert_eq!(
                identity_path(&s, AnswersKind::Park, Identity::Applicant),
                None
            );
        }
        // The step that asks "already received?" cites the non-duplication rule, found by its
        // question's kind, not by a step named "nodup".
        for e in both() {
            let flags = e
                .questions
                .organisation
                .iter()
                .find(|q| q.kind == QuestionKind::MeasureFlags)
                .expect("a flags question");
            let t = step_title(&e, &flags.section, "zh");
            assert_eq!(
                t.cite,
                e.non_duplication[0].source.cite.in_words("zh"),
                "{t:?}"
            );
            assert!(!t.plain.is_empty());
            let basics = step_title(&e, steps(&e.questions.organisation)[0], "zh");
            assert_eq!((basics.article.as_str(), basics.cite.as_str()), ("", ""));
            assert_eq!(basics.plain, "基本信息");
        }
    }

    #[test]
    fn the_sample_steps_cite_the_sample() {
        let Some(Ok(s)) = load_bundled("sample-successor") else {
            return;
        };
        for sec in steps(&s.questions.organisation) {
            let t = step_title(&s, sec, "zh");
            assert!(!t.cite.contains("十项措施"), "{t:?}");
        }
        assert_eq!(
            documents_sentence(&s),
            Text::new("本通知包含两个文件", "The notice carries two documents")
        );
    }

    #[test]
    fn force_roster_and_documents() {
        for e in both() {
            assert_eq!(force_on(&e, e.valid_from), Force::InForce);
            assert_eq!(force_on(&e, e.valid_until), Force::InForce);
            assert_eq!(
                force_on(&e, e.valid_from.pred_opt().unwrap_or(e.valid_from)),
                Force::NotYet
            );
            assert_eq!(
                force_on(&e, e.valid_until.succ_opt().unwrap_or(e.valid_until)),
                Force::Ended
            );
        }
        let e = default_edition().expect("loads");
        assert_eq!(documents_sentence(&e).zh, "本通知包含三个文件");
        assert_eq!(roster_table(&e), Some("park.roster"));
    }
}
