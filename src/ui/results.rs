//! The outcome, rendered: a card per condition / measure with its verdict, reason, what it would
//! take and its citation (expanding to the original sentence); amounts with ranges, kinds, caps
//! and the non-duplication decision; the 第五条 materials; the procedure. Reads the outcome only.

use yew::prelude::*;

use super::i18n::{colon, tr, trf, Key, Lang};
use crate::engine::money;
use crate::engine::*;
use crate::policy::{MoneyKind, Recipient, Source, Text};

fn t(l: Lang, x: &Text) -> String {
    x.get(l.text_key()).to_string()
}

/// `《管理办法》第四条（三）` that expands to the original sentence and its gloss. A closed
/// `<details>` prints closed, so the print has its own copy with the sentence written out
/// (shown only on paper; `display: none` keeps it from screen readers too).
pub fn citation(l: Lang, s: &Source) -> Html {
    html! {
        <>
        <div class="citation-print">
            <span class="cite">{ s.cite.in_words(l.text_key()) }</span>{ colon(l) }
            <q lang="zh-CN" class="original-print">{ &s.original }</q>
        </div>
        <details class="citation">
            <summary><span class="visually-hidden">{ tr(l, Key::Citation) }{ " " }</span><span class="cite">{ s.cite.in_words(l.text_key()) }</span></summary>
            <blockquote lang="zh-CN" class="original">{ &s.original }</blockquote>
            <p class="gloss">{ t(l, &s.gloss) }</p>
            if let Some(r) = &s.reading {
                <p class="reading"><strong>{ tr(l, Key::Reading) }{ if l == Lang::Zh { "：" } else { ": " } }</strong>{ t(l, r) }</p>
            }
        </details>
        </>
    }
}

/// The verdict's words come from the core (`Verdict::words`): one vocabulary everywhere.
pub fn verdict_badge(l: Lang, v: &Verdict) -> Html {
    let class = match v {
        Verdict::Met => "badge met",
        Verdict::NotMet => "badge not-met",
        Verdict::Unknown => "badge unknown",
        Verdict::ForReviewers => "badge review",
        Verdict::NotYet { .. } => "badge not-yet",
    };
    html! { <span class={class} data-verdict={v.as_str()}>{ t(l, &v.words()) }</span> }
}

fn eligibility_badge(l: Lang, e: &Eligibility) -> Html {
    let class = match e {
        Eligibility::Eligible => "badge met",
        Eligibility::NotEligible => "badge not-met",
        Eligibility::Unknown => "badge unknown",
        Eligibility::NotYet { .. } => "badge not-yet",
    };
    html! { <span class={class} data-eligibility={e.as_str()}>{ t(l, &e.words()) }</span> }
}

/// Items to settle shown at once; the rest are one click away.
const TODO_SHOWN: usize = 6;

/// One item to settle; `goto` gives it its link. The print's copy (`print_copy`) carries no
/// data attributes, so the screen's list is the one tests and scripts find.
fn todo_item(
    l: Lang,
    item: &crate::engine::headline::TodoItem,
    goto: Option<&Callback<String>>,
    print_copy: bool,
) -> Html {
    let link = match (goto, &item.field) {
        (Some(cb), Some(field)) => {
            let cb = cb.clone();
            let field = field.clone();
            let onclick = Callback::from(move |_: MouseEvent| cb.emit(field.clone()));
            html! { <button type="button" class="link goto no-print" data-field={item.field.clone()} {onclick}>{ tr(l, Key::GoToField) }</button> }
        }
        _ => html! {},
    };
    html! {
        <li data-rule={(!print_copy).then(|| item.id.clone())} data-verdict={(!print_copy).then(|| item.verdict.clone())}>
            <span class={classes!("badge", if item.verdict == "not_met" { "not-met" } else { "unknown" })}>{ t(l, &item.verdict_words) }</span>
            { " " }<span class="cite">{ t(l, &item.cite) }</span>{ " " }<span class="label">{ t(l, &item.label) }</span>
            if let Some(w) = &item.what_it_takes {
                <span class="what">{ if l == Lang::Zh { "——" } else { " — " } }{ t(l, w) }</span>
            }
            { " " }{ link }
        </li>
    }
}

