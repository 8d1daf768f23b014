//! The checks an edition passes when it is loaded (format, version, dates, unique ids and
//! paths, known measures in groups, amount ranges).

#[allow(clippy::wildcard_imports)]
use super::*;

impl Edition {
    pub(super) fn check(&self) -> Result<(), EditionError> {
        let err = |path: &str, message: String| EditionError {
            path: path.to_string(),
            message,
        };
        if self.format != "hrs-edition" {
            return Err(err(
                "format",
                format!("expected \"hrs-edition\", found {:?}", self.format),
            ));
        }
        if self.version != 1 {
            return Err(err(
                "version",
                format!("unsupported edition version {}", self.version),
            ));
        }
        if self.valid_from > self.valid_until {
            return Err(err("valid_until", "ends before valid_from".into()));
        }
        let mut seen = BTreeSet::new();
        for id in self.rule_ids() {
            if !seen.insert(id) {
                return Err(err("", format!("duplicate rule id {id}")));
            }
        }
        let mut paths = BTreeSet::new();
        for q in self.all_questions() {
            if !paths.insert(q.path.as_str()) {
                return Err(err(
                    "questions",
                    format!("duplicate question path {}", q.path),
                ));
            }
        }
        for g in &self.non_duplication {
            for m in &g.members {
                if self.measure(m).is_none() {
                    return Err(err(
                        "non_duplication",
                        format!("group {} names unknown measure {m}", g.id),
                    ));
                }
            }
        }
        for m in &self.measures {
            if let Some(AmountSpec::Tiered { tiers, .. }) = &m.amount {
                let ordered = tiers
                    .windows(2)
                    .all(|w| w[0].at_least < w[1].at_least && w[0].amount <= w[1].amount);
                if tiers.is_empty()
                    || !ordered
                    || tiers
                        .iter()
                        .any(|t| t.amount.is_sign_negative() || t.at_least.is_sign_negative())
                {
                    return Err(err(
                        "measures",
                        format!(
                            "measure {}: tiers must rise, with amounts ≥ 0 that do not fall",
                            m.id
                        ),
                    ));
                }
            }
            if let Some(AmountSpec::Range { min, max, .. }) = &m.amount {
                if min > max || min.is_sign_negative() {
                    return Err(err(
                        "measures",
                        format!("measure {}: amount range {min}..{max} is not a range", m.id),
                    ));
                }
            }
        }
        Ok(())
    }
}
