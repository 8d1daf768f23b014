//! Every user-facing string of the widget's chrome, in one table. Policy text (titles, labels,
//! glosses, reasons, gaps) comes bilingual from the policy core as `policy::Text`; everything
//! else is here. Placeholders are written `{name}` and filled by [`trf`].

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

macro_rules! strings {
    ($($key:ident => $zh:expr, $en:expr;)*) => {
        /// Keys of the chrome strings.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Key { $($key),* }
        fn pair(key: Key) -> (&'static str, &'static str) {
            match key { $(Key::$key => ($zh, $en)),* }
        }
    };
}

strings! {
    WidgetTitle => "人力资源服务业政策自评", "HR service industry policy self-check";
    ValidWindow => "有效期", "In force";
    AsOf => "评估日期", "Evaluate as of";
    InForce => "该政策在所选日期有效。", "The policy is in force on the chosen date.";
    NotInForce => "该政策在所选日期已失效：以下结果仅供历史核对与培训参考，不能据此申报。", "The policy is no longer in force on the chosen date: results below are for historical checks and training only, not for applying.";
    NotYetInForce => "该政策在所选日期尚未生效：以下结果仅供参考。", "The policy is not yet in force on the chosen date: results below are for reference only.";
    SwitchLanguage => "English", "中文";
    LoadError => "政策数据无法加载", "The policy data could not be loaded";
    StartTitle => "您要做什么？", "What would you like to do?";
    ChoosePark => "市级产业园认定自评", "Municipal park certification self-check";
    ChooseParkDesc => "旗县区、稀土高新区或园区运营方：逐条核对《管理办法》第四条条件、第九条限制、第五条申报材料和程序。", "Districts or park operators: check the Park Measures' conditions (第四条), the bar (第九条), the materials and procedure (第五条).";
    ChooseOrg => "机构补贴测算（十项措施）", "Organisation subsidies (Ten Measures)";
    ChooseOrgDesc => "人力资源服务机构：逐条核对第二至第十条，查看可享受的奖补区间、贷款和不重复享受的处理。", "HR service organisations: check 第二–第十条, see award ranges, loans and how the no-double-benefit rule applies.";
    ChooseTrainer => "培训演示模式", "Trainer mode";
    ChooseTrainerDesc => "示例案例、条文浏览、假设切换和自检。", "Sample cases, article browser, what-if toggles and self-test.";
    Home => "返回首页", "Back to start";
    Back => "上一步", "Back";
    Next => "下一步", "Next";
    StepOf => "第 {n} 步，共 {total} 步", "Step {n} of {total}";
    Progress => "进度", "Progress";
    StepBasics => "基本信息", "Basic facts";
    StepNoDup => "是否已享受同类政策", "Benefits already received";
    StepReview => "结果与导出", "Results and export";
    Yes => "是", "Yes";
    No => "否", "No";
    DontKnow => "不清楚", "Don't know";
    NotSelected => "请选择", "Choose";
    AddRow => "添加一行", "Add a row";
    RemoveRow => "删除第 {n} 行", "Remove row {n}";
    Row => "第 {n} 行", "Row {n}";
    PrevPage => "上一页", "Previous page";
    NextPage => "下一页", "Next page";
    RowsOf => "第 {first}–{last} 行，共 {total} 行", "Rows {first}–{last} of {total}";
    NoRows => "尚未添加。", "None added yet.";
    UnitM2 => "平方米", "m²";
    UnitYuan => "元", "yuan";
    UnitCount => "个", "count";
    WanHint => "合 {wan}", "= CNY {wan}";
    ErrNumber => "请输入数字，例如 3000 或 3000.50（可含千位逗号）。", "Enter a number, e.g. 3000 or 3000.50 (thousands commas are fine).";
    ErrNegative => "不能为负数。", "Must not be negative.";
    ErrWhole => "请输入不小于 0 的整数。", "Enter a whole number, 0 or more.";
    RosterCounts => "花名册 {rows} 行 · 人力资源服务企业 {firms} 家 · 服务业态 {formats} 种", "Roster: {rows} rows · {firms} HR-service firms · {formats} service formats";
    Results => "评估结果", "Results";
    ResultsLive => "结果随答案实时更新。", "Results update as you answer.";
    Met => "符合", "Met";
    NotMet => "不符合", "Not met";
    Unknown => "待确认", "To be confirmed";
    ForReviewers => "由评审认定", "For the reviewers";
    NotYet => "{date} 起符合", "Met from {date}";
    Eligible => "可享受", "Eligible";
    NotEligible => "不可享受", "Not eligible";
    EligibleFrom => "{date} 起可享受", "Eligible from {date}";
    InPrinciple => "原则上", "in principle";
    WhatItTakes => "还需要", "What it would take";
    Citation => "出处", "Source";
    OriginalText => "原文", "Original text";
    SummaryCounts => "符合 {met} · 不符合 {not_met} · 待确认 {unknown} · 由评审认定 {review}", "Met {met} · not met {not_met} · to be confirmed {unknown} · for the reviewers {review}";
    Barred => "该园区在所选日期处于不予重新认定期内（第九条）。", "The park cannot be certified again on the chosen date (第九条).";
    ReadyForReview => "没有不符合或待确认的条件，可以准备申报（评审仍会判断标注的事项）。", "No condition is unmet or unknown: ready to prepare the application (reviewers still judge the marked items).";
    NotReady => "仍有不符合或待确认的条件，见下方各项。", "Some conditions are unmet or unknown; see each item below.";
    Ready => "已备齐", "Ready";
    Missing => "缺少", "Missing";
    NotConfirmed => "未确认", "Not confirmed";
    Procedure => "申报程序", "Procedure";
    SubmittedBy => "由 {by} 向 {to} 提交申请。", "{by} applies to {to}.";
    AfterCertification => "认定之后", "After certification";
    Measures => "各项措施", "Measures";
    AmountsTable => "金额汇总", "Amounts";
    Measure => "措施", "Measure";
    Kind => "类别", "Kind";
    Amount => "金额区间", "Amount (range)";
    Cap => "上限", "Cap";
    Counting => "计入", "Counted";
    KindGrant => "奖补资金", "Grant";
    KindLoan => "贷款（非补贴）", "Loan (not a grant)";
    KindPerOtherPolicy => "按其他政策执行", "Per other policy";
    KindNoMoney => "无资金", "No money";
    Counted => "计入合计", "Counted";
    NotCounted => "不计入", "Not counted";
    GivenUp => "就高从优：让位于 {kept}", "Higher benefit applies: given up for {kept}";
    AlreadyReceived => "已就同一事项享受同类政策，不再计入", "A similar benefit was already received for this matter: not counted";
    CapApplied => "已按上限调整", "capped";
    Totals => "合计", "Totals";
    TotalEligible => "现可享受", "Eligible now";
    TotalPossible => "待确认后可能增加", "Could add once confirmed";
    ToOrganisation => "给机构", "to the organisation";
    ToDistrict => "给属地旗县区", "to the district";
    ToPerson => "给个人", "to persons";
    NonDup => "就高从优、不重复享受", "The higher benefit applies; no double benefit";
    Kept => "保留：{kept}", "Kept: {kept}";
    Items => "逐项", "Items";
    AfterAssessment => "经考核评估后在区间内确定，非承诺金额。", "Decided within the range after assessment; an estimate, not a promise.";
    Actions => "保存与导出", "Save and export";
    ExportAnswers => "导出答案文件", "Export answers file";
    ImportAnswers => "导入答案文件", "Import answers file";
    ShareLink => "生成分享链接", "Make a share link";
    ShareLinkLabel => "分享链接（答案只在链接的 # 之后，不会发送到服务器）", "Share link (the answers sit after the #, which is never sent to a server)";
    Print => "打印", "Print";
    ClearAnswers => "清空本流程的答案", "Clear this flow's answers";
    ClearConfirm => "确定清空？再次点击确认。", "Clear everything? Click again to confirm.";
    DownloadPackage => "生成申报材料包", "Generate the application package";
    ImportRoster => "从 Excel/CSV 导入花名册", "Import the roster from Excel/CSV";
    Working => "正在处理…", "Working…";
    Imported => "已导入答案文件 {name}。", "Imported the answers file {name}.";
    RosterReading => "正在读取 {name}，请稍候…（读取在后台进行，可继续操作）", "Reading {name}… (this runs in the background; you can keep working)";
    RosterImported => "已从 {name} 导入 {rows} 行。", "Imported {rows} rows from {name}.";
    MoreProblems => "另有 {n} 条问题未列出，可在花名册中逐行查看。", "{n} more problems not listed; see the roster rows.";
    PackageWorking => "正在生成申报材料，请稍候…", "Generating the application package…";
    ImportFailed => "文件 {name} 无法导入：{why}", "The file {name} could not be imported: {why}";
    WrongKind => "该答案文件属于另一个流程，已载入到对应流程。", "That answers file belongs to the other flow; it was loaded there.";
    ShareLoaded => "已从分享链接载入答案。", "Answers loaded from the share link.";
    StorageOff => "浏览器存储不可用：本次填写的内容不会自动保存，请用“导出答案文件”保存。", "Browser storage is unavailable: answers are not saved automatically; use “Export answers file”.";
    StorageFull => "浏览器存储已满：最新的修改未能保存，请导出答案文件。", "Browser storage is full: the latest changes could not be saved; export the answers file.";
    Dismiss => "知道了", "Dismiss";
    Notices => "提示", "Notices";
    TrainerTitle => "培训演示", "Trainer mode";
    Samples => "示例案例", "Sample cases";
    LoadSample => "载入", "Load";
    WhatIf => "假设切换", "What if";
    ArticleBrowser => "条文浏览", "Article browser";
    SelfTest => "自检", "Self-test";
    ExtrasLoading => "正在载入通知全文和命名案例…", "Loading the notice's full text and the named cases…";
    ExtrasFailed => "无法载入通知全文和命名案例：{why}", "Could not load the notice's full text and the named cases: {why}";
    Pass => "通过", "Pass";
    Fail => "失败", "Fail";
    LargeType => "大字号", "Large type";
    SignApplicant => "申报单位（盖章）", "Applicant (official seal)";
    SignPerson => "负责人签字", "Signature of the person in charge";
    SignDate => "日期", "Date";
    PrintFooter => "政策版本 {edition} · 评估日期 {as_of}", "Edition {edition} · as of {as_of}";
    Problems => "答案中的问题", "Problems in the answers";
    // --- issue 12 ---
    ShareDiffers => "这个链接带有分享的答案 {shared}，与本页已保存的答案 {mine} 不同。要打开哪一份？未选的一份会保留为上一版本，可随时恢复。", "This link carries shared answers {shared}, which differ from the answers saved here {mine}. Which do you want? The other is kept as the previous version and can be restored at any time.";
    ShareOpen => "打开分享的答案", "Open the shared answers";
    ShareKeep => "保留我的答案", "Keep my answers";
    ShareOpened => "已打开分享的答案 {kept}；你原来的答案 {aside} 已保留为上一版本。", "Opened the shared answers {kept}; your answers {aside} are kept as the previous version.";
    ShareKeptMine => "已保留你的答案 {kept}；分享的答案 {aside} 已保留为上一版本。", "Kept your answers {kept}; the shared answers {aside} are kept as the previous version.";
    Unnamed => "（未填写名称）", "(no name given)";
    PreviousVersion => "上一版本：{name}", "Previous version: {name}";
    RestorePrevious => "恢复上一版本", "Restore the previous version";
    OtherTabConflict => "另一个标签页也修改了以下字段，本页保留了自己的值，请核对：{fields}", "Another tab also changed these fields; this tab kept its own values, please check: {fields}";
    RecoveredParts => "已恢复保存的答案，但有 {n} 项无法读取，已略去：{list}。原始记录已备份，关闭此提示后删除。", "Saved answers recovered, but {n} part(s) could not be read and were left out: {list}. The original record is kept as a backup until you dismiss this notice.";
    UnsavedFull => "尚未保存：浏览器存储已满，最新的修改没有保存。请导出答案文件，或清理浏览器存储后继续编辑。", "Not saved: browser storage is full and the latest changes are not saved. Export the answers file, or free browser storage and keep editing.";
    UnsavedOff => "尚未保存：浏览器存储不可用，本页的答案不会自动保存。请用“导出答案文件”保存。", "Not saved: browser storage is unavailable, so answers are not saved automatically. Use “Export answers file”.";
    TableFull => "此表已有 {max} 行，不能再添加。", "This table already has {max} rows; no more can be added.";
    RowsLeftOut => "每个表最多 {max} 行：另有 {n} 行未添加。", "A table holds at most {max} rows: {n} more rows were not added.";
    ShareTooLong => "分享链接过长（{kb} KB），超过浏览器能打开的长度，未生成：请改用“导出答案文件”。", "The share link would be too long ({kb} KB) for browsers to open, so it was not made: use “Export answers file” instead.";
    ShareLong => "分享链接很长（{kb} KB）：部分聊天工具和浏览器会截断超过 32 KB 的链接。建议改用“导出答案文件”。", "This share link is long ({kb} KB): some chat tools and browsers cut links over 32 KB. The answers file is safer.";
    RosterLimits => "CSV 文件最大 {mb} MB；每个花名册最多 {rows} 行。", "CSV files up to {mb} MB; at most {rows} rows per roster.";
    CountRange => "应为 {min} 到 {max} 之间的整数", "Enter a whole number from {min} to {max}";
    // --- end issue 12 ---
    // --- issue 11 ---
    Reading => "本工具的解读（非原文）", "This tool's reading (not the notice's words)";
    // --- issue 10 ---
    TodoTitle => "先处理这些事项", "Settle these first";
    GoToField => "去填写", "Go to the question";
    TodoMore => "另有 {n} 项待确认", "{n} more to confirm";
    StepMarkBad => "（有不符合项）", " (has unmet items)";
    StepMarkOpen => "（有待确认项）", " (has items to confirm)";
    // --- issue 10 (H10a) ---
    EditionDetails => "政策版本 {number} · 版本校验码 {code} · 评估日期 {as_of}", "Policy edition {number} · check code {code} · as of {as_of}";
    PrintApplicant => "申报主体", "Applicant";
    PrintPark => "园区", "Park";
    PrintOrganisation => "机构", "Organisation";
    PrintFor => "依据", "Under";
    PrintAsOf => "评估日期", "as of";
    // --- end issue 10 (H10a) ---
    // --- issue 16 ---
    ChooseCompare => "方案对比", "Compare";
    ChooseCompareDesc => "多个园区或同一机构的多个方案并排对比：导入答卷文件、工作簿或已保存的方案。", "Several parks, or several scenarios of one organisation, side by side: import answers files, a workbook or saved scenarios.";
    CompareTitle => "对比", "Compare";
    CompareHelp => "每列一个答卷，每行一项条件或措施；同一政策版本、同一评估日期。点击单元格查看依据和还需要什么。", "One column per answers set, one row per condition or measure; one edition, one as-of date. Click a cell for its source and what it would take.";
    CompareKind => "对比对象", "What to compare";
    CompareParks => "产业园", "Parks";
    CompareOrgs => "机构方案", "Organisation scenarios";
    CompareAdd => "添加答卷", "Add answers";
    CompareImport => "导入答卷文件或工作簿（可多选）", "Import answers files or a workbook (several at once)";
    CompareAddCurrent => "加入当前填写", "Add the current answers";
    CompareCurrent => "当前填写", "Current answers";
    CompareTemplate => "下载园区工作簿模板", "Download the parks workbook template";
    CompareLimit => "最多 {max} 个答卷。", "Up to {max} sets.";
    CompareTooMany => "已达 {max} 个答卷的上限，“{name}”未加入。", "The limit of {max} sets is reached; “{name}” was not added.";
    CompareFromFile => "文件 {name}", "file {name}";
    CompareFromWorkbook => "工作簿 {name} · {place}", "workbook {name} · {place}";
    CompareFromScenario => "方案 {name}", "scenario {name}";
    CompareUnreadable => "“{name}”无法读取（字段 {field}）：{why}", "“{name}” could not be read (field {field}): {why}";
    CompareOtherKind => "“{name}”是另一类答卷（字段 kind = {kind}），本表对比的是{want}，未列入。", "“{name}” is another kind of answers (field kind = {kind}); this table compares {want}, so it is left out.";
    CompareSets => "已添加的答卷（{n}）：名称可修改", "Sets added ({n}): names can be edited";
    CompareSetName => "答卷名称", "Set name";
    CompareRemoveSet => "移除“{name}”", "Remove “{name}”";
    Remove => "移除", "Remove";
    CompareSort => "按不符合项数排序", "Sort by unmet count";
    Diff => "差异", "Differences";
    DiffFrom => "比较", "Compare";
    DiffTo => "与", "with";
    DiffTitle => "差异：{a} → {b}", "Differences: {a} → {b}";
    DiffAnswers => "不同的答案", "Answers that differ";
    DiffResults => "因此变化的结果", "Results that change";
    DiffAffects => "影响", "affects";
    DiffNone => "无。", "None.";
    CompareExport => "导出 Excel", "Export XLSX";
    CompareCaption => "{n} 个答卷 · 评估日期 {as_of}", "{n} sets · as of {as_of}";
    CompareItem => "项目", "Item";
    CompareUnmet => "不符合 {n} 项", "{n} unmet";
    CompareDiffers => "≠ 各答卷不同", "≠ differs";
    CompareHeadline => "结论", "Conclusion";
    CompareEmpty => "尚未添加答卷。", "No answers added yet.";
    Close => "关闭", "Close";
    NotAnsweredShort => "未填", "not answered";
    DontKnowShort => "不清楚", "don't know";
    Scenarios => "已保存的方案（{n}）", "Saved scenarios ({n})";
    CompareAddScenario => "加入对比", "Add to the comparison";
    ScenarioName => "方案名称", "Scenario name";
    SaveAsScenario => "另存为方案", "Save as scenario";
    ScenarioSaved => "已保存方案“{name}”，可在“对比”中选用。", "Scenario “{name}” saved; pick it in Compare.";
    ScenariosCorrupt => "保存的方案记录已损坏：原内容已另存备份，未丢失。", "The saved scenarios record was damaged: its text was kept as a backup, nothing lost.";
    ScenariosNewer => "保存的方案来自更新的版本：此处只读，不会覆盖。", "The saved scenarios come from a newer version: shown read-only, never overwritten.";
    ScenarioKept => "方案“{name}”无法读取，已原样保留。", "Scenario “{name}” could not be read; it is kept as it was.";
    ScenarioRecovered => "方案“{name}”已恢复，以下字段无法读取（原记录在下次保存前另存备份）：{fields}", "Scenario “{name}” recovered; these fields could not be read (the record as it was is backed up before the next save): {fields}";
    // --- end issue 16 ---

    // --- issue 14 ---
    ChosenSample => "当前示例", "Current sample";
    WhatToShow => "演示要点", "What to show";
    SampleAsOf => "评估日期已设为 {date}，离开培训模式后恢复。", "Evaluated as of {date}; your own date comes back when you leave trainer mode.";
    ChooseSampleFirst => "先选一个示例案例：左边是假设切换，右边是实时结果。", "Choose a sample: what-if toggles on the left, live results on the right.";
    WhatIfKeys => "↑ ↓ 移动，回车或空格切换；改动只在示例中，不影响您自己的答案。", "↑ ↓ move, Enter or Space flips; changes stay in the sample, never in your own answers.";
    NotAnswered => "未作答", "not answered";
    JustChanged => "刚才的变化", "Just changed";
    TheNotice => "通知", "The notice";
    Preamble => "引言", "Preamble";
    ClosingParagraph => "末段", "Closing paragraph";
    CopiesTo => "抄送与印发", "Copies and printing";
    NoFullText => "本政策版本没有保存通知全文。", "This edition keeps no full text of the notice.";
    Contents => "目录", "Contents";
    SearchText => "在原文中搜索", "Search the original text";
    ArticleCount => "共 {n} 段条文。", "{n} articles and paragraphs.";
    SearchNone => "原文中没有“{q}”。", "The original text has no “{q}”.";
    SearchHits => "有 {n} 段包含“{q}”。", "{n} found containing “{q}”.";
    WidgetUses => "本条用于", "The widget uses this to ";
    ShowSample => "演示示例：{sample}", "Show the sample: {sample}";
    UseCondition => "判断", "check";
    UseMeasure => "测算", "work out";
    UseCap => "封顶", "cap";
    UseMaterial => "列出申报材料", "list the application material";
    UseStep => "说明程序", "explain the procedure";
    UseFormat => "给入驻机构分服务业态", "sort organisations by service format";
    UseNonDup => "处理就高从优、不重复享受", "apply the higher benefit with no double benefit";
    UseInfo => "作为说明展示", "show as information";
    UseValidity => "确定有效期", "set the period in force";
    NotYetPlain => "尚未满足期限", "not yet (period not complete)";
    GivenUpShort => "就高从优，让位", "given up (the higher benefit applies)";
    ExpectInForce => "政策在该日有效", "the policy is in force on that date";
    ExpectNotInForce => "政策在该日不在有效期内", "the policy is not in force on that date";
    GrantsTotal => "给机构的奖补合计", "grants to the organisation, in total";
    Blank => "（空白）", "(blank)";
    Empty => "（无）", "(none)";
    BaseParkPasses => "一个各项可量化条件都符合的示例园区", "a sample park meeting every measurable condition";
    BaseOrgAll => "一家各项条件都符合的示例机构", "a sample organisation meeting every condition";
    BaseOrgEmpty => "一家什么都还没回答的机构", "an organisation that has answered nothing yet";
    SelfTestAllPass => "本计算器用 {n} 个条文案例自检：全部通过", "This calculator checks itself against {n} cases drawn from the articles: all pass";
    SelfTestSomeFail => "本计算器用 {n} 个条文案例自检：{fail} 个未通过", "This calculator checks itself against {n} cases drawn from the articles: {fail} fail";
    SelfTestExplain => "每个案例是一句按条文写成的情形和它应得的结论；计算器每次打开时都用同一套计算重新核对。点开一个案例可以看到所用的输入。", "Each case is a situation written from an article with the answer it must get; the calculator re-checks them with the same engine each time it opens. Open a case to see the inputs used.";
    GroupCount => "{pass}/{n} 通过", "{pass} of {n} pass";
    CaseInputs => "所用输入", "Inputs used";

    // --- issue 10 (roster: table, template, 替换 / 追加) ---
    RosterTemplate => "下载花名册模板", "Download the roster template";
    RosterTemplateFile => "入驻机构花名册模板.xlsx", "roster-template.xlsx";
    RosterTemplateHint => "模板含全部列名和一行示例（导入时跳过示例行）。", "The template has every column and one example row (skipped when imported).";
    RosterAsk => "花名册中已有 {rows} 行，{name} 有 {new} 行。替换现有各行，还是追加？", "The roster has {rows} rows; {name} has {new}. Replace the rows there, or append?";
    RosterAskHint => "追加：统一社会信用代码相同的行合并为一行，以文件中填写的内容为准；其余行加在后面。替换：删去现有各行，只保留文件中的行。", "Append: rows with the same USCC become one row, with what the file gives; other rows are added at the end. Replace: the rows there are removed and only the file's rows are kept.";
    RosterReplace => "替换", "Replace";
    RosterAppend => "追加", "Append";
    RosterCancel => "取消", "Cancel";
    RosterCancelled => "未导入 {name}，花名册没有改动。", "{name} was not imported; the roster is unchanged.";
    RosterReplaced => "已用 {name} 替换花名册：原有 {old} 行，现为 {rows} 行。", "Replaced the roster with {name}: {old} rows before, {rows} now.";
    RosterAppended => "追加 {n} 行：新增 {added} 行，合并 {merged} 行（统一社会信用代码相同）。", "Appended {n} rows: {added} added, {merged} merged (same USCC).";
    RosterSkippedLine => "第 {row} 行未导入：{why}", "Row {row} not imported: {why}";
    RosterRowProblem => "第 {row} 行：{why}", "Row {row}: {why}";
    RosterFileTooLarge => "{name}：文件过大（{size}），最多 {max}。", "{name}: the file is too large ({size}); at most {max}.";
    RosterRowNo => "序号", "No.";
    RosterActions => "操作", "Actions";
    RemoveShort => "删除", "Remove";
    Required => "必填", "Required";
    // --- end issue 10 (roster) ---
    // --- issue 17 ---
    FullLoading => "正在载入培训和对比功能…", "Loading the trainer and the comparison…";
    FullFailed => "培训和对比功能未能载入（可能网络中断）。您填写的内容已保存，可返回首页继续填写，或刷新后重试。", "The trainer and the comparison did not load (the network may be down). What you entered is kept: go back to the start to go on, or reload to try again.";
    StartLoading => "正在加载…", "Loading…";
    // --- end issue 17 ---
    // --- issue 15 (Hui) ---
    RosterCellsDropped => "有 {n} 个单元格的内容不符合本政策版本的要求，未导入，已留空：{list}", "{n} cell(s) did not fit this edition's answers and were left empty: {list}";
    // --- end issue 15 (Hui) ---
    // --- review 6 (Hui2) ---
    RosterRowDropped => "导入的第 {row} 行（整行）", "imported row {row} (the whole row)";
    RosterNotImported => "{name} 中的行未加入花名册，原因见页面上方的提示。", "The rows of {name} were not added to the roster: the notice above says why.";
    // --- end review 6 (Hui2) ---
}

/// The colon after a label: full-width in Chinese, `: ` in English (issue 14: English chrome
/// uses English punctuation).
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    }
}

/// The string for `key` in `lang`.
pub fn tr(lang: Lang, key: Key) -> &'static str {
    let (zh, en) = pair(key);
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The string for `key` with `{name}` placeholders filled.
pub fn trf(lang: Lang, key: Key, args: &[(&str, &str)]) -> String {
    let mut s = tr(lang, key).to_string();
    for (name, value) in args {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}