/// The one-sentence answer (computed by the core) and the items to settle first, each with what
/// it would take and a link that opens its step and focuses the field that settles it.
pub fn headline_view(l: Lang, o: &Outcome, goto: Option<&Callback<String>>) -> Html {
    let h = &o.headline;
    let state = serde_json::to_value(h.state)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default();
    html! {
        <div class={classes!("headline", format!("headline-{state}"))} data-state={state.clone()}>
            <p class="headline-text" role="status">{ t(l, &h.text) }</p>
            if !h.todo.is_empty() {
                <h3 class="todo-title">{ tr(l, Key::TodoTitle) }</h3>
                <ol class="todo">{ for h.todo.iter().take(TODO_SHOWN).map(|i| todo_item(l, i, goto, false)) }</ol>
                if h.todo.len() > TODO_SHOWN {
                    <details class="todo-more">
                        <summary>{ trf(l, Key::TodoMore, &[("n", &(h.todo.len() - TODO_SHOWN).to_string())]) }</summary>
                        <ol class="todo" start={(TODO_SHOWN + 1).to_string()}>{ for h.todo.iter().skip(TODO_SHOWN).map(|i| todo_item(l, i, goto, false)) }</ol>
                    </details>
                    // Paper cannot open a <details>: the print lists the rest in full.
                    <ol class="todo todo-print" start={(TODO_SHOWN + 1).to_string()}>{ for h.todo.iter().skip(TODO_SHOWN).map(|i| todo_item(l, i, None, true)) }</ol>
                }
            }
        </div>
    }
}

fn condition_card(l: Lang, c: &ConditionOutcome) -> Html {
    html! {
        <li class="card condition" data-rule={c.id.clone()} data-verdict={c.verdict.as_str()}>
            <div class="card-head">
                { verdict_badge(l, &c.verdict) }
                <span class="label">{ t(l, &c.label) }</span>
                if c.in_principle { <span class="tag">{ tr(l, Key::InPrinciple) }</span> }
            </div>
            <p class="reason">{ t(l, &c.reason) }</p>
            if let Some(gap) = &c.gap {
                <p class="gap"><strong>{ tr(l, Key::WhatItTakes) }{ colon(l) }</strong>{ t(l, &gap.text) }</p>
            }
            { citation(l, &c.source) }
        </li>
    }
}

pub fn park_results(l: Lang, p: &ParkOutcome) -> Html {
    let s = &p.summary;
    let summary = trf(
        l,
        Key::SummaryCounts,
        &[
            ("met", &s.met.to_string()),
            ("not_met", &s.not_met.to_string()),
            ("unknown", &s.unknown.to_string()),
            ("review", &s.for_reviewers.to_string()),
        ],
    );
    html! {
        <div class="park-results">
            <p class="summary" data-ready={s.ready_for_review.to_string()}>{ summary }</p>
            if s.barred { <p class="banner bad" role="alert">{ tr(l, Key::Barred) }</p> }
            <ul class="cards">{ for p.conditions.iter().map(|c| condition_card(l, c)) }</ul>
            <h3>{ crate::engine::wizard::materials_heading(p.materials.first().map(|m| m.source.cite.article.as_str())).get(l.text_key()).to_string() }</h3>
            <ul class="materials-status">
                { for p.materials.iter().map(|m| {
                    let (class, key) = match m.status {
                        MaterialState::Ready => ("badge met", Key::Ready),
                        MaterialState::Missing => ("badge not-met", Key::Missing),
                        MaterialState::NotAnswered => ("badge unknown", Key::NotConfirmed),
                    };
                    html! {
                        <li data-material={m.id.clone()}>
                            <span class={class}>{ tr(l, key) }</span>{ " " }{ t(l, &m.label) }
                            { citation(l, &m.source) }
                        </li>
                    }
                }) }
            </ul>
            <h3>{ tr(l, Key::Procedure) }</h3>
            <p>{ trf(l, Key::SubmittedBy, &[("by", &t(l, &p.submission.by)), ("to", &t(l, &p.submission.to))]) }</p>
            <ol class="timeline">
                { for p.procedure.iter().map(|st| html! {
                    <li data-step={st.id.clone()}>
                        <strong>{ t(l, &st.label) }</strong>{ " — " }{ t(l, &st.actor) }
                        { citation(l, &st.source) }
                    </li>
                }) }
            </ol>
            <details class="after">
                <summary>{ tr(l, Key::AfterCertification) }</summary>
                <ul>{ for p.after_certification.iter().map(|st| html! {
                    <li>{ t(l, &st.label) }{ " — " }{ t(l, &st.actor) }{ citation(l, &st.source) }</li>
                }) }</ul>
            </details>
        </div>
    }
}

