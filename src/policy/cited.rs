//! Every cited piece of an edition, with what the widget does with it ("sources per
//! paragraph"), and the documents' short titles resolved into each citation at load (so a
//! successor's citations name its own documents: 《若干措施（样例）》, not 2022's 《十项措施》).

#[allow(clippy::wildcard_imports)]
use super::*;

/// How the widget uses a cited piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SourceUse {
    Condition,
    Measure,
    Cap,
    Material,
    Step,
    Format,
    NonDup,
    Info,
    Validity,
}

/// One cited piece of the edition: its source, its use, its label in both languages and the
/// rule id (kept inside: screens show words, never ids).
#[derive(Debug, Clone)]
pub struct Cited<'e> {
    pub source: &'e Source,
    pub used_as: SourceUse,
    pub label: Text,
    pub id: String,
}

/// Calls `f` on every source of the edition data (conditions, measures, caps, materials, steps,
/// formats, groups, information, paragraphs without effect, the validity).
pub(super) fn for_each_source_mut(d: &mut EditionData, f: &mut dyn FnMut(&mut Source)) {
    f(&mut d.validity_source);
    d.information.iter_mut().for_each(|i| f(&mut i.source));
    d.service_formats.iter_mut().for_each(|s| f(&mut s.source));
    f(&mut d.park.submission.source);
    f(&mut d.park.barred.source);
    d.park.conditions.iter_mut().for_each(|c| f(&mut c.source));
    d.park.materials.iter_mut().for_each(|m| f(&mut m.source));
    d.park
        .procedure
        .iter_mut()
        .chain(d.park.after_certification.iter_mut())
        .for_each(|s| f(&mut s.source));
    if let Some(a) = d.applicant.as_mut() {
        f(&mut a.source);
    }
    for m in &mut d.measures {
        f(&mut m.source);
        m.conditions.iter_mut().for_each(|c| f(&mut c.source));
        if let Some(cap) = m.cap.as_mut() {
            f(&mut cap.source);
        }
    }
    d.non_duplication.iter_mut().for_each(|g| f(&mut g.source));
    d.no_effect.iter_mut().for_each(|n| f(&mut n.source));
}

/// Gives every citation the short title its edition declares for its document (none declared:
/// the 2022 notice's, [`DocumentId::short_title`]).
pub(super) fn resolve_short_titles(d: &mut EditionData) {
    let titles: Vec<(DocumentId, Arc<Text>)> = d
        .documents
        .iter()
        .filter_map(|doc| Some((doc.id, Arc::new(doc.short_title.clone()?))))
        .collect();
    if titles.is_empty() {
        return;
    }
    for_each_source_mut(d, &mut |s| {
        s.cite.short = titles
            .iter()
            .find(|(id, _)| *id == s.cite.document)
            .map(|(_, t)| Arc::clone(t));
    });
}

impl Edition {
    /// The short title of document `doc` as this edition's readers cite it.
    pub fn short_title(&self, doc: DocumentId, lang: &str) -> String {
        self.documents
            .iter()
            .find(|d| d.id == doc)
            .and_then(|d| d.short_title.as_ref())
            .map(|t| t.get(lang).to_string())
            .unwrap_or_else(|| doc.short_title(lang).to_string())
    }

    /// A citation of this edition (its documents' short titles), e.g. for grouping by article.
    pub fn citation(&self, doc: DocumentId, article: &str, clause: Option<&str>) -> Citation {
        Citation {
            document: doc,
            article: article.to_string(),
            clause: clause.map(str::to_string),
            short: self
                .documents
                .iter()
                .find(|d| d.id == doc)
                .and_then(|d| d.short_title.clone())
                .map(Arc::new),
        }
    }

    /// A rule id's citation and label (conditions, measures, caps).
    pub fn rule_source(&self, id: &str) -> Option<(&Citation, &Text)> {
        let mut conds = vec![&self.park.barred];
        conds.extend(self.park.conditions.iter());
        for m in &self.measures {
            if m.id == id {
                return Some((&m.source.cite, &m.label));
            }
            if let Some(cap) = m.cap.as_ref().filter(|c| c.id == id) {
                return Some((&cap.source.cite, &cap.label));
            }
            conds.extend(m.conditions.iter());
        }
        conds
            .into_iter()
            .find(|c| c.id == id)
            .map(|c| (&c.source.cite, &c.label))
    }

