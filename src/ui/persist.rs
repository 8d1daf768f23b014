//! Keeping what the user entered (issue 12): the saved record (restore with recovery, one
//! delayed write, a `…:backup` of a record that could not be read whole), share links in the
//! address bar (read once, then removed; asked about when they differ from saved answers;
//! noticed when pasted later), a second tab on the same record (merged field by field), and a
//! standing "not saved" banner for as long as storage refuses the state.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::i18n::{tr, trf, Key, Lang};
use super::io;
use super::state::{self, Action, Notice, OtherTab, State, Unsaved};
use crate::engine::store::AnswerStore;
use crate::policy::{Edition, Text};

/// How long after the last change the answers are saved.
const SAVE_DELAY_MS: u32 = 250;

/// The backup of a saved record that could not be read whole.
fn backup_key(key: &str) -> String {
    format!("{key}:backup")
}

/// Writes a state to storage (and says so when it cannot).
type StateWriter = Rc<dyn Fn(&State)>;

/// Saving with a short delay.
struct Saver {
    /// The state waiting to be written, and the timer that will write it.
    pending: Option<(UseReducerHandle<State>, gloo::timers::callback::Timeout)>,
    write: StateWriter,
}

impl Saver {
    fn schedule(this: &Rc<RefCell<Saver>>, s: UseReducerHandle<State>) {
        let timer = {
            let this = this.clone();
            gloo::timers::callback::Timeout::new(SAVE_DELAY_MS, move || Saver::flush(&this))
        };
        // Replacing the pending timer cancels it.
        this.borrow_mut().pending = Some((s, timer));
    }
    fn cancel(this: &Rc<RefCell<Saver>>) {
        this.borrow_mut().pending = None;
    }
    fn flush(this: &Rc<RefCell<Saver>>) {
        // Released before writing: a failed write dispatches, which re-renders.
        let (pending, write) = {
            let mut saver = this.borrow_mut();
            (saver.pending.take(), saver.write.clone())
        };
        if let Some((s, _timer)) = pending {
            write(&s);
        }
    }
}

/// The record as this tab last wrote or read it: the common base when another tab writes.
#[derive(Default)]
struct Synced {
    text: String,
    state: State,
}

/// Reads a share link in the fragment, if any, and takes it out of the address bar.
fn take_share_link(dispatch: &UseReducerDispatcher<State>, like: &State) {
    let fragment = io::fragment();
    // Read through the edition's declarations: a bad value is named by its path.
    let Some(shared) = crate::engine::share::read_share(&fragment, |v| state::read_any(like, v))
    else {
        return;
    };
    match shared {
        Ok(answers) => dispatch.dispatch(Action::ShareArrived(answers)),
        Err(text) => dispatch.dispatch(Action::Notice(Notice {
            text,
            is_error: true,
        })),
    }
    // Held in the state (and saved) from here on: the link itself is no longer needed.
    io::clear_fragment();
}

/// The policy's label of an answer path (`park.floor_area_m2` → 建筑面积…), else the path.
fn label_of(edition: Option<Rc<Edition>>) -> Rc<dyn Fn(&str) -> Text> {
    Rc::new(move |path: &str| {
        let found = edition.as_ref().and_then(|e| {
            e.questions
                .park
                .iter()
                .chain(e.questions.organisation.iter())
                .find(|q| q.path == path)
                .map(|q| q.label.clone())
        });
        found.unwrap_or_else(|| Text::new(path, path))
    })
}

