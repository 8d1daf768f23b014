//! A plain-text rendering of an [`Outcome`]: what a district officer would
//! read (used by `hrs-check --format text`). Reads the outcome only.

use std::fmt::Write;

use crate::policy::{DocumentId, Edition, MoneyKind, Recipient, Source, Text};

use super::money;
use super::outcome::*;

/// The edition's content hash as people are shown it: its first 8 hex digits, the 版本校验码.
pub fn check_code(content_hash: &str) -> &str {
    content_hash.get(..8).unwrap_or(content_hash)
}

fn t<'a>(x: &'a Text, lang: &str) -> &'a str {
    x.get(lang)
}

fn cite(s: &Source, lang: &str) -> String {
    s.cite.in_words(lang)
}

/// The core's one verdict vocabulary ([`Verdict::words`]), as the widget and the documents say it.
fn verdict_word(v: &Verdict, lang: &str) -> String {
    v.words().get(lang).to_string()
}

/// The core's one eligibility vocabulary ([`Eligibility::words`]).
fn eligibility_word(e: &Eligibility, lang: &str) -> String {
    e.words().get(lang).to_string()
}

fn kind_word(k: MoneyKind, zh: bool) -> &'static str {
    match (k, zh) {
        (MoneyKind::Grant, true) => "奖补",
        (MoneyKind::Loan, true) => "贷款",
        (MoneyKind::PerOtherPolicy, true) => "按其他政策",
        (MoneyKind::NoMoney, true) => "无资金",
        (MoneyKind::Grant, false) => "grant",
        (MoneyKind::Loan, false) => "loan",
        (MoneyKind::PerOtherPolicy, false) => "per other policy",
        (MoneyKind::NoMoney, false) => "no money",
    }
}

fn recipient_word(r: Recipient, zh: bool) -> &'static str {
    match (r, zh) {
        (Recipient::Organisation, true) => "机构",
        (Recipient::District, true) => "属地旗县区",
        (Recipient::Person, true) => "个人",
        (Recipient::Organisation, false) => "organisation",
        (Recipient::District, false) => "district",
        (Recipient::Person, false) => "persons",
    }
}

fn condition(out: &mut String, c: &ConditionOutcome, lang: &str) {
    let _ = writeln!(
        out,
        "  [{}] {}  ({})",
        verdict_word(&c.verdict, lang),
        t(&c.label, lang),
        cite(&c.source, lang)
    );
    let _ = writeln!(out, "      {}", t(&c.reason, lang));
    if let Some(g) = &c.gap {
        let _ = writeln!(out, "      → {}", t(&g.text, lang));
    }
}

/// `park.roster[3].uscc` → the question's label (“统一社会信用代码（第 4 行）”), or the path.
fn field_words(edition: Option<&Edition>, path: &str, lang: &str) -> String {
    field_label(edition, path, lang).unwrap_or_else(|| path.to_string())
}

/// `park.roster[3].uscc` → `第 4 行“统一社会信用代码”`; `None` when no question has that path
/// (the widget then shows the message alone rather than an id).
pub fn field_label(edition: Option<&Edition>, path: &str, lang: &str) -> Option<String> {
    let zh = lang == "zh";
    let mut q_path = String::with_capacity(path.len());
    let mut row: Option<String> = None;
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                q_path.push_str("[]");
                row = Some(String::new());
            }
            ']' => in_index = false,
            _ if in_index => {
                if let Some(r) = row.as_mut() {
                    r.push(c);
                }
            }
            _ => q_path.push(c),
        }
    }
    let label = edition
        .and_then(|e| e.question(&q_path))
        .map(|q| q.label.get(lang).to_string());
    let row_words = row.and_then(|r| r.parse::<usize>().ok()).map(|n| {
        if zh {
            format!("第 {} 行", n + 1)
        } else {
            format!("row {}", n + 1)
        }
    });
    match (label, row_words) {
        (Some(l), Some(r)) if zh => Some(format!("{r}“{l}”")),
        (Some(l), Some(r)) => Some(format!("{r}, “{l}”")),
        (Some(l), None) => Some(format!("“{l}”")),
        (None, _) => None,
    }
}

/// A measure nobody has answered for yet: unknown, and nothing in it fails, waits or goes to the
/// reviewers. Such measures fold into one line each.
fn only_unanswered(m: &MeasureOutcome) -> bool {
    m.eligibility == Eligibility::Unknown
        && m.conditions
            .iter()
            .all(|c| matches!(c.verdict, Verdict::Met | Verdict::Unknown))
}

