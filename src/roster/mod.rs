//! Roster helpers. `uscc` checks 统一社会信用代码 (GB 32100-2015).

pub mod uscc;
