//! Every user-facing string of the widget's chrome, in one table. Policy text (titles, glosses,
//! reasons) comes bilingual from the policy core as `policy::Text`; everything else is here.

/// The widget's interface language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `en` (any case, with or without region) → English; anything else → zh-CN, the default.
    pub fn parse(tag: &str) -> Lang {
        let t = tag.trim().to_ascii_lowercase();
        if t == "en" || t.starts_with("en-") {
            Lang::En
        } else {
            Lang::Zh
        }
    }
    /// BCP 47 tag for the `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// The key `policy::Text::get` expects.
    pub fn text_key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// Keys of the chrome strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    WidgetTitle,
    Documents,
    ValidWindow,
    AsOf,
    InForce,
    NotInForce,
    NotYetInForce,
    SwitchLanguage,
    EditionLabel,
    LoadError,
}

/// The string for `key` in `lang`.
pub fn tr(lang: Lang, key: Key) -> &'static str {
    use Key::*;
    match (lang, key) {
        (Lang::Zh, WidgetTitle) => "人力资源服务业政策自评",
        (Lang::En, WidgetTitle) => "HR service industry policy self-check",
        (Lang::Zh, Documents) => "本通知包含三个文件",
        (Lang::En, Documents) => "The notice carries three documents",
        (Lang::Zh, ValidWindow) => "有效期",
        (Lang::En, ValidWindow) => "In force",
        (Lang::Zh, AsOf) => "评估日期",
        (Lang::En, AsOf) => "Evaluate as of",
        (Lang::Zh, InForce) => "该政策在所选日期有效。",
        (Lang::En, InForce) => "The policy is in force on the chosen date.",
        (Lang::Zh, NotInForce) => "该政策在所选日期已失效：以下结果仅供历史核对与培训参考，不能据此申报。",
        (Lang::En, NotInForce) => "The policy is no longer in force on the chosen date: results below are for historical checks and training only, not for applying.",
        (Lang::Zh, NotYetInForce) => "该政策在所选日期尚未生效：以下结果仅供参考。",
        (Lang::En, NotYetInForce) => "The policy is not yet in force on the chosen date: results below are for reference only.",
        (Lang::Zh, SwitchLanguage) => "English",
        (Lang::En, SwitchLanguage) => "中文",
        (Lang::Zh, EditionLabel) => "政策版本",
        (Lang::En, EditionLabel) => "Policy edition",
        (Lang::Zh, LoadError) => "政策数据无法加载",
        (Lang::En, LoadError) => "The policy data could not be loaded",
    }
}
