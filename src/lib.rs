//! Baotou 包府办发〔2022〕55号 HR-service policy checker.

pub mod engine;
pub mod policy;
pub mod roster;

#[cfg(feature = "docs")]
pub mod package;

#[cfg(all(target_arch = "wasm32", feature = "docs"))]
mod docs_wasm;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod ui;
