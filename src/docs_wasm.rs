//! wasm entry
