//! A loaded [`Edition`] and its look-ups: questions by path, shared labels and sources,
//! rule ids, the rules that read a field.

#[allow(clippy::wildcard_imports)]
use super::*;

/// A loaded edition: the data plus the hash of the exact bytes it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edition {
    pub data: EditionData,
    /// sha256 of the edition file's bytes, lower-case hex.
    pub content_hash: String,
    /// Question path → (0 park / 1 organisation, index, column), for fast
    /// look-ups.
    pub(super) question_index: FxMap<(u8, usize, Option<usize>)>,
    /// Rule id → label and source shared by every outcome (cloning an
    /// `Arc` instead of five strings keeps evaluation fast).
    pub(super) shared: FxMap<Shared>,
}

/// A small, fast hasher for the edition's look-up tables (keys are short
/// ids and paths from the edition itself, so no DoS concern).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    // Eight bytes at a time, then a murmur3 finaliser for well-spread bits.
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(w))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            h = (h ^ u64::from_le_bytes(w) ^ (rest.len() as u64) << 56)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

pub(super) type FxMap<V> = HashMap<String, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Label, source and extras of one rule, shared by outcomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shared {
    pub label: Arc<Text>,
    pub source: Arc<Source>,
    /// For materials: what they contain.
    pub contents: Arc<Vec<Text>>,
    /// For steps: who acts.
    pub actor: Arc<Text>,
}

impl std::ops::Deref for Edition {
    type Target = EditionData;
    fn deref(&self) -> &EditionData {
        &self.data
    }
}

impl Edition {
    /// The shared label and source of a rule (see [`Shared`]).
    pub fn shared(&self, id: &str) -> Option<&Shared> {
        self.shared.get(id)
    }

    /// Is the edition in force on `date`?
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from <= date && date <= self.valid_until
    }

    /// Every condition of the edition: the park's barred check and conditions, the measures'
    /// applicant condition, each measure's conditions.
    pub fn all_conditions(&self) -> Vec<&Condition> {
        let mut conds: Vec<&Condition> = vec![&self.park.barred];
        conds.extend(self.park.conditions.iter());
        conds.extend(self.applicant.iter());
        for m in &self.measures {
            conds.extend(m.conditions.iter());
        }
        conds
    }

    /// Every rule id of the edition (park barred check, park conditions,
    /// measures and their conditions, caps, non-duplication groups), in the
    /// order of the text.
    pub fn rule_ids(&self) -> Vec<&str> {
        let mut ids = vec![self.park.barred.id.as_str()];
        ids.extend(self.park.conditions.iter().map(|c| c.id.as_str()));
        ids.extend(self.applicant.iter().map(|c| c.id.as_str()));
        for m in &self.measures {
            ids.push(m.id.as_str());
            ids.extend(m.conditions.iter().map(|c| c.id.as_str()));
            if let Some(cap) = &m.cap {
                ids.push(cap.id.as_str());
            }
        }
        ids.extend(self.non_duplication.iter().map(|g| g.id.as_str()));
        ids
    }

    /// The condition ids that a pass/flip case pair must exist for: every
    /// park condition (and the barred check) and every measure condition.
    pub fn condition_ids(&self) -> Vec<&str> {
        let mut ids = vec![self.park.barred.id.as_str()];
        ids.extend(self.park.conditions.iter().map(|c| c.id.as_str()));
        ids.extend(self.applicant.iter().map(|c| c.id.as_str()));
        for m in &self.measures {
            ids.extend(m.conditions.iter().map(|c| c.id.as_str()));
        }
        ids
    }

    pub fn measure(&self, id: &str) -> Option<&Measure> {
        self.measures.iter().find(|m| m.id == id)
    }

    pub fn service_format(&self, id: &str) -> Option<&ServiceFormat> {
        self.service_formats.iter().find(|f| f.id == id)
    }

    /// All questions of both kinds, tables flattened (`park.roster[].uscc`).
    pub fn all_questions(&self) -> Vec<&Question> {
        fn walk<'a>(qs: &'a [Question], out: &mut Vec<&'a Question>) {
            for q in qs {
                out.push(q);
                walk(&q.columns, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.questions.park, &mut out);
        walk(&self.questions.organisation, &mut out);
        out
    }

    /// The question with this path (table columns included).
    pub fn question(&self, path: &str) -> Option<&Question> {
        let &(kind, i, col) = self.question_index.get(path)?;
        let list = if kind == 0 {
            &self.questions.park
        } else {
            &self.questions.organisation
        };
        let q = list.get(i)?;
        match col {
            Some(c) => q.columns.get(c),
            None => Some(q),
        }
    }

    /// Ids of the rules (conditions, measures with an amount from a field,
    /// caps) that read the answer field `path`.
    pub fn rules_using(&self, path: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut conds: Vec<&Condition> = vec![&self.park.barred];
        conds.extend(self.park.conditions.iter());
        conds.extend(self.applicant.iter());
        for m in &self.measures {
            conds.extend(m.conditions.iter());
            match &m.amount {
                Some(AmountSpec::FromField { field, .. }) if field == path => {
                    out.push(m.id.as_str());
                }
                Some(AmountSpec::Tiered { field, less, .. })
                    if field == path || less.as_deref() == Some(path) =>
                {
                    out.push(m.id.as_str());
                }
                _ => {}
            }
            if let Some(cap) = &m.cap {
                if cap.field == path {
                    out.push(cap.id.as_str());
                }
            }
        }
        for c in conds {
            if test_fields(&c.test).iter().any(|f| f == path) {
                out.push(c.id.as_str());
            }
        }
        out
    }
}

/// The answer fields a test reads.
pub fn test_fields(test: &Test) -> Vec<String> {
    match test {
        Test::Yes { field }
        | Test::Named { field }
        | Test::AtLeast { field, .. }
        | Test::MoreThan { field, .. }
        | Test::Elapsed { field, .. } => vec![field.clone()],
        Test::Growth { current, previous } => vec![current.clone(), previous.clone()],
        Test::RosterHrFirms { roster, .. } | Test::RosterFormats { roster, .. } => {
            vec![roster.table.clone()]
        }
        Test::Topics { report, topics, .. } => vec![report.clone(), topics.clone()],
        Test::NotBarred { flag, since, .. } => vec![flag.clone(), since.clone()],
        Test::AnyOf { of } => of.iter().flat_map(test_fields).collect(),
        Test::OneOf { field, .. } => vec![field.clone()],
        // The table (its rows and columns are read through it) and the applicant's own answers
        // a record check reads.
        Test::Items {
            table, branches, ..
        } => std::iter::once(table.clone())
            .chain(
                branches
                    .iter()
                    .flat_map(|b| &b.checks)
                    .filter_map(|c| match c {
                        ItemCheck::Record { test, .. } => Some(test_fields(test)),
                        _ => None,
                    })
                    .flatten(),
            )
            .collect(),
    }
}

/// The numbers of an items rule's checks, by `column.min` / `column.max` / `column.months`
/// (`contract_months.min` → 12): what its `wording` may quote as `{contract_months.min}`, so the
/// number is written once, in the check.
pub fn item_numbers(branches: &[ItemBranch]) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for c in branches.iter().flat_map(|b| &b.checks) {
        match c {
            ItemCheck::Count {
                column, min, max, ..
            } => {
                out.extend(min.map(|m| (format!("{column}.min"), m)));
                out.extend(max.map(|m| (format!("{column}.max"), m)));
            }
            ItemCheck::Months { column, months, .. } => {
                out.push((format!("{column}.months"), *months));
            }
            ItemCheck::Yes { .. } | ItemCheck::Record { .. } => {}
        }
    }
    out
}
