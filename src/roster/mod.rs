//! Roster helpers. `uscc` checks 统一社会信用代码 (GB 32100-2015); `import` reads a roster
//! from CSV (UTF-8 or GBK) or XLSX (feature `docs`).

#[cfg(feature = "docs")]
pub mod import;
#[cfg(feature = "docs")]
pub mod parks;
pub mod uscc;
