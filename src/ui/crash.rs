//! What the loader (www/hrs-widget.js) needs when the widget traps. A panic is a wasm trap
//! (`panic = "abort"`: no unwinding), after which the instance cannot be trusted to run its save
//! timer; the loader then calls [`save_after_crash`], which writes every mounted widget's state as
//! of its last render — the render that the last change caused — to its localStorage key, so
//! nothing typed is lost. The loader shows the notice and the reload button.

use std::cell::{Cell, RefCell};

use wasm_bindgen::prelude::*;
use yew::{AttrValue, UseReducerHandle};

use super::io;
use super::state::{self, State};

thread_local! {
    /// Per mounted widget that saves: its storage key and its state at its last render.
    static LATEST: RefCell<Vec<(AttrValue, UseReducerHandle<State>)>> = const { RefCell::new(Vec::new()) };
    static TRAP_ARMED: Cell<bool> = const { Cell::new(false) };
}

/// Records `state` as the one to write for `key` if the widget traps.
pub fn remember(key: &AttrValue, state: &UseReducerHandle<State>) {
    LATEST.with(|l| {
        let mut l = l.borrow_mut();
        match l.iter_mut().find(|(k, _)| k == key) {
            Some(slot) => slot.1 = state.clone(),
            None => l.push((key.clone(), state.clone())),
        }
    });
}

/// The widget with this key unmounted: nothing to save for it any more.
pub fn forget(key: &AttrValue) {
    LATEST.with(|l| l.borrow_mut().retain(|(k, _)| k != key));
}

/// Writes every mounted widget's latest state to its localStorage key. Called by the loader after
/// a trap; it touches only that list and localStorage, nothing a trap could have left borrowed.
/// A widget still at the empty state writes nothing (it has nothing to keep, and must not replace
/// a record another page wrote meanwhile); a restored one holds the restored and merged answers.
#[wasm_bindgen]
pub fn save_after_crash() {
    let latest = LATEST.with(|l| l.borrow().clone());
    for (key, s) in latest.iter().filter(|(_, s)| **s != State::default()) {
        // Nothing more can be done here if storage refuses: the timer's last save stays.
        let _ = io::save(key, &state::to_saved(s));
    }
}

/// Test-only hook: the next render of any widget panics (a trap), so the e2e test can prove that
/// a crash loses nothing. Inert unless called; nothing in the widget calls it.
#[wasm_bindgen(js_name = "__testOnlyTrapNextRender")]
pub fn test_only_trap_next_render() {
    TRAP_ARMED.with(|t| t.set(true));
}

/// Panics if the test-only hook asked for it (see [`test_only_trap_next_render`]).
pub fn trap_if_armed() {
    if TRAP_ARMED.with(|t| t.replace(false)) {
        panic!("test-only trap");
    }
}