fn kind_text(l: Lang, k: MoneyKind) -> &'static str {
    tr(
        l,
        match k {
            MoneyKind::Grant => Key::KindGrant,
            MoneyKind::Loan => Key::KindLoan,
            MoneyKind::PerOtherPolicy => Key::KindPerOtherPolicy,
            MoneyKind::NoMoney => Key::KindNoMoney,
        },
    )
}

fn recipient_text(l: Lang, r: Recipient) -> &'static str {
    tr(
        l,
        match r {
            Recipient::Organisation => Key::ToOrganisation,
            Recipient::District => Key::ToDistrict,
            Recipient::Person => Key::ToPerson,
        },
    )
}

/// zh: `20–50 万元（200,000.00–500,000.00 元）`; en: `CNY 200,000.00–500,000.00`.
fn range_text(l: Lang, r: &MoneyRange) -> String {
    match l {
        Lang::Zh => format!("{}（{}）", money::range_wan(r), money::range_yuan(r)),
        Lang::En if r.min == r.max => format!("CNY {}", money::group_thousands(r.min)),
        Lang::En => format!(
            "CNY {}–{}",
            money::group_thousands(r.min),
            money::group_thousands(r.max)
        ),
    }
}

fn measure_label(l: Lang, o: &OrganisationOutcome, id: &str) -> String {
    o.measures
        .iter()
        .find(|m| m.id == id)
        .map(|m| format!("{} {}", m.source.cite.article, t(l, &m.label)))
        .unwrap_or_else(|| id.to_string())
}

fn counting_text(l: Lang, o: &OrganisationOutcome, c: &Counting) -> String {
    match c {
        Counting::Counted => tr(l, Key::Counted).to_string(),
        Counting::NotCounted => tr(l, Key::NotCounted).to_string(),
        Counting::GivenUp { kept, .. } => {
            trf(l, Key::GivenUp, &[("kept", &measure_label(l, o, kept))])
        }
        Counting::AlreadyReceived => tr(l, Key::AlreadyReceived).to_string(),
    }
}

fn measure_card(l: Lang, o: &OrganisationOutcome, m: &MeasureOutcome) -> Html {
    html! {
        <li class="card measure" data-measure={m.id.clone()} data-eligibility={m.eligibility.as_str()}>
            <div class="card-head">
                { eligibility_badge(l, &m.eligibility) }
                <span class="label">{ t(l, &m.label) }</span>
                <span class={classes!("tag", "kind", format!("kind-{}", serde_kind(m.kind)))}>{ kind_text(l, m.kind) }</span>
            </div>
            if let Some(a) = &m.amount {
                <p class="amount"><strong>{ tr(l, Key::Amount) }{ colon(l) }</strong>{ range_text(l, &a.range) }
                    { " " }{ recipient_text(l, m.recipient) }
                    if let Some(cap) = &a.cap { if cap.applied { { " · " }{ tr(l, Key::CapApplied) } } }
                </p>
                if let Some(cap) = &a.cap { <p class="cap-note">{ t(l, &cap.note) }{ citation(l, &cap.source) }</p> }
                <p class="note">{ t(l, &a.note) }</p>
            }
            if !matches!(m.counting, Counting::NotCounted) {
                <p class="counting" data-counting={counting_state(&m.counting)}>{ counting_text(l, o, &m.counting) }</p>
            }
            <ul class="conditions">{ for m.conditions.iter().map(|c| condition_card(l, c)) }</ul>
            if !m.items.is_empty() {
                <h4>{ tr(l, Key::Items) }</h4>
                <ul class="items">{ for m.items.iter().map(|i| html! {
                    <li data-item={i.path.clone()}>{ verdict_badge(l, &i.verdict) }{ " " }{ &i.name }{ " — " }{ t(l, &i.reason) }</li>
                }) }</ul>
            }
            { for m.notes.iter().map(|n| html! { <p class="note">{ t(l, n) }</p> }) }
            { citation(l, &m.source) }
        </li>
    }
}

