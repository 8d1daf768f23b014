//! The checks an edition passes when it is loaded (format, version, dates, unique ids and
//! paths, known measures in groups, amount ranges, items rules against their table's declared
//! columns and options).

#[allow(clippy::wildcard_imports)]
use super::*;

/// The kinds a number is declared as (what a threshold, a growth or an amount reads).
const NUMBER: &[QuestionKind] = &[QuestionKind::Yuan, QuestionKind::M2, QuestionKind::Count];

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
        self.check_questions()
            .map_err(|(path, message)| err(&path, message))?;
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
        // Short titles: every document or none. A document left without one (or a citation of
        // a document not listed) would silently be cited by the 2022 notice's titles.
        if self.documents.iter().any(|d| d.short_title.is_some()) {
            if let Some(d) = self.documents.iter().find(|d| d.short_title.is_none()) {
                return Err(err(
                    "documents",
                    format!(
                        "document {} has no short_title while others have one: give every document a short_title, or none",
                        d.id.as_str()
                    ),
                ));
            }
            if let Some(c) = self.cited().into_iter().find(|c| {
                !self
                    .documents
                    .iter()
                    .any(|d| d.id == c.source.cite.document)
            }) {
                return Err(err(
                    &c.id,
                    format!(
                        "cites document {}, which the edition's documents do not list (so it has no short_title)",
                        c.source.cite.document.as_str()
                    ),
                ));
            }
        }
        let mut conds: Vec<&Condition> = vec![&self.park.barred];
        conds.extend(self.park.conditions.iter());
        conds.extend(self.applicant.iter());
        for m in &self.measures {
            conds.extend(m.conditions.iter());
        }
        for c in conds {
            self.check_items(&c.test)
                .and_then(|()| self.check_roster(&c.test))
                .and_then(|()| self.check_test_kinds(&c.test))
                .map_err(|message| err(&c.id, message))?;
        }
        for m in &self.measures {
            let amount_fields: Vec<&String> = match &m.amount {
                Some(AmountSpec::FromField { field, .. }) => vec![field],
                Some(AmountSpec::Tiered { field, less, .. }) => {
                    std::iter::once(field).chain(less.iter()).collect()
                }
                _ => Vec::new(),
            };
            for field in amount_fields
                .into_iter()
                .chain(m.cap.iter().map(|c| &c.field))
            {
                self.check_field_kind(field, NUMBER, "an amount")
                    .map_err(|message| err(&m.id, message))?;
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

    /// What the wizard takes from the questions as data, not Rust: every step's title, every
    /// choice's options, a table's merge key (a declared text column) and who a text answer
    /// names (each at most once per flow). A gap would otherwise be filled by 2022 wording.
    fn check_questions(&self) -> Result<(), (String, String)> {
        for q in self.all_questions() {
            let at = || q.path.clone();
            if matches!(q.kind, QuestionKind::Choice | QuestionKind::MultiChoice)
                && q.options.is_empty()
            {
                return Err((at(), "a choice declares its options".into()));
            }
            if let Some(key) = &q.merge_by {
                let column = q
                    .columns
                    .iter()
                    .find(|c| c.path.rsplit_once("[].").is_some_and(|(_, k)| k == key));
                if q.kind != QuestionKind::Table
                    || column.is_none_or(|c| c.kind != QuestionKind::Text)
                {
                    return Err((
                        at(),
                        format!("merge_by {key}: not a text column of this table"),
                    ));
                }
            }
            if !q.identifies.is_empty() && q.kind != QuestionKind::Text {
                return Err((at(), "identifies: only a text answer names someone".into()));
            }
        }
        for (flow, qs) in [
            ("park", &self.questions.park),
            ("organisation", &self.questions.organisation),
        ] {
            for q in qs {
                // A gate is a yes/no question of the same flow (the store resolves it among
                // its own declarations): anything else would read as unanswered forever.
                if let Some(g) = &q.ask_if {
                    if !qs
                        .iter()
                        .any(|x| x.path == g.path && x.kind == QuestionKind::YesNo)
                    {
                        return Err((
                            q.path.clone(),
                            format!(
                                "ask_if {}: not a yes/no question of the {flow} questions",
                                g.path
                            ),
                        ));
                    }
                }
                if !self.questions.sections.iter().any(|s| s.id == q.section) {
                    return Err((
                        q.path.clone(),
                        format!("section {} has no title in questions.sections", q.section),
                    ));
                }
            }
            for who in [Identity::Name, Identity::Applicant, Identity::Code] {
                if qs.iter().filter(|q| q.identifies.contains(&who)).count() > 1 {
                    return Err((
                        format!("questions.{flow}"),
                        format!("more than one question identifies the {who:?}"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// Each answer a test reads must be declared with a kind the test reads it as (a threshold
    /// a number, `yes` a yes/no, `elapsed` a date …): otherwise the engine would read a
    /// misspelt or mistyped field as unanswered forever and the rule could never be met.
    fn check_test_kinds(&self, test: &Test) -> Result<(), String> {
        use QuestionKind as K;
        let field =
            |f: &String, kinds: &[QuestionKind], what: &str| self.check_field_kind(f, kinds, what);
        match test {
            Test::Yes { field: f } => field(f, &[K::YesNo], "`yes`"),
            Test::Named { field: f } => field(f, &[K::Text], "`named`"),
            Test::AtLeast { field: f, unit, .. } | Test::MoreThan { field: f, unit, .. } => {
                let kinds: &[QuestionKind] = match unit {
                    Unit::Yuan => &[K::Yuan],
                    Unit::M2 => &[K::M2],
                    Unit::Count | Unit::Months => &[K::Count],
                };
                field(f, kinds, "a threshold")
            }
            Test::Growth { current, previous } => {
                field(current, NUMBER, "`growth`")?;
                field(previous, NUMBER, "`growth`")
            }
            Test::Topics { report, topics, .. } => {
                field(report, &[K::YesNo], "`topics` (report)")?;
                field(topics, &[K::MultiChoice], "`topics`")
            }
            Test::Elapsed { field: f, .. } => field(f, &[K::Date], "`elapsed`"),
            Test::NotBarred { flag, since, .. } => {
                field(flag, &[K::YesNo], "`not_barred` (flag)")?;
                field(since, &[K::Date], "`not_barred` (since)")
            }
            Test::OneOf { field: f, .. } => field(f, &[K::Choice], "`one_of`"),
            Test::AnyOf { of } => of.iter().try_for_each(|t| self.check_test_kinds(t)),
            Test::Items { branches, .. } => {
                branches
                    .iter()
                    .flat_map(|b| &b.checks)
                    .try_for_each(|c| match c {
                        ItemCheck::Record { test, .. } => self.check_test_kinds(test),
                        _ => Ok(()),
                    })
            }
            // Checked column by column in `check_roster`.
            Test::RosterHrFirms { .. } | Test::RosterFormats { .. } => Ok(()),
        }
    }

    /// `path` is a declared question of one of `kinds` (`what` reads it).
    fn check_field_kind(
        &self,
        path: &str,
        kinds: &[QuestionKind],
        what: &str,
    ) -> Result<(), String> {
        match self.question(path) {
            Some(q) if kinds.contains(&q.kind) => Ok(()),
            Some(q) => Err(format!(
                "{what} reads {path}, which is declared {:?}; expected {}",
                q.kind,
                kinds_words(kinds)
            )),
            None => Err(format!(
                "{what} reads {path}, which is not a declared question"
            )),
        }
    }

    /// A roster test reads its table's columns by name: each must be a declared column of the
    /// kind it is read as (a misspelt one would make every row silently “unknown”).
    fn check_roster(&self, test: &Test) -> Result<(), String> {
        let roster = match test {
            Test::AnyOf { of } => return of.iter().try_for_each(|t| self.check_roster(t)),
            Test::RosterHrFirms {
                roster,
                supporting_formats,
                ..
            } => {
                if !supporting_formats.is_empty() && roster.hr_licence.is_none() {
                    return Err(
                        "roster: a firm count with supporting_formats needs an `hr_licence` column"
                            .into(),
                    );
                }
                roster
            }
            Test::RosterFormats { roster, .. } => roster,
            _ => return Ok(()),
        };
        let table = &roster.table;
        let t = self
            .question(table)
            .filter(|q| q.kind == QuestionKind::Table)
            .ok_or_else(|| format!("roster: {table} is not a declared table"))?;
        use QuestionKind as K;
        let columns: [(&str, Option<&String>, &[QuestionKind]); 6] = [
            ("code", Some(&roster.code), &[K::Text]),
            ("name", Some(&roster.name), &[K::Text]),
            (
                "service_format",
                Some(&roster.service_format),
                &[K::Choice, K::Text],
            ),
            (
                "hr_service_firm",
                Some(&roster.hr_service_firm),
                &[K::YesNo],
            ),
            ("hr_licence", roster.hr_licence.as_ref(), &[K::YesNo]),
            ("revenue", Some(&roster.revenue), &[K::Yuan]),
        ];
        for (what, column, kinds) in columns {
            // An absent `hr_licence` is checked above (needed with supporting formats only).
            let Some(column) = column else { continue };
            let path = format!("{table}[].{column}");
            match t.columns.iter().find(|q| q.path == path) {
                Some(q) if kinds.contains(&q.kind) => {}
                Some(q) => {
                    return Err(format!(
                        "roster: the `{what}` column {path} is {:?}, expected {:?}",
                        q.kind, kinds[0]
                    ))
                }
                None => {
                    return Err(format!(
                        "roster: the `{what}` column `{column}` is not a column of {table}"
                    ))
                }
            }
        }
        // The service formats are listed twice: as the column's options (what the form, the
        // importer and the store accept) and as `service_formats` (what the count reads, with
        // sources). A format in one list only would be dropped from imported cells or never
        // counted: both must name the same ids.
        let path = format!("{table}[].{}", roster.service_format);
        if let Some(q) = t
            .columns
            .iter()
            .find(|q| q.path == path && q.kind == K::Choice)
        {
            let options: BTreeSet<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
            let formats: BTreeSet<&str> =
                self.service_formats.iter().map(|f| f.id.as_str()).collect();
            if options != formats {
                let list =
                    |s: BTreeSet<&&str>| s.into_iter().copied().collect::<Vec<&str>>().join(", ");
                return Err(format!(
                    "roster: the options of {path} and service_formats differ \
                     (options only: [{}]; service_formats only: [{}])",
                    list(options.difference(&formats).collect()),
                    list(formats.difference(&options).collect()),
                ));
            }
        }
        Ok(())
    }

    /// An items rule reads its table's rows by column name and picks a branch by an option id:
    /// a misspelt column or id would make every row silently “unknown”, so each is checked
    /// against the table's declared columns (of the kind the check reads) and options.
    fn check_items(&self, test: &Test) -> Result<(), String> {
        match test {
            Test::AnyOf { of } => of.iter().try_for_each(|t| self.check_items(t)),
            Test::Items {
                table,
                none,
                name,
                branch_by,
                branches,
                wording,
            } => {
                let t = self
                    .question(table)
                    .filter(|q| q.kind == QuestionKind::Table)
                    .ok_or_else(|| format!("items: {table} is not a declared table"))?;
                let column = |c: &str, kinds: &[QuestionKind]| -> Result<&Question, String> {
                    let path = format!("{table}[].{c}");
                    let q = t.columns.iter().find(|q| q.path == path).ok_or_else(|| {
                        let known: Vec<&str> = t
                            .columns
                            .iter()
                            .filter_map(|q| q.path.rsplit_once("[].").map(|(_, k)| k))
                            .collect();
                        format!(
                            "items: `{c}` is not a column of {table} (its columns: {})",
                            known.join(", ")
                        )
                    })?;
                    if kinds.is_empty() || kinds.contains(&q.kind) {
                        Ok(q)
                    } else {
                        Err(format!(
                            "items: column {path} is {:?}, expected {}",
                            q.kind,
                            kinds_words(kinds)
                        ))
                    }
                };
                if let Some(none) = none {
                    if self.question(none).map(|q| q.kind) != Some(QuestionKind::YesNo) {
                        return Err(format!(
                            "items: `none` {none} is not a declared yes/no field"
                        ));
                    }
                }
                column(name, &[])?;
                let options: Option<Vec<&str>> = match branch_by {
                    Some(b) => Some(
                        column(b, &[QuestionKind::Choice])?
                            .options
                            .iter()
                            .map(|o| o.id.as_str())
                            .collect(),
                    ),
                    None => None,
                };
                for b in branches {
                    for w in &b.when {
                        match &options {
                            None => {
                                return Err(format!(
                                    "items: a branch `when` {w} needs a `branch_by` column"
                                ))
                            }
                            Some(ids) if !ids.contains(&w.as_str()) => {
                                return Err(format!(
                                    "items: `when` {w} is not an option of {table}[].{} ({})",
                                    branch_by.as_deref().unwrap_or(""),
                                    ids.join(", ")
                                ))
                            }
                            Some(_) => {}
                        }
                    }
                    for c in &b.checks {
                        match c {
                            ItemCheck::Yes { column: col, .. } => {
                                column(col, &[QuestionKind::YesNo])?;
                            }
                            ItemCheck::Count {
                                column: col,
                                min,
                                max,
                                met,
                                not_met,
                                unknown,
                            } => {
                                column(col, &[QuestionKind::Count])?;
                                for (bound, has) in
                                    [("{min}", min.is_some()), ("{max}", max.is_some())]
                                {
                                    let named = [met, not_met, unknown]
                                        .iter()
                                        .any(|t| t.zh.contains(bound) || t.en.contains(bound));
                                    if named && !has {
                                        return Err(format!(
                                            "items: the check of {col} says {bound} but has no such bound"
                                        ));
                                    }
                                }
                            }
                            ItemCheck::Months {
                                column: col,
                                confirmed_by,
                                ..
                            } => {
                                column(col, &[QuestionKind::Date])?;
                                if let Some(by) = confirmed_by {
                                    column(by, &[QuestionKind::YesNo])?;
                                }
                            }
                            ItemCheck::Record { test, .. } => self.check_items(test)?,
                        }
                    }
                }
                // The rule's “still needed” text quotes its checks' numbers by name
                // (`{contract_months.min}`): each name must be one of them.
                let numbers = item_numbers(branches);
                for text in [&wording.not_met.zh, &wording.not_met.en] {
                    let mut rest = text.as_str();
                    while let Some(open) = rest.find('{') {
                        let after = &rest[open + 1..];
                        let Some(close) = after.find('}') else { break };
                        let name = &after[..close];
                        if name.contains('.') && !numbers.iter().any(|(k, _)| k == name) {
                            return Err(format!(
                                "items: wording.not_met quotes {{{name}}}, which no check of {table} has (it has: {})",
                                numbers
                                    .iter()
                                    .map(|(k, _)| k.as_str())
                                    .collect::<Vec<_>>()
                                    .join(", ")
                            ));
                        }
                        rest = &after[close + 1..];
                    }
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }
}

/// The kinds a check accepts, for its message (`Yuan or Count`).
fn kinds_words(kinds: &[QuestionKind]) -> String {
    kinds
        .iter()
        .map(|k| format!("{k:?}"))
        .collect::<Vec<_>>()
        .join(" or ")
}
