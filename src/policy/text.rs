//! The text types every rule carries: a text in both languages, the documents of the notice,
//! a citation and a source (citation, original sentence, gloss).

#[allow(clippy::wildcard_imports)]
use super::*;

/// A text in both languages of the widget.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }
    /// The text in `lang` (`"zh"` gives Chinese, anything else English).
    pub fn get(&self, lang: &str) -> &str {
        if lang == "zh" {
            &self.zh
        } else {
            &self.en
        }
    }
}

/// Which of the three documents of the notice a rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentId {
    /// 包头市人力资源服务业高质量发展行动方案 (Action Plan)
    Plan,
    /// 包头市支持人力资源服务业发展十项措施 (Ten Measures)
    Measures,
    /// 包头市市级人力资源服务产业园管理办法 (Park Measures)
    Park,
    /// The covering notice itself (文号, title, addressees, dates, 抄送).
    Notice,
}

impl DocumentId {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentId::Plan => "plan",
            DocumentId::Measures => "measures",
            DocumentId::Park => "park",
            DocumentId::Notice => "notice",
        }
    }

    /// The short title the notice's readers use: 《行动方案》, 《十项措施》, 《管理办法》.
    pub fn short_title(self, lang: &str) -> &'static str {
        match (self, lang == "zh") {
            (DocumentId::Plan, true) => "《行动方案》",
            (DocumentId::Measures, true) => "《十项措施》",
            (DocumentId::Park, true) => "《管理办法》",
            (DocumentId::Notice, true) => "《通知》",
            (DocumentId::Plan, false) => "Action Plan",
            (DocumentId::Measures, false) => "Ten Measures",
            (DocumentId::Park, false) => "Park Measures",
            (DocumentId::Notice, false) => "Notice",
        }
    }
}

/// Where a rule sits in the legal text: document, article, clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    pub document: DocumentId,
    /// e.g. `第四条`, or a section heading of the plan such as `二、服务业态`.
    pub article: String,
    /// e.g. `(三)`; absent when the whole article is meant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clause: Option<String>,
    /// The document's short title as its edition declares it (filled in at load, not written
    /// in the file); `None`: the 2022 notice's ([`DocumentId::short_title`]).
    #[serde(skip)]
    pub short: Option<Arc<Text>>,
}

impl Citation {
    /// The citation as the law is cited: `《管理办法》第四条（三）` in Chinese,
    /// `Park Measures 第四条(三)` in English (article numbers stay as in the law).
    /// Never an internal id: this is what every screen, document and CLI line shows.
    pub fn in_words(&self, lang: &str) -> String {
        let zh = lang == "zh";
        let title = match &self.short {
            Some(t) => t.get(lang),
            None => self.document.short_title(lang),
        };
        // One allocation: a full-width bracket is three bytes where the edition writes one.
        let clause = self.clause.as_ref().map_or(0, |c| c.len() + 4);
        let mut out = String::with_capacity(title.len() + 1 + self.article.len() + clause);
        out.push_str(title);
        if !zh {
            out.push(' ');
        }
        out.push_str(&self.article);
        if let Some(c) = &self.clause {
            if zh {
                // The edition writes clauses with ASCII brackets, `(三)`; the law uses full-width ones.
                out.extend(c.chars().map(|ch| match ch {
                    '(' => '（',
                    ')' => '）',
                    other => other,
                }));
            } else {
                out.push_str(c);
            }
        }
        out
    }
}

impl fmt::Display for Citation {
    /// `《管理办法》第四条（三）`, the Chinese form of [`Citation::in_words`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.in_words("zh"))
    }
}

/// A citation together with the original sentence and its gloss: what every
/// verdict and amount carries so the user can read the law behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub cite: Citation,
    /// The original Chinese sentence, verbatim.
    pub original: String,
    /// A short gloss (Chinese paraphrase and English).
    pub gloss: Text,
    /// Where the notice is ambiguous: how this edition reads it, and why. Shown with the
    /// citation, labelled as a reading (not the notice's own words).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<Text>,
}

/// One of the documents carried by the notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: DocumentId,
    pub title: Text,
    /// How citations name it (`《若干措施》`); absent: the 2022 notice's short titles.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_title: Option<Text>,
}
