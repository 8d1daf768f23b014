//! Roster import.