fn serde_kind(k: MoneyKind) -> &'static str {
    match k {
        MoneyKind::Grant => "grant",
        MoneyKind::Loan => "loan",
        MoneyKind::PerOtherPolicy => "per_other_policy",
        MoneyKind::NoMoney => "no_money",
    }
}

fn counting_state(c: &Counting) -> &'static str {
    match c {
        Counting::Counted => "counted",
        Counting::NotCounted => "not_counted",
        Counting::GivenUp { .. } => "given_up",
        Counting::AlreadyReceived => "already_received",
    }
}

pub fn organisation_results(l: Lang, o: &OrganisationOutcome) -> Html {
    let with_money: Vec<&MeasureOutcome> = o
        .measures
        .iter()
        .filter(|m| m.amount.is_some() || m.kind == MoneyKind::PerOtherPolicy)
        .collect();
    html! {
        <div class="org-results">
            <h3>{ tr(l, Key::AmountsTable) }</h3>
            <div class="table-wrap">
            <table class="amounts">
                <thead><tr>
                    <th scope="col">{ tr(l, Key::Measure) }</th>
                    <th scope="col">{ tr(l, Key::Kind) }</th>
                    <th scope="col">{ tr(l, Key::Amount) }</th>
                    <th scope="col">{ tr(l, Key::Counting) }</th>
                </tr></thead>
                <tbody>
                // Each cell names its column (data-label): on a phone the rows stack and the
                // names are shown beside the values.
                { for with_money.iter().map(|m| html! {
                    <tr data-measure={m.id.clone()}>
                        <th scope="row">{ m.source.cite.article.clone() }{ " " }{ t(l, &m.label) }<br />{ eligibility_badge(l, &m.eligibility) }</th>
                        <td data-label={tr(l, Key::Kind)}>{ kind_text(l, m.kind) }</td>
                        <td class="money" data-label={tr(l, Key::Amount)}>{ m.amount.as_ref().map(|a| range_text(l, &a.range)).unwrap_or_else(|| "—".into()) }
                            { for m.amount.as_ref().and_then(|a| a.cap.as_ref()).filter(|c| c.applied).map(|_| html! { <>{ " " }<span class="tag">{ tr(l, Key::CapApplied) }</span></> }) }</td>
                        <td data-label={tr(l, Key::Counting)}>{ counting_text(l, o, &m.counting) }</td>
                    </tr>
                }) }
                </tbody>
            </table>
            </div>
            <h3>{ tr(l, Key::Totals) }</h3>
            <ul class="totals">
                { for o.totals.iter().map(|tot| html! {
                    <li data-kind={serde_kind(tot.kind)} data-recipient={recipient_text(Lang::En, tot.recipient)}>
                        <strong>{ kind_text(l, tot.kind) }{ " " }{ recipient_text(l, tot.recipient) }{ colon(l) }</strong>
                        { tr(l, Key::TotalEligible) }{ " " }<span class="money total-eligible">{ range_text(l, &tot.eligible) }</span>
                        if tot.possible.max > rust_decimal::Decimal::ZERO {
                            { " · " }{ tr(l, Key::TotalPossible) }{ " " }<span class="money">{ range_text(l, &tot.possible) }</span>
                        }
                    </li>
                }) }
            </ul>
            <p class="note">{ tr(l, Key::AfterAssessment) }</p>
            if !o.non_duplication.is_empty() {
                <h3>{ tr(l, Key::NonDup) }</h3>
                <ul class="nondup">{ for o.non_duplication.iter().map(|d| html! {
                    <li data-group={d.group.clone()}>
                        <strong>{ t(l, &d.label) }</strong>
                        if let Some(k) = &d.kept { { " — " }{ trf(l, Key::Kept, &[("kept", &measure_label(l, o, k))]) } }
                        <p class="nondup-why">{ t(l, &crate::engine::headline::non_duplication(o, d)) }</p>
                        { citation(l, &d.source) }
                    </li>
                }) }</ul>
            }
            <h3>{ tr(l, Key::Measures) }</h3>
            <ul class="cards">{ for o.measures.iter().map(|m| measure_card(l, o, m)) }</ul>
        </div>
    }
}