/// Restores, saves and merges the widget's state under `key` (nothing when `None`), and reads
/// share links from the address bar. `initial`: the state the first module handed over when the
/// full one was swapped in (issue 17), restored instead of what storage holds.
#[hook]
pub fn use_persistence(
    key: Option<AttrValue>,
    initial: Option<AttrValue>,
    state: &UseReducerHandle<State>,
    edition: Option<Rc<Edition>>,
) {
    let restored = use_mut_ref(|| false);
    // The state as read from storage: not written back until something changes.
    let baseline = use_mut_ref(|| None::<State>);
    let synced = use_mut_ref(Synced::default);
    // The status last reported, so a failing write is reported once per change, not per write.
    let status = use_mut_ref(|| None::<Unsaved>);
    {
        // Once: restore what was saved, then a share link in the URL; listen for links pasted
        // later and for other tabs' writes.
        let dispatch = state.dispatcher();
        let key = key.clone();
        let restored = restored.clone();
        let baseline = baseline.clone();
        let synced = synced.clone();
        let status = status.clone();
        let label = label_of(edition);
        // Saved records are read through the declarations of the state's edition.
        let like = state.fresh();
        use_effect_with((), move |_| {
            if let Some(key) = key.as_deref() {
                restore(
                    key,
                    initial.as_deref(),
                    &dispatch,
                    &like,
                    &baseline,
                    &synced,
                    &status,
                );
            } else if let Some(text) = initial.as_deref() {
                dispatch.dispatch(Action::Restore(Box::new(state::from_saved(&like, text).0)));
            }
            take_share_link(&dispatch, &like);
            *restored.borrow_mut() = true;
            let listeners = web_sys::window().map(|w| {
                let on_hash = {
                    let dispatch = dispatch.clone();
                    let like = like.clone();
                    gloo::events::EventListener::new(&w, "hashchange", move |_| {
                        take_share_link(&dispatch, &like)
                    })
                };
                let on_storage = key.map(|key| {
                    let dispatch = dispatch.clone();
                    gloo::events::EventListener::new(&w, "storage", move |e| {
                        let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                            return;
                        };
                        if e.key().as_deref() != Some(key.as_str()) {
                            return;
                        }
                        let Some(text) = e.new_value() else { return };
                        if text == synced.borrow().text {
                            return;
                        }
                        let (theirs, _) = state::from_saved(&like, &text);
                        let base = std::mem::replace(
                            &mut *synced.borrow_mut(),
                            Synced {
                                text,
                                state: theirs.clone(),
                            },
                        )
                        .state;
                        dispatch.dispatch(Action::OtherTab(Box::new(OtherTab {
                            base,
                            theirs,
                            label: label.clone(),
                        })));
                    })
                });
                (on_hash, on_storage)
            });
            move || drop(listeners)
        });
    }
    {
        // The recovery notice was dismissed: the backup of the original record has served.
        let key = key.clone();
        let recovered = state.recovered;
        let had_recovery = use_mut_ref(|| false);
        use_effect_with(recovered, move |recovered| {
            if *recovered {
                *had_recovery.borrow_mut() = true;
            } else if std::mem::take(&mut *had_recovery.borrow_mut()) {
                if let Some(key) = key.as_deref() {
                    io::remove(&backup_key(key));
                }
            }
        });
    }
    // The one place the state is written to localStorage: a moment after the last change, so a
    // burst of typing (or a 10,000-row import) is written once and not inside the task that
    // renders it; at once when the page is hidden or closed, or the widget unmounted.
    let saver = {
        // The key, the dispatcher and the flags never change after mount.
        let key = key.clone();
        let dispatch = state.dispatcher();
        let synced = synced.clone();
        let status = status.clone();
        use_mut_ref(move || Saver {
            pending: None,
            write: Rc::new(move |s: &State| {
                let Some(key) = key.as_ref() else { return };
                let text = state::to_saved(s);
                let now = if synced.borrow().text == text {
                    None
                } else {
                    match io::save(key, &text) {
                        Ok(()) => {
                            *synced.borrow_mut() = Synced {
                                text,
                                state: s.clone(),
                            };
                            None
                        }
                        Err(io::StorageProblem::Full) => Some(Unsaved::Full),
                        Err(io::StorageProblem::Unavailable) => Some(Unsaved::Off),
                    }
                };
                // Said whenever the state is not saved, until it is.
                if *status.borrow() != now {
                    *status.borrow_mut() = now;
                    dispatch.dispatch(Action::SaveStatus(now));
                }
            }),
        })
    };
    {
        let saver = saver.clone();
        use_effect_with((), move |_| {
            let flush = {
                let saver = saver.clone();
                move |_: &web_sys::Event| Saver::flush(&saver)
            };
            let listeners = web_sys::window().map(|w| {
                let document = w.document();
                (
                    gloo::events::EventListener::new(&w, "pagehide", flush.clone()),
                    document
                        .map(|d| gloo::events::EventListener::new(&d, "visibilitychange", flush)),
                )
            });
            move || {
                drop(listeners);
                Saver::flush(&saver);
            }
        });
    }
    let first_render = use_mut_ref(|| true);
    use_effect_with(state.clone(), move |s| {
        let unchanged = baseline.borrow().as_ref() == Some(&**s);
        if unchanged {
            Saver::cancel(&saver);
        } else {
            // Compared only until the first change after the restore (the first render shows
            // the state from before the restore arrives).
            if !*first_render.borrow() {
                baseline.borrow_mut().take();
            }
            if *restored.borrow() {
                Saver::schedule(&saver, s.clone());
            }
        }
        *first_render.borrow_mut() = false;
    });
}

