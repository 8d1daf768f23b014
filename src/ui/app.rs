//! The widget's root component: the policy header, the start screen, the two wizards, trainer
//! mode, and the live results. Evaluation happens only in `engine::evaluate`.

use std::rc::Rc;

use chrono::NaiveDate;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::crash;
use super::header::PolicyHeader;
use super::i18n::{tr, trf, Key, Lang};
use super::io;
use super::questions::{question, Ctx};
use super::results::outcome_view;
use super::state::{self, Action, Flow, Notice, State};
#[cfg(feature = "widget-full")]
use super::trainer::trainer_view;
use crate::engine::answers::AnswersKind;
use crate::engine::{self, wizard, Outcome};
use crate::policy::facts::HeaderFacts;
use crate::policy::{self, Edition, Identity, Question, Text};

#[derive(Properties, PartialEq, Clone)]
pub struct AppProps {
    /// Language asked for by the host (attribute / option); the user can switch it.
    pub lang: Lang,
    /// As-of date asked for by the host; `None` means today.
    pub as_of: Option<NaiveDate>,
    /// Today, read once at mount.
    pub today: NaiveDate,
    /// localStorage key for this widget's answers; `None` keeps nothing.
    #[prop_or_default]
    pub storage_key: Option<AttrValue>,
    /// Loads the document module on demand (a JS function returning a promise of the module).
    #[prop_or_default]
    pub load_docs: Option<js_sys::Function>,
    /// First module only: loads the full module (trainer, comparison) and mounts it in this
    /// widget's place (`mount_widget`); `None` where the full module is all there is.
    #[prop_or_default]
    pub open_full: Option<js_sys::Function>,
    /// The saved state handed over by the first module when it swapped in the full one.
    #[prop_or_default]
    pub initial: Option<AttrValue>,
    /// A bundled edition by id (the host's `edition` attribute, read at mount), e.g.
    /// `sample-successor`; `None` or an unknown id: the default edition.
    #[prop_or_default]
    pub edition: Option<AttrValue>,
    /// That edition, when it is not bundled (a sample the loader fetched at mount).
    #[prop_or_default]
    pub loaded_edition: Option<LoadedEdition>,
}

/// An edition read at mount from a fetched file; compared by id and content hash.
#[derive(Clone, Debug)]
pub struct LoadedEdition(pub Rc<Edition>);

impl PartialEq for LoadedEdition {
    fn eq(&self, other: &Self) -> bool {
        same_edition(&self.0, &other.0)
    }
}

/// The edition is parsed once per widget; props compare editions by id + content hash.
pub fn same_edition(a: &Edition, b: &Edition) -> bool {
    a.id == b.id && a.content_hash == b.content_hash
}