/// Render `o` as text in `lang` (`zh` or `en`).
pub fn render(o: &Outcome, lang: &str) -> String {
    render_for(o, None, lang)
}

/// Render `o` as text in `lang`, with the edition's titles and question labels when given
/// (the CLI passes it): document titles and measure names, never internal ids.
pub fn render_for(o: &Outcome, edition: Option<&Edition>, lang: &str) -> String {
    let zh = lang == "zh";
    let mut out = String::new();
    let doc_title = |id: DocumentId| -> String {
        edition
            .and_then(|e| e.documents.iter().find(|d| d.id == id))
            .map(|d| {
                if zh {
                    format!("《{}》", d.title.zh.trim_matches(['《', '》']))
                } else {
                    d.title.en.clone()
                }
            })
            .unwrap_or_else(|| id.short_title(lang).to_string())
    };
    if let Some(e) = edition {
        let _ = writeln!(out, "{}", t(&e.title, lang));
    }
    let _ = writeln!(
        out,
        "{} {} · {} {}",
        if zh { "政策版本" } else { "Edition" },
        o.edition.document_number,
        if zh { "版本校验码" } else { "check code" },
        check_code(&o.edition.content_hash)
    );
    let _ = writeln!(out, "{} {}", if zh { "评估日期" } else { "As of" }, o.as_of);
    let _ = writeln!(out, "{}", t(&o.in_force_note, lang));
    let _ = writeln!(out);
    // The one-sentence answer first, as the widget and the print show it.
    let _ = writeln!(out, "{}", t(&o.headline.text, lang));
    let _ = writeln!(out);
    if let Some(p) = &o.park {
        let s = &p.summary;
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!(
                    "{} 市级产业园认定：符合 {}，不符合 {}，待确认 {}，由评审认定 {}",
                    doc_title(DocumentId::Park),
                    s.met,
                    s.not_met,
                    s.unknown,
                    s.for_reviewers
                )
            } else {
                format!(
                    "{} — municipal park certification: met {}, not met {}, to be confirmed {}, for the reviewers {}",
                    doc_title(DocumentId::Park),
                    s.met,
                    s.not_met,
                    s.unknown,
                    s.for_reviewers
                )
            }
        );
        let _ = writeln!(
            out,
            "{}：{} → {}",
            if zh { "申报" } else { "Submitted by / to" },
            t(&p.submission.by, lang),
            t(&p.submission.to, lang)
        );
        let _ = writeln!(out);
        for c in &p.conditions {
            condition(&mut out, c, lang);
        }
        let r = &p.roster;
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!(
                    "花名册：{} 行，人力资源服务企业 {} 家（待确认 {} 行），服务业态 {} 种",
                    r.rows,
                    r.hr_service_firms,
                    r.hr_service_firm_unknown,
                    r.formats.len()
                )
            } else {
                format!(
                    "Roster: {} rows, {} HR-service firms ({} rows to be confirmed), {} service formats",
                    r.rows,
                    r.hr_service_firms,
                    r.hr_service_firm_unknown,
                    r.formats.len()
                )
            }
        );
        for i in &r.issues {
            let _ = writeln!(
                out,
                "  ! {}: {}",
                field_words(edition, &i.field, lang),
                t(&i.message, lang)
            );
        }
        let _ = writeln!(out);
        // The widget's heading, by the article the edition cites for its materials.
        let heading = super::wizard::materials_heading(
            p.materials.first().map(|m| m.source.cite.article.as_str()),
        );
        let _ = writeln!(out, "{}{}", t(&heading, lang), if zh { "：" } else { ":" });
        for m in &p.materials {
            let st = match (m.status, zh) {
                (MaterialState::Ready, true) => "已备齐",
                (MaterialState::Missing, true) => "缺少",
                (MaterialState::NotAnswered, true) => "未确认",
                (MaterialState::Ready, false) => "Ready",
                (MaterialState::Missing, false) => "Missing",
                (MaterialState::NotAnswered, false) => "Not confirmed",
            };
            let _ = writeln!(
                out,
                "  [{st}] {}  ({})",
                t(&m.label, lang),
                cite(&m.source, lang)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(out, "{}", if zh { "程序：" } else { "Procedure:" });
        for (i, s) in p.procedure.iter().enumerate() {
            let _ = writeln!(
                out,
                "  {}. {} — {}  ({})",
                i + 1,
                t(&s.label, lang),
                t(&s.actor, lang),
                cite(&s.source, lang)
            );
        }
    }
    if let Some(org) = &o.organisation {
        let _ = writeln!(
            out,
            "{}",
            if zh {
                format!("{}：", doc_title(DocumentId::Measures))
            } else {
                format!("{}:", doc_title(DocumentId::Measures))
            }
        );
        let label_of = |id: &str| -> String {
            org.measures
                .iter()
                .find(|m| m.id == id)
                .map_or_else(|| id.to_string(), |m| t(&m.label, lang).to_string())
        };
        for m in &org.measures {
            if only_unanswered(m) {
                // One line: the measure and the answers it waits for.
                let mut needs: Vec<String> = Vec::new();
                for c in &m.conditions {
                    if let Some(g) = &c.gap {
                        for f in &g.fields {
                            let w = field_words(edition, f, lang);
                            if !needs.contains(&w) {
                                needs.push(w);
                            }
                        }
                    }
                }
                let _ = writeln!(
                    out,
                    "[{}] {}  ({}) — {}{}",
                    eligibility_word(&m.eligibility, lang),
                    t(&m.label, lang),
                    cite(&m.source, lang),
                    if zh { "待回答：" } else { "waiting for: " },
                    needs.join(if zh { "、" } else { ", " })
                );
                continue;
            }
            let _ = writeln!(out);
            let _ = writeln!(
                out,
                "[{}] {}  ({}, {} · {})",
                eligibility_word(&m.eligibility, lang),
                t(&m.label, lang),
                cite(&m.source, lang),
                kind_word(m.kind, zh),
                recipient_word(m.recipient, zh)
            );
            if let Some(a) = &m.amount {
                let shown = if zh {
                    format!(
                        "{}（{}）",
                        money::range_wan(&a.range),
                        money::range_yuan(&a.range)
                    )
                } else {
                    money::range_cny(&a.range)
                };
                let _ = writeln!(out, "    {shown}");
                if let Some(c) = &a.cap {
                    let _ = writeln!(out, "    {}", t(&c.note, lang));
                }
            }
            match &m.counting {
                Counting::GivenUp { kept, .. } => {
                    let _ = writeln!(
                        out,
                        "    {}",
                        if zh {
                            format!("不重复享受：已放弃，保留“{}”", label_of(kept))
                        } else {
                            format!("no double benefit: given up for “{}”", label_of(kept))
                        }
                    );
                }
                Counting::AlreadyReceived => {
                    let _ = writeln!(
                        out,
                        "    {}",
                        if zh {
                            "已享受过同类政策，不计入合计"
                        } else {
                            "already received a similar benefit: not counted"
                        }
                    );
                }
                _ => {}
            }
            for c in &m.conditions {
                if c.verdict != Verdict::Met {
                    condition(&mut out, c, lang);
                }
            }
            for i in &m.items {
                let _ = writeln!(
                    out,
                    "    - {} [{}] {}",
                    i.name,
                    verdict_word(&i.verdict, lang),
                    t(&i.reason, lang)
                );
            }
            for n in &m.notes {
                let _ = writeln!(out, "    * {}", t(n, lang));
            }
        }
        let _ = writeln!(out);
        for d in &org.non_duplication {
            let _ = writeln!(
                out,
                "{}{}{}",
                t(&d.label, lang),
                if zh { "：" } else { ": " },
                t(&super::headline::non_duplication(org, d), lang)
            );
        }
        let _ = writeln!(out);
        let _ = writeln!(
            out,
            "{}",
            if zh {
                "合计（贷款不计入奖补）："
            } else {
                "Totals (loans never added to grants):"
            }
        );
        for tot in &org.totals {
            let _ = writeln!(
                out,
                "  {} · {}: {}{}",
                recipient_word(tot.recipient, zh),
                kind_word(tot.kind, zh),
                if zh {
                    money::range_wan(&tot.eligible)
                } else {
                    money::range_cny(&tot.eligible)
                },
                if tot.possible.max.is_zero() {
                    String::new()
                } else if zh {
                    format!("（待确认后可能增加 {}）", money::range_wan(&tot.possible))
                } else {
                    format!(
                        " (could add {} once confirmed)",
                        money::range_cny(&tot.possible)
                    )
                }
            );
        }
    }
    if !o.problems.is_empty() {
        let _ = writeln!(out);
        for p in &o.problems {
            let _ = writeln!(
                out,
                "! {}: {}",
                field_words(edition, &p.field, lang),
                t(&p.message, lang)
            );
        }
    }
    out
}
