//! Baotou 包府办发〔2022〕55号 HR-service policy checker.

pub mod engine;
pub mod policy;
pub mod roster;

#[cfg(feature = "docs")]
pub mod package;

#[cfg(all(target_arch = "wasm32", feature = "docs"))]
mod docs_wasm;

// `start` alone: the start screen only (issue 17, the first load's module).
#[cfg(all(target_arch = "wasm32", any(feature = "widget", feature = "start")))]
pub mod ui;
