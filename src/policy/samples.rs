//! The trainer's sample cases: answers files kept beside the edition (`examples/`), each told as a
//! one-line story with a hint of what to show the room and the date it is told at. Pure data, so
//! native tests check that every story is true (tests/samples.rs); the trainer view shows them.

/// A text in the two languages of the widget, for the trainer's own content.
pub type Pair = (&'static str, &'static str);

/// A sample case: an answers file kept beside the edition, told as a one-line story.
pub struct Sample {
    pub id: &'static str,
    pub title: Pair,
    /// One line a trainer can read out: who, what, and what the widget makes of it.
    pub story: Pair,
    /// What to show the room with this sample (which toggle to flip, what to point at).
    pub show: Pair,
    /// The evaluation date the story is told at (set when the sample is chosen).
    pub as_of: &'static str,
    /// The rules the sample demonstrates (rule ids or their prefixes): the article browser
    /// offers the sample beside the clauses these rules cite.
    pub rules: &'static [&'static str],
    pub json: &'static str,
}

/// The sample cases, as answers files kept beside the edition.
pub const SAMPLES: &[Sample] = &[
    Sample {
        id: "park-passes",
        title: ("符合条件的产业园", "A park that passes"),
        story: (
            "一个 5200 平方米的园区，20 家人力资源服务企业，年营业收入 1.25 亿元：可量化的条件全部符合，其余交评审判断。",
            "A 5,200 m² park with 20 HR-service firms and CNY 125,000,000 revenue: every measurable condition is met; the rest is for the reviewers.",
        ),
        show: (
            "把“产业链完整”切换为否：第四条（三）立即变为不符合，并高亮显示。",
            "Flip “complete service chain” to no: 第四条(三) turns to not met at once and is highlighted.",
        ),
        as_of: "2024-09-30",
        rules: &["park.4.", "park.5."],
        json: include_str!("examples/park-passes.json"),
    },
    Sample {
        id: "park-one-firm-short",
        title: ("差一家企业的产业园", "A park one firm short"),
        story: (
            "花名册上只有 19 家人力资源服务企业：第四条（三）差 1 家，计算器写明还差多少。",
            "Only 19 HR-service firms on the roster: 第四条(三) is one short, and the widget says how many are missing.",
        ),
        show: (
            "指出“还需要”一行：差 1 家。第四条开头的“原则上”说明这是评审的重要依据，而非自动否决。",
            "Point at “What it would take”: one more firm. 第四条 opens with “in principle”: a serious finding for the reviewers, not an automatic bar.",
        ),
        as_of: "2024-09-30",
        rules: &["park.4.3.firms"],
        json: include_str!("examples/park-one-firm-short.json"),
    },
    Sample {
        id: "park-upstream-firm",
        title: ("花名册里有上下游企业", "An up/downstream firm on the roster"),
        story: (
            "花名册上报了 20 家人力资源服务企业，其中一家是法务咨询公司（上下游业态），没有人力资源服务许可或备案：不计入，只算 19 家。",
            "The roster reports 20 HR-service firms, one of them a legal consultancy (an up/downstream format) with no HR-service licence or filing: it does not count, so 19 do.",
        ),
        show: (
            "指出第四条（三）的计数“19 家可核验”：法务咨询、财务审计、信息软件是《行动方案》二（六）的上下游业态；持有许可或备案的才计入，并由评审核实。",
            "Point at 第四条(三)'s count of 19 verifiable firms: legal, audit and software firms are the up/downstream formats of the Action Plan 二(六); they count only with a licence or filing, and then for the reviewers to check.",
        ),
        as_of: "2024-09-30",
        rules: &["park.4.3.firms", "up_downstream"],
        json: include_str!("examples/park-upstream-firm.json"),
    },
    Sample {
        id: "park-fails-two",
        title: ("两项条件不符合的产业园", "A park failing two conditions"),
        story: (
            "建筑面积 2800 平方米、只有 18 家人力资源服务企业：第四条（二）和（三）不符合，各自写明差距。",
            "2,800 m² and 18 HR-service firms: 第四条(二) and (三) are not met, each with its gap.",
        ),
        show: (
            "在右侧找到两张“不符合”的卡片；把建筑面积改成 3000：第四条（二）变为符合（“不低于”含本数）。",
            "Find the two “not met” cards; change the floor area to 3000: 第四条(二) is met (“不低于” includes the number).",
        ),
        as_of: "2024-09-30",
        rules: &["park.4.2.area"],
        json: include_str!("examples/park-fails-two.json"),
    },
    Sample {
        id: "park-cancelled",
        title: ("被取消资格的产业园", "A park whose status was cancelled"),
        story: (
            "2023-06-30 因连续两次考核不合格被取消市级产业园资格：三年内不予重新认定，到 2026-06-30（含）仍受限。",
            "Its status was cancelled on 2023-06-30 after two failed evaluations in a row: it cannot be certified again for three years; still barred on 2026-06-30.",
        ),
        show: (
            "把评估日期改为 2026-06-30：仍受限（期间最后一日）；改为 2026-07-01：限制结束。",
            "Set the evaluation date to 2026-06-30: still barred (the period's last day); to 2026-07-01: the bar is over.",
        ),
        as_of: "2024-09-30",
        rules: &["park.9."],
        json: include_str!("examples/park-cancelled.json"),
    },
    Sample {
        id: "organisation-capped",
        title: ("奖励受财力贡献上限限制", "A top-100 firm capped by its fiscal contribution"),
        story: (
            "一家百强企业招商入驻，两年地方财力贡献只有 12.65 万元：10–20 万元的奖励被压到 10–12.65 万元。",
            "A top-100 firm arrives through investment promotion; its two-year local fiscal contribution is CNY 126,500: the CNY 100,000–200,000 award is capped to CNY 100,000–126,500.",
        ),
        show: (
            "指出金额表里的“已按上限调整”，再说明奖励不超过企业两年内对地方财力的贡献总额。",
            "Point at “capped” in the amounts table: the award never exceeds the firm's two-year local fiscal contribution.",
        ),
        as_of: "2024-09-30",
        rules: &["measures.3.brand", "measures.2"],
        json: include_str!("examples/organisation-capped.json"),
    },
    Sample {
        id: "organisation-both-branches",
        title: ("第三条两种情形都符合", "Both branches of 第三条"),
        story: (
            "一家企业既是百强招商企业，又是自治区级骨干企业并在包头设总部：就高从优，只发 10–20 万元的品牌入驻奖励。",
            "A firm is both a top-100 arrival and a regional backbone firm with its headquarters here: the higher benefit applies, only the CNY 100,000–200,000 brand award is paid.",
        ),
        show: (
            "指出“就高从优：让位于……”：10 万元的总部补贴不再计入合计。",
            "Point at “Higher benefit applies: given up for …”: the CNY 100,000 headquarters subsidy is not added to the total.",
        ),
        as_of: "2024-09-30",
        rules: &["measures.3.", "nodup."],
        json: include_str!("examples/organisation-both-branches.json"),
    },
    Sample {
        id: "organisation-loan-and-grant",
        title: ("贷款与奖补并列", "A loan next to a grant"),
        story: (
            "个人创办的机构获评全市 10 强：5 万元奖补计入合计，20–50 万元创业贷款要还，不计入奖补。",
            "A founder's firm is on the city's top-10 list: the CNY 50,000 award counts; the CNY 200,000–500,000 start-up loan must be repaid and is not added to grants.",
        ),
        show: (
            "比较合计中的“奖补资金”和“贷款”两行：贷款永远不加进奖补。",
            "Compare the “Grant” and “Loan” lines of the totals: a loan is never added to grants.",
        ),
        as_of: "2024-09-30",
        rules: &["measures.6.", "measures.4.top10"],
        json: include_str!("examples/organisation-loan-and-grant.json"),
    },
    Sample {
        id: "organisation-placement-agency",
        title: ("招才引智的职业介绍机构", "A placement agency (第七条)"),
        story: (
            "一家猎头机构推荐的人才签了 1 年以上合同并工作满 6 个月：第七条给 5–50 万元，按贡献评估，不按人数相乘。",
            "A headhunter's placements signed contracts of a year or more and worked six months: 第七条 gives CNY 50,000–500,000 by contribution, never multiplied per person.",
        ),
        show: (
            "展开第七条的逐项名单，再说明原文没有“每人”：金额是一个区间。",
            "Open 第七条's list of placements: the text never says “per person”, so the amount is one range.",
        ),
        as_of: "2024-09-30",
        rules: &["measures.7."],
        json: include_str!("examples/organisation-placement-agency.json"),
    },
    Sample {
        id: "organisation-after-expiry",
        title: ("政策已失效的日期", "The policy expired on the chosen date"),
        story: (
            "2026-01-15 评估一家全市 10 强机构：政策已于 2025-12-31 失效，结果照算，但只作历史核对和培训参考。",
            "A top-10 organisation evaluated on 2026-01-15: the policy ended on 2025-12-31; results are still worked out, for historical checks and training only.",
        ),
        show: (
            "指出顶部和结果上方的“已失效”提示；把评估日期改回 2025-12-31：政策有效（有效期含当天）。",
            "Point at the “no longer in force” banners; set the date back to 2025-12-31: in force (the last day counts).",
        ),
        as_of: "2026-01-15",
        rules: &["validity"],
        json: include_str!("examples/organisation-after-expiry.json"),
    },
];

/// The sample with this id.
pub fn sample(id: &str) -> Option<&'static Sample> {
    SAMPLES.iter().find(|s| s.id == id)
}