/// The whole outcome: the headline and the items to settle (linked to their fields when `goto`
/// is given), the in-force label, problems, then park or organisation results.
/// Who the results are about, for the top of the print: the park's / organisation's name and
/// the applicant (the 旗县区人民政府 for a park; the organisation itself, with its code).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Applicant {
    pub name: String,
    pub applicant: String,
    /// 统一社会信用代码, when the applicant is an organisation.
    pub code: String,
}

/// The top of the print: name, applicant, the policy and date. Hidden on screen (the wizard's
/// own fields show them there).
fn print_head(l: Lang, o: &Outcome, who: &Applicant) -> Html {
    let unnamed = if l == Lang::Zh {
        "（未填写名称）"
    } else {
        "(no name given)"
    };
    let name = if who.name.trim().is_empty() {
        unnamed
    } else {
        who.name.trim()
    };
    let kind = match o.kind {
        crate::engine::answers::AnswersKind::Park => Key::PrintPark,
        crate::engine::answers::AnswersKind::Organisation => Key::PrintOrganisation,
    };
    html! {
        <div class="print-head" aria-hidden="true">
            <p class="print-name"><span class="print-kind">{ tr(l, kind) }{ colon(l) }</span>{ name }</p>
            if !who.applicant.trim().is_empty() {
                <p class="print-applicant">{ tr(l, Key::PrintApplicant) }{ colon(l) }{ who.applicant.trim() }
                    if !who.code.is_empty() { { if l == Lang::Zh { "（" } else { " (" } }{ &who.code }{ if l == Lang::Zh { "）" } else { ")" } } }
                </p>
            }
            <p class="print-policy">{ tr(l, Key::PrintFor) }{ colon(l) }{ &o.edition.document_number }{ " · " }{ tr(l, Key::PrintAsOf) }{ " " }{ o.as_of.to_string() }</p>
        </div>
    }
}

pub fn outcome_view(
    l: Lang,
    o: &Outcome,
    edition: Option<&crate::policy::Edition>,
    who: Option<&Applicant>,
    goto: Option<&Callback<String>>,
) -> Html {
    html! {
        <section class="results" aria-labelledby="hrs-results-title" data-kind={crate::ui::state::kind_id(o.kind)}>
            if let Some(who) = who { { print_head(l, o, who) } }
            <h2 id="hrs-results-title" class="results-title">{ tr(l, Key::Results) }</h2>
            <p class="muted no-print">{ tr(l, Key::ResultsLive) }</p>
            { headline_view(l, o, goto) }
            // The headline already says "不能据此申报 … 不在有效期内": the print says it once.
            if !o.in_force { <p class="banner not-in-force results-not-in-force no-print">{ t(l, &o.in_force_note) }</p> }
            if !o.problems.is_empty() {
                <div class="problems"><h3>{ tr(l, Key::Problems) }</h3>
                <ul>{ for o.problems.iter().map(|p| html! { <li data-field={p.field.clone()}>
                    // The question's label, never its path.
                    if let Some(q) = crate::engine::text::field_label(edition, &p.field, l.text_key()) { { q }{ colon(l) } }
                    { t(l, &p.message) }</li> }) }</ul></div>
            }
            if let Some(p) = &o.park { { park_results(l, p) } }
            if let Some(org) = &o.organisation { { organisation_results(l, org) } }
            // The one place the edition's content hash is shown: its first 8 hex digits.
            <p class="edition-stamp">{ trf(l, Key::EditionDetails, &[
                ("number", &o.edition.document_number),
                ("code", crate::engine::text::check_code(&o.edition.content_hash)),
                ("as_of", &o.as_of.to_string()),
            ]) }</p>
        </section>
    }
}