#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let edition = use_memo(
        (props.edition.clone(), props.loaded_edition.clone()),
        |(name, loaded)| match loaded {
            Some(l) if name.as_deref() == Some(l.0.id.as_str()) => Ok(Rc::clone(&l.0)),
            _ => name
                .as_deref()
                .and_then(policy::load_bundled)
                .unwrap_or_else(policy::default_edition)
                .map(Rc::new),
        },
    );
    let state = {
        // The answers are typed by the edition's declarations (a widget whose edition did not
        // load keeps none).
        let e = edition.clone();
        use_reducer(move || match e.as_ref() {
            Ok(e) => State::new(e),
            Err(_) => State::default(),
        })
    };
    let root_ref = use_node_ref();
    // The props are the host's options; the user's language and date are in the state (saved,
    // handed over by the start module). A host option wins when the host changes it, and only
    // that one: an update() that repeats the others leaves the user's choices alone (R2).
    {
        let dispatch = state.dispatcher();
        let host = use_mut_ref(|| props.lang);
        use_effect_with(props.lang, move |l| {
            if std::mem::replace(&mut *host.borrow_mut(), *l) != *l {
                dispatch.dispatch(Action::Lang(None));
            }
        });
    }
    // A trainer sample is told at its own date, never saved as the user's; gone with the trainer.
    let trainer_as_of = use_state(|| None::<NaiveDate>);
    {
        // A date the host sets afterwards wins over the user's and over a sample's own.
        let dispatch = state.dispatcher();
        let trainer_as_of = trainer_as_of.clone();
        let host = use_mut_ref(|| props.as_of);
        use_effect_with(props.as_of, move |a| {
            if std::mem::replace(&mut *host.borrow_mut(), *a) != *a {
                dispatch.dispatch(Action::AsOf(None));
                trainer_as_of.set(None);
            }
        });
    }
    let as_of = (*trainer_as_of)
        .filter(|_| state.flow == Flow::Trainer)
        .or(state.as_of)
        .or(props.as_of)
        .unwrap_or(props.today);
    // Restore, save, share links, other tabs, storage faults (issue 12): all in one hook.
    super::persist::use_persistence(
        props.storage_key.clone(),
        props.initial.clone(),
        &state,
        edition.as_ref().as_ref().ok().cloned(),
    );
    {
        // Input methods: fields ignore `input` events while a composition is open (nothing is
        // committed or re-rendered under the caret); when it ends, the field gets one plain
        // `input` event that commits the composed text whole. Chromium fires no `input` after
        // `compositionend`, and Yew has no composition listeners, so it is done here, once.
        let root = root_ref.clone();
        use_effect_with((), move |_| {
            let listener = root.cast::<web_sys::Element>().map(|el| {
                gloo::events::EventListener::new(&el, "compositionend", |e| {
                    let Some(target) = e.target() else { return };
                    let init = web_sys::InputEventInit::new();
                    init.set_bubbles(true);
                    init.set_composed(true);
                    if let Ok(ev) = web_sys::InputEvent::new_with_event_init_dict("input", &init) {
                        let _ = target.dispatch_event(&ev);
                    }
                })
            });
            move || drop(listener)
        });
    }
    {
        // Issue 17: the state to write if the widget traps (ui::crash). Only from the render
        // after the persistence hook's restore (its effect runs before this one), so a crash at
        // start-up never writes an empty form over saved answers.
        let restored = use_mut_ref(|| false);
        let key = props.storage_key.clone();
        {
            let restored = restored.clone();
            use_effect_with(key, move |key| {
                *restored.borrow_mut() = true;
                let key = key.clone();
                move || {
                    if let Some(k) = key {
                        crash::forget(&k);
                    }
                }
            });
        }
        if let (Some(key), true) = (props.storage_key.as_ref(), *restored.borrow()) {
            crash::remember(key, &state);
        }
        crash::trap_if_armed();
    }
    {
        let trainer_as_of = trainer_as_of.clone();
        use_effect_with(state.flow, move |flow| {
            if *flow != Flow::Trainer && trainer_as_of.is_some() {
                trainer_as_of.set(None);
            }
        });
    }
    // Shared, so the memo's comparison is a pointer check, not a walk over a long roster. In
    // trainer mode these are the sample's own answers, never a flow's.
    let answers = state.active_answers().cloned();
    let kind = state.active_kind();
    let outcome: Rc<Option<Result<Outcome, String>>> = {
        let edition = edition.clone();
        use_memo((answers, as_of), move |(answers, as_of)| {
            let e = edition.as_ref().as_ref().ok()?;
            // The engine reads the widget's typed store directly: no JSON on the way.
            Some(Ok(engine::evaluate(e, answers.as_ref()?, *as_of)))
        })
    };

    let l = state.lang.unwrap_or(props.lang);
    let on_toggle_lang = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Lang(Some(l.other()))))
    };
    // In the trainer the date belongs to the sample shown; the user's is back when it is left.
    #[cfg(feature = "widget-full")]
    let on_trainer_as_of = {
        let trainer_as_of = trainer_as_of.clone();
        Callback::from(move |d: NaiveDate| trainer_as_of.set(Some(d)))
    };
    let on_as_of = {
        let dispatch = state.dispatcher();
        let trainer_as_of = trainer_as_of.clone();
        let in_trainer = state.flow == Flow::Trainer;
        Callback::from(move |d: NaiveDate| {
            if in_trainer {
                trainer_as_of.set(Some(d));
            } else {
                dispatch.dispatch(Action::AsOf(Some(d)));
            }
        })
    };
    let on_large = {
        let dispatch = state.dispatcher();
        let on = state.large_type;
        Callback::from(move |_| dispatch.dispatch(Action::LargeType(!on)))
    };
    let dispatch_cb = {
        let dispatch = state.dispatcher();
        Callback::from(move |a: Action| dispatch.dispatch(a))
    };

    // The header's facts, built once per edition (the start module builds the same from build.rs's data).
    let header = {
        let edition = edition.clone();
        use_memo(
            (props.edition.clone(), props.loaded_edition.clone()),
            move |_| {
                edition
                    .as_ref()
                    .as_ref()
                    .ok()
                    .map(|e| Rc::new(HeaderFacts::from(&**e)))
            },
        )
    };
    let e = match edition.as_ref() {
        Ok(e) => e.clone(),
        Err(err) => {
            return html! {
                <div class="widget" lang={l.tag()}>
                    <p role="alert" class="banner not-in-force">{ tr(l, Key::LoadError) }{ ": " }{ err.to_string() }</p>
                </div>
            }
        }
    };
    let header = (*header)
        .clone()
        .unwrap_or_else(|| Rc::new(HeaderFacts::from(&*e)));
    let ok_outcome = match outcome.as_ref() {
        Some(Ok(o)) => Some(o),
        _ => None,
    };
    let ctx = Ctx {
        lang: l,
        edition: &e,
        state: &state,
        outcome: ok_outcome,
        dispatch: dispatch_cb.clone(),
        load_docs: props.load_docs.clone(),
    };
    let results = match (state.flow, outcome.as_ref()) {
        (Flow::Start, _) | (_, None) => html! {},
        (_, Some(Ok(o))) => {
            let goto = state.active_kind().map(|k| {
                let edition = e.clone();
                let root = root_ref.clone();
                let dispatch = dispatch_cb.clone();
                Callback::from(move |path: String| {
                    go_to_field(&root, &dispatch, wizard::questions(&edition, k), &path)
                })
            });
            let who = applicant(&e, &state, o.kind);
            outcome_view(l, o, Some(&e), Some(&who), goto.as_ref())
        }
        (_, Some(Err(err))) => html! { <p class="banner bad" role="alert">{ err.clone() }</p> },
    };
    let (body, results) = match state.flow {
        Flow::Start => {
            let d = dispatch_cb.clone();
            let choose =
                Callback::from(move |id: &'static str| d.emit(Action::Go(Flow::from_id(id))));
            (super::start::start_view(l, &choose, None), results)
        }
        Flow::Park | Flow::Organisation => {
            wizard_view(&ctx, &props.load_docs, as_of, &root_ref, results)
        }
        // The trainer lays the results out beside its what-if toggles.
        #[cfg(feature = "widget-full")]
        Flow::Trainer => (trainer_view(&ctx, results, &on_trainer_as_of), html! {}),
        // Issue 17: the first module has no trainer or comparison; it hands its state to the
        // loader, which mounts the full module here (super::on_demand).
        #[cfg(not(feature = "widget-full"))]
        Flow::Trainer | Flow::Compare => {
            let d = dispatch_cb.clone();
            (
                html! { <super::on_demand::OpenFull lang={l} as_of={as_of}
                saved={AttrValue::from(state::to_saved(&state))}
                storage_key={props.storage_key.clone()} open_full={props.open_full.clone()}
                on_home={Callback::from(move |_| d.emit(Action::Go(Flow::Start)))} /> },
                html! {},
            )
        }
        // --- issue 16 ---
        #[cfg(feature = "widget-full")]
        Flow::Compare => {
            let d = dispatch_cb.clone();
            (
                html! { <super::compare::Compare lang={l} edition={e.clone()} as_of={as_of}
                park={state.park.clone()} organisation={state.organisation.clone()}
                storage_key={props.storage_key.clone()} load_docs={props.load_docs.clone()}
                on_home={Callback::from(move |_| d.emit(Action::Go(Flow::Start)))} /> },
                results,
            )
        }
    };
    html! {
        <div ref={root_ref.clone()} class={classes!("widget", state.large_type.then_some("large-type"))} lang={l.tag()}>
            { super::start::top_bar(l, state.large_type, on_large, on_toggle_lang) }
            <PolicyHeader edition={header} lang={l} as_of={as_of} {on_as_of} />
            { super::persist::persist_view(l, &state, &dispatch_cb) }
            { notices_view(l, &state.notices, &dispatch_cb) }
            <div class="print-stamp" aria-hidden="true">{ trf(l, Key::PrintFooter, &[
                ("edition", &e.document_number), ("as_of", &as_of.to_string()),
            ]) }</div>
            { body }
            // --- issue 16: 另存为方案 on the review step of a flow ---
            if let Some(k) = kind.filter(|_| on_review_step(&state, &e)) {
                <super::compare::SaveScenario lang={l} answers={state.answers_rc(k).clone()}
                    storage_key={props.storage_key.clone()} today={props.today} />
            }
            { results }
            if matches!(state.flow, Flow::Park | Flow::Organisation) { { signature_block(l) } }
        </div>
    }
}