/// Reads the saved record at mount. A record that does not read whole is recovered part by part,
/// its original kept under `…:backup` and one notice says what was left out; a backup whose
/// notice was never dismissed is announced again.
fn restore(
    key: &str,
    initial: Option<&str>,
    dispatch: &UseReducerDispatcher<State>,
    like: &State,
    baseline: &Rc<RefCell<Option<State>>>,
    synced: &Rc<RefCell<Synced>>,
    status: &Rc<RefCell<Option<Unsaved>>>,
) {
    // Until something changes, the state on screen is what storage has (or nothing to save):
    // a fresh widget writes nothing, so it never overwrites a record another page put there.
    *baseline.borrow_mut() = Some(like.fresh());
    // The start module's hand-over holds only the choices made on the start screen; a record
    // another tab saved between page load and the click wins over it but for those (R8).
    let handover = initial.filter(|t| is_handover(t));
    let text = match io::load(key) {
        Ok(Some(t)) if handover.is_some_and(|h| h != t) => Some(t),
        // What the first module handed over is newer than (or the same as) what it saved.
        Ok(t) => initial.map(str::to_owned).or(t),
        Err(_) => {
            *status.borrow_mut() = Some(Unsaved::Off);
            dispatch.dispatch(Action::SaveStatus(Some(Unsaved::Off)));
            if let Some(text) = initial {
                dispatch.dispatch(Action::Restore(Box::new(state::from_saved(like, text).0)));
            }
            return;
        }
    };
    let backup = io::load(&backup_key(key)).ok().flatten();
    let Some(text) = text.or_else(|| backup.clone()) else {
        return;
    };
    let (mut s, lost) = state::from_saved(like, &text);
    let notice = match (lost, &backup) {
        (Some(notice), None) => {
            // Kept until the user has seen the notice; a failed write is said by the banner.
            let _ = io::save(&backup_key(key), &text);
            Some(notice)
        }
        (Some(notice), Some(_)) => Some(notice),
        // The record reads now (an edit rewrote it), but the original's notice was not seen.
        (None, Some(original)) => state::from_saved(like, original).1,
        (None, None) => None,
    };
    if let Some(text) = notice {
        s.recovered = true;
        s.notices.push(Notice {
            text,
            is_error: true,
        });
    }
    *baseline.borrow_mut() = Some(s.clone());
    *synced.borrow_mut() = Synced {
        text: text.clone(),
        state: s.clone(),
    };
    if let Some(h) = handover.filter(|h| *h != text) {
        // The flow, large type, language and date chosen on the start screen, over the other
        // tab's answers; saved as a change (the baseline is the record as stored).
        let chosen = state::from_saved(like, h).0;
        if s.flow != chosen.flow {
            s.flow = chosen.flow;
            s.step = 0;
        }
        s.large_type = chosen.large_type;
        s.lang = chosen.lang.or(s.lang);
        s.as_of = chosen.as_of.or(s.as_of);
    }
    dispatch.dispatch(Action::Restore(Box::new(s)));
}

/// A record the start module handed over (www/hrs-widget.js `handover`), not a saved state.
fn is_handover(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|v| v.get("handover")?.as_bool())
        == Some(true)
}

/// The standing parts above the wizard: the share-link choice, the previous version, and the
/// "not saved" banner.
pub fn persist_view(l: Lang, s: &State, dispatch: &Callback<Action>) -> Html {
    let choice = s.pending_share.as_ref().map(|shared| {
        let mine = s.answers_rc(shared.kind());
        let name = |v: &AnswerStore| match state::answers_name(v) {
            Some(n) => format!("“{n}”"),
            None => tr(l, Key::Unnamed).to_string(),
        };
        let text = trf(
            l,
            Key::ShareDiffers,
            &[("shared", &name(shared)), ("mine", &name(mine))],
        );
        let choose = |open: bool| {
            let d = dispatch.clone();
            Callback::from(move |_| d.emit(Action::ShareChoice(open)))
        };
        html! {
            <div class="share-choice" role="alertdialog" aria-labelledby="hrs-share-choice-text">
                <p id="hrs-share-choice-text">{ text }</p>
                <div class="toolbar">
                    <button type="button" class="share-open primary" onclick={choose(true)}>{ tr(l, Key::ShareOpen) }</button>
                    <button type="button" class="share-keep" onclick={choose(false)}>{ tr(l, Key::ShareKeep) }</button>
                </div>
            </div>
        }
    });
    let previous = s.previous.as_ref().map(|p| {
        let name = match state::answers_name(p) {
            Some(n) => format!("“{n}”"),
            None => tr(l, Key::Unnamed).to_string(),
        };
        let restore = {
            let d = dispatch.clone();
            Callback::from(move |_| d.emit(Action::RestorePrevious))
        };
        html! {
            <div class="previous-version no-print">
                <span>{ trf(l, Key::PreviousVersion, &[("name", &name)]) }</span>
                <button type="button" class="restore-previous" onclick={restore}>{ tr(l, Key::RestorePrevious) }</button>
            </div>
        }
    });
    let unsaved = s.unsaved.map(|u| {
        let key = match u {
            Unsaved::Full => Key::UnsavedFull,
            Unsaved::Off => Key::UnsavedOff,
        };
        html! { <p class="unsaved no-print" role="alert">{ tr(l, key) }</p> }
    });
    html! { <>{ for unsaved }{ for choice }{ for previous }</> }
}