    /// Every cited piece of the edition and what it is used for, in the edition's order.
    pub fn cited(&self) -> Vec<Cited<'_>> {
        let one = |source, used_as, label: &Text, id: &str| Cited {
            source,
            used_as,
            label: label.clone(),
            id: id.to_string(),
        };
        let window = format!("{} – {}", self.valid_from, self.valid_until);
        let sub = &self.park.submission;
        let mut out = vec![one(
            &self.validity_source,
            SourceUse::Validity,
            &Text::new(window.clone(), window),
            "validity",
        )];
        out.extend(
            self.information
                .iter()
                .map(|i| one(&i.source, SourceUse::Info, &i.label, &i.id)),
        );
        out.extend(
            self.service_formats
                .iter()
                .map(|f| one(&f.source, SourceUse::Format, &f.label, &f.id)),
        );
        out.push(one(
            &sub.source,
            SourceUse::Step,
            &Text::new(
                format!("{} → {}", sub.by.zh, sub.to.zh),
                format!("{} → {}", sub.by.en, sub.to.en),
            ),
            "park.submission",
        ));
        let b = &self.park.barred;
        out.push(one(&b.source, SourceUse::Condition, &b.label, &b.id));
        out.extend(
            self.park
                .conditions
                .iter()
                .map(|c| one(&c.source, SourceUse::Condition, &c.label, &c.id)),
        );
        out.extend(
            self.park
                .materials
                .iter()
                .map(|m| one(&m.source, SourceUse::Material, &m.label, &m.id)),
        );
        out.extend(
            self.park
                .procedure
                .iter()
                .chain(self.park.after_certification.iter())
                .map(|s| one(&s.source, SourceUse::Step, &s.label, &s.id)),
        );
        for m in &self.measures {
            out.push(one(&m.source, SourceUse::Measure, &m.label, &m.id));
            out.extend(
                m.conditions
                    .iter()
                    .map(|c| one(&c.source, SourceUse::Condition, &c.label, &c.id)),
            );
            if let Some(cap) = &m.cap {
                out.push(one(&cap.source, SourceUse::Cap, &cap.label, &cap.id));
            }
        }
        out.extend(
            self.non_duplication
                .iter()
                .map(|g| one(&g.source, SourceUse::NonDup, &g.label, &g.id)),
        );
        out
    }

    /// The cited pieces of one paragraph: document, article and clause exactly.
    pub fn cited_at<'a>(
        cited: &'a [Cited<'a>],
        doc: DocumentId,
        article: &str,
        clause: Option<&str>,
    ) -> impl Iterator<Item = &'a Cited<'a>> {
        let article = article.to_string();
        let clause = clause.map(str::to_string);
        cited.iter().filter(move |c| {
            let s = &c.source.cite;
            s.document == doc && s.article == article && s.clause == clause
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Edition {
        load_bundled("sample-successor")
            .expect("the sample is bundled")
            .expect("the sample loads")
    }

    #[test]
    fn a_successor_cites_its_own_documents() {
        let e = sample();
        let mut n = 0;
        for c in e.cited() {
            let zh = c.source.cite.in_words("zh");
            assert!(!zh.contains("十项措施") && !zh.contains("行动方案"), "{zh}");
            assert!(zh.contains("（样例）"), "{zh}");
            assert!(c.source.cite.in_words("en").contains("(sample)"));
            n += 1;
        }
        assert!(n > 5);
        assert_eq!(
            e.short_title(DocumentId::Measures, "zh"),
            "《若干措施（样例）》"
        );
        assert_eq!(
            e.citation(DocumentId::Park, "第四条", Some("(一)"))
                .in_words("zh"),
            "《管理办法（样例）》第四条（一）"
        );
    }

    #[test]
    fn the_2022_notice_keeps_its_short_titles() {
        let e = default_edition().expect("loads");
        for c in e.cited() {
            assert_eq!(
                c.source.cite.in_words("zh").split('》').next(),
                Some(
                    c.source
                        .cite
                        .document
                        .short_title("zh")
                        .trim_end_matches('》')
                ),
            );
        }
        let firms = e
            .rule_source("park.4.3.firms")
            .map(|(c, _)| c.in_words("zh"));
        assert_eq!(firms.as_deref(), Some("《管理办法》第四条（三）"));
        let cited = e.cited();
        let at: Vec<&str> = Edition::cited_at(&cited, DocumentId::Park, "第四条", Some("(三)"))
            .map(|c| c.id.as_str())
            .collect();
        assert!(at.contains(&"park.4.3.firms"), "{at:?}");
    }
}