fn notices_view(l: Lang, notices: &[Notice], dispatch: &Callback<Action>) -> Html {
    if notices.is_empty() {
        return html! {};
    }
    let dismiss = {
        let d = dispatch.clone();
        Callback::from(move |_| d.emit(Action::DismissNotices))
    };
    html! {
        <div class="notices" role="status" aria-label={tr(l, Key::Notices)}>
            <ul>{ for notices.iter().map(|n| html! {
                <li class={if n.is_error { "notice error" } else { "notice" }}>{ n.text.get(l.text_key()) }</li>
            }) }</ul>
            <button type="button" class="dismiss" onclick={dismiss}>{ tr(l, Key::Dismiss) }</button>
        </div>
    }
}

/// Opens the step of the answer at `path` and focuses its first control (or the step's title).
fn go_to_field(root: &NodeRef, dispatch: &Callback<Action>, questions: &[Question], path: &str) {
    let steps = wizard::steps(questions);
    if let Some(i) =
        wizard::step_of(questions, path).and_then(|s| steps.iter().position(|x| *x == s))
    {
        dispatch.emit(Action::Step(i));
    }
    // A roster row lives on its page of the table.
    if let Some((table, row)) = crate::engine::path::table_row(path) {
        dispatch.emit(Action::TablePage(
            table,
            row / super::questions::ROWS_PER_PAGE,
        ));
    }
    focus_later(root, Some(path.to_string()));
}

