//! Roster helpers. `uscc` (re-exported from `engine::uscc`) checks 统一社会信用代码 (GB 32100-2015);
//! `import` reads a roster from CSV (UTF-8 or GBK) or XLSX (feature `docs`) as the store's rows,
//! which `AnswerStore::replace_rows` / `append_rows` add to the roster (替换 / 追加).

#[cfg(feature = "docs")]
pub mod import;
#[cfg(feature = "docs")]
pub mod parks;
/// The check lives in the pure core (the engine checks codes too); kept here by its old path.
pub use crate::engine::uscc;
