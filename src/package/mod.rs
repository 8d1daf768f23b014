//! Document builders.