/// The element that has focus in the widget (inside its shadow root, when it has one).
fn active_in(el: &web_sys::Element) -> Option<web_sys::Element> {
    match el.get_root_node().dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.active_element(),
        None => web_sys::window()?.document()?.active_element(),
    }
}

/// Is `el` somewhere a person types (so moving focus away would lose their keys)?
fn is_typing_target(el: &web_sys::Element) -> bool {
    matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA")
        || el.has_attribute("contenteditable")
}

/// After the next render: focus the field at `path` (its first enabled control), or the step's
/// heading; either is scrolled into view. If the person has meanwhile put focus in a field
/// themselves (clicked and started typing), focus stays there: no key is ever lost to this.
fn focus_later(root: &NodeRef, path: Option<String>) {
    let root = root.clone();
    let before = root
        .cast::<web_sys::Element>()
        .and_then(|el| active_in(&el));
    gloo::timers::callback::Timeout::new(30, move || {
        let Some(el) = root.cast::<web_sys::Element>() else {
            return;
        };
        if let Some(now) = active_in(&el) {
            if is_typing_target(&now) && Some(&now) != before.as_ref() {
                return;
            }
        }
        let field = path.and_then(|p| {
            el.query_selector(&format!("[data-name=\"{p}\"]"))
                .ok()
                .flatten()
                .and_then(|f| {
                    f.query_selector("input:not([disabled]), select, textarea, button")
                        .ok()
                        .flatten()
                })
        });
        let target = field.or_else(|| el.query_selector("#hrs-step-title").ok().flatten());
        if let Some(t) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
            t.scroll_into_view();
            let _ = t.focus();
        }
    })
    .forget();
}

