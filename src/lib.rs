//! Baotou 包府办发〔2022〕55号 HR-service policy checker.

pub mod engine;
pub mod policy;
pub mod roster;

#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod ui;