/// A flow's step and, apart, the live results shown below it — except on the last step
/// (结果与导出), where the results come right under the step's heading and the export actions
/// follow them: on a phone the headline is the first thing read there, not ~500 px of buttons.
fn wizard_view(
    ctx: &Ctx,
    load_docs: &Option<js_sys::Function>,
    as_of: NaiveDate,
    root: &NodeRef,
    results: Html,
) -> (Html, Html) {
    let l = ctx.lang;
    let Some(kind) = ctx.state.active_kind() else {
        return (html! {}, results);
    };
    let questions = wizard::questions(ctx.edition, kind);
    let steps = wizard::steps(questions);
    let total = steps.len() + 1;
    let step = ctx.state.step.min(total - 1);
    // 下一步 / 上一步 put the new step's heading in view and focus there (a reader of the page
    // goes on from its title). A step tab only opens the step: the person clicked where they
    // wanted to be and may click into a field at once; focus is theirs.
    let go = |n: usize| {
        let d = ctx.dispatch.clone();
        let root = root.clone();
        let review = n >= steps.len();
        Callback::from(move |_| {
            // Issue 10: asking for the results shows every empty roster cell's requirement.
            if review {
                d.emit(Action::ShowMissing);
            }
            d.emit(Action::Step(n));
            focus_later(&root, None);
        })
    };
    let open_step = |n: usize| {
        let d = ctx.dispatch.clone();
        let review = n >= steps.len();
        Callback::from(move |_: MouseEvent| {
            // Issue 10: asking for the results shows every empty roster cell's requirement.
            if review {
                d.emit(Action::ShowMissing);
            }
            d.emit(Action::Step(n))
        })
    };
    let home = {
        let d = ctx.dispatch.clone();
        Callback::from(move |_| d.emit(Action::Go(Flow::Start)))
    };
    let titles: Vec<wizard::StepTitle> = steps
        .iter()
        .map(|s| wizard::step_title(ctx.edition, s, l.text_key()))
        .collect();
    let marks = ctx
        .outcome
        .map(|o| wizard::step_marks(questions, &steps, o))
        .unwrap_or_else(|| vec![None; steps.len()]);
    let (title, cite, subtitle) = if step < steps.len() {
        let t = &titles[step];
        (t.plain.clone(), t.cite.clone(), t.labels.clone())
    } else {
        (
            tr(l, Key::StepReview).to_string(),
            String::new(),
            String::new(),
        )
    };
    let n = (step + 1).to_string();
    let t = total.to_string();
    let head = html! {
        <>
            <nav class="progress no-print" aria-label={tr(l, Key::Progress)}>
                <ol>
                { for (0..total).map(|i| {
                    let (label, article) = if i < steps.len() {
                        (titles[i].plain.clone(), titles[i].article.clone())
                    } else {
                        (tr(l, Key::StepReview).to_string(), String::new())
                    };
                    let current = i == step;
                    let mark = marks.get(i).copied().flatten().map(wizard::StepMark::as_str);
                    html! {
                        <li class={classes!(current.then_some("current"))}>
                            <button type="button" class="step-link" aria-current={current.then_some("step")} onclick={open_step(i)} data-mark={mark}>
                                <span class="step-no">{ i + 1 }</span>{ " " }{ label }
                                if !article.is_empty() { { " " }<span class="step-article cite">{ article }</span> }
                                if let Some(m) = mark {
                                    <span class={classes!("step-mark", format!("step-mark-{m}"))} aria-hidden="true">{ if m == "bad" { "✕" } else { "?" } }</span>
                                    <span class="visually-hidden">{ tr(l, if m == "bad" { Key::StepMarkBad } else { Key::StepMarkOpen }) }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
                </ol>
            </nav>
            <p class="step-of no-print">{ trf(l, Key::StepOf, &[("n", &n), ("total", &t)]) }</p>
            <h2 id="hrs-step-title" class="step-title" tabindex="-1">{ title }
                if !cite.is_empty() { { " " }<span class="step-cite cite">{ cite }</span> }
            </h2>
            if !subtitle.is_empty() { <p class="step-subtitle">{ subtitle }</p> }
        </>
    };
    let step_nav = html! {
        <div class="toolbar step-nav no-print">
            <button type="button" class="home" onclick={home}>{ tr(l, Key::Home) }</button>
            <span class="spacer"></span>
            <button type="button" class="back" disabled={step == 0} onclick={go(step.saturating_sub(1))}>{ tr(l, Key::Back) }</button>
            if step + 1 < total {
                <button type="button" class="next primary" onclick={go(step + 1)}>{ tr(l, Key::Next) }</button>
            }
        </div>
    };
    let section_attrs = (state::kind_id(kind), step.to_string());
    if step < steps.len() {
        let body = html! {
            <section class="wizard" data-flow={section_attrs.0} data-step={section_attrs.1} aria-labelledby="hrs-step-title">
                { head }
                <div class="questions">
                    { for questions.iter().filter(|q| q.section == steps[step]).map(|q| question(ctx, q, &q.path)) }
                </div>
                { step_nav }
            </section>
        };
        (body, results)
    } else {
        // The heading stays in the (print-hidden) wizard section; the results print as before.
        let body = html! {
            <>
                <section class="wizard" data-flow={section_attrs.0} data-step={section_attrs.1} aria-labelledby="hrs-step-title">
                    { head }
                </section>
                { results }
                <div class="wizard-actions">
                    <div class="questions">
                        { super::files::actions_view(ctx, kind, load_docs, as_of, root) }
                    </div>
                    { step_nav }
                </div>
            </>
        };
        (body, html! {})
    }
}

/// Issue 16: is a flow on its last (review) step, where "另存为方案" is offered?
fn on_review_step(state: &State, e: &Edition) -> bool {
    let kind = match state.flow {
        Flow::Park => AnswersKind::Park,
        Flow::Organisation => AnswersKind::Organisation,
        _ => return false,
    };
    state.step >= wizard::steps(wizard::questions(e, kind)).len()
}

/// The park's / organisation's name and the applicant, read from the answers on screen (the
/// trainer's sample in trainer mode) at the paths the edition declares for them, for the top of
/// the print.
fn applicant(e: &Edition, state: &State, kind: AnswersKind) -> super::results::Applicant {
    let text = |who: Identity| -> String {
        wizard::identity_path(e, kind, who)
            .and_then(|path| state.active_answers()?.get(path)?.value()?.as_str())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    super::results::Applicant {
        name: text(Identity::Name),
        applicant: text(Identity::Applicant),
        code: text(Identity::Code),
    }
}

fn signature_block(l: Lang) -> Html {
    html! {
        <div class="signature print-only" aria-hidden="true">
            <div class="sign-box">{ tr(l, Key::SignApplicant) }</div>
            <div class="sign-box">{ tr(l, Key::SignPerson) }</div>
            <div class="sign-box">{ tr(l, Key::SignDate) }</div>
        </div>
    }
}

/// Reads an answers file chosen by the user and loads it into its flow.
pub fn import_answers_file(
    input: HtmlInputElement,
    dispatch: Callback<Action>,
    current: AnswersKind,
) {
    yew::platform::spawn_local(async move {
        let result = io::read_file(&input).await;
        input.set_value("");
        let (name, bytes) = match result {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(e) => {
                let why = io::js_error_text(&e);
                dispatch.emit(Action::Notice(Notice {
                    text: Text::new(
                        format!("文件无法读取：{why}"),
                        format!("The file could not be read: {why}"),
                    ),
                    is_error: true,
                }));
                return;
            }
        };
        let fail = |why: String| Notice {
            text: Text::new(
                trf(
                    Lang::Zh,
                    Key::ImportFailed,
                    &[("name", &name), ("why", &why)],
                ),
                trf(
                    Lang::En,
                    Key::ImportFailed,
                    &[("name", &name), ("why", &why)],
                ),
            ),
            is_error: true,
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => {
                return dispatch.emit(Action::Notice(fail(
                    "not UTF-8 text / 不是 UTF-8 文本".into(),
                )))
            }
        };
        // Read by the state, through the edition's declarations (errors name the field).
        dispatch.emit(Action::ImportFile(name, text, current));
    });
}
