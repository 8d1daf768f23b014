// Walkthroughs (issue 10, "How it is tested"): one story per kind of user, told as what the
// person does — clicks where a person clicks (labels, buttons, tabs, links), types key by key,
// reads the visible text. Each story counts the questions it is shown and the clicks and keys it
// needs, prints them, runs axe-core on every screen it reaches and saves a screenshot of each
// (the viewport, as the person sees it). Both stories run again at 360 px (a phone).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { axe, launch, openPage, SCREENSHOT_DIR, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { await mkdir(SCREENSHOT_DIR, { recursive: true }); server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const PARK_ROSTER = fileURLToPath(new URL('../fixtures/walkthrough/park-roster-17.xlsx', import.meta.url));

/** The person at the keyboard: every click and key goes through here, so it can be counted. */
class Person {
  constructor(page, story) {
    this.page = page;
    this.story = story;
    this.clicks = 0;
    this.keys = 0;
    this.questions = new Map(); // step title → question labels shown there
    this.screens = 0;
  }
  w(sel) { return this.page.locator(`${W} ${sel}`).first(); }
  all(sel) { return this.page.locator(`${W} ${sel}`); }
  q(path) { return this.w(`[data-name=${JSON.stringify(path)}]`); }
  async click(locator) { this.clicks += 1; await locator.click(); }
  /** Clicks into the box and types key by key. */
  async type(locator, text) {
    await this.click(locator);
    this.keys += [...text].length;
    await locator.pressSequentially(text);
  }
  async typeInto(path, text) {
    const box = this.w(`[data-name=${JSON.stringify(path)}] input:not([type=checkbox]):not([type=radio])`);
    await this.type(box, text);
    assert.equal(await box.inputValue(), text, `${path} keeps every key typed`);
  }
  /** Picks 是 / 否 / 不清楚 (or an option) by clicking its label, as a person does. */
  async choose(path, label) {
    await this.click(this.q(path).locator('label.choice', { hasText: new RegExp(`^\\s*${label}\\s*$`) }).first());
  }
  async press(key) { this.keys += 1; await this.page.keyboard.press(key); }
  async typeKeys(text) { this.keys += [...text].length; await this.page.keyboard.type(text); }
  /** The questions the step shows now (a table counts once, not its cells; the per-measure
   *  是否已享受 flags count one each). */
  shownQuestions() {
    return this.all('.questions [data-name]').evaluateAll((qs) => qs
      .filter((q) => q.offsetParent !== null && !q.classList.contains('q-flags')
        && !q.parentElement.closest('.q-table'))
      .map((q) => (q.querySelector(':scope > legend, :scope > label, :scope > h3')?.textContent ?? q.dataset.name).trim()));
  }
  /** Adds what the step shows now to what it has shown (a follow-up that appears counts too). */
  async record() {
    if (!this.current) return [];
    const seen = this.questions.get(this.current) ?? [];
    const now = await this.shownQuestions();
    this.questions.set(this.current, [...seen, ...now.filter((q) => !seen.includes(q))]);
    return now;
  }
  /** The step now on screen: waits for its title, records the questions it shows. */
  async onStep(title) {
    await this.w(`.step-title:has-text("${title}")`).waitFor();
    this.current = title;
    return this.record();
  }
  async next(title) {
    await this.record();
    await this.click(this.w('button.next'));
    return this.onStep(title);
  }
  /** Follows the link of a headline item to the step that settles it. */
  async follow(rule, title) {
    await this.record();
    await this.click(this.w(`.headline ol.todo li[data-rule="${rule}"] button.goto`));
    return this.onStep(title);
  }
  async tab(title) {
    await this.record();
    await this.click(this.w(`nav.progress button.step-link:has-text("${title}")`));
    return this.onStep(title);
  }
  /** Every screen: axe-core finds nothing; a viewport screenshot of what the person sees. */
  async screen(name, { at = '.step-title' } = {}) {
    this.screens += 1;
    await this.w(at).scrollIntoViewIfNeeded();
    assert.deepEqual(await axe(this.page), [], `axe on ${name}`);
    await this.page.screenshot({ path: `${SCREENSHOT_DIR}walkthrough-${this.story}-${name}.png` });
  }
  asked() { return [...this.questions.values()].reduce((n, qs) => n + qs.length, 0); }
  /** One line for the test output (collected by the report). */
  tally(t, when = 'whole story') {
    const line = `${this.story} (${when}): ${this.asked()} questions shown in ${this.questions.size} steps; `
      + `${this.clicks} clicks, ${this.keys} keys; ${this.screens} screens checked by axe`;
    t.diagnostic(line);
    console.log(`[walkthrough] ${line}`);
    for (const [step, qs] of this.questions) console.log(`[walkthrough]   ${step}: ${qs.length} — ${qs.join(' | ')}`);
  }
  /** The shadow root's focused field (its question's data-name), or the element's id. */
  focused() {
    return this.page.evaluate(() => {
      const a = document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement;
      return a ? (a.closest('[data-name]')?.dataset.name ?? a.id ?? a.tagName) : null;
    });
  }
  async waitFocus(path) {
    await this.page.waitForFunction((p) => document.querySelector('hrs-policy-widget#widget').shadowRoot
      .activeElement?.closest('[data-name]')?.dataset.name === p, path);
  }
  headline() { return this.w('.headline-text').textContent(); }
  todo() {
    return this.all('.headline ol.todo li').evaluateAll((ls) => ls.map((l) => ({
      rule: l.dataset.rule, verdict: l.dataset.verdict, text: l.textContent.replace(/\s+/g, ' ').trim(),
    })));
  }
  /** Sets the as-of date in the header the way a person does: click the box, type the digits. */
  async asOf(mmddyyyy) {
    // At its left edge: the first segment (month, in this headless Chromium's en-US order).
    this.clicks += 1;
    await this.w('.policy-header input[type=date]').click({ position: { x: 6, y: 8 } });
    await this.typeKeys(mmddyyyy);
    await this.press('Tab');
  }
}

/** Not-met items first, then the ones to confirm. */
function assertOrder(items) {
  const rank = { not_met: 0, unknown: 1, review: 1 };
  const ranks = items.map((i) => rank[i.verdict] ?? 2);
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), `items in order: ${JSON.stringify(items.map((i) => i.verdict))}`);
}

// The five firms the officer types in by hand (the other 17 come from the district's workbook).
const TYPED_FIRMS = [
  ['包头英才人力资源有限公司', '91150203MA13G2W590', '中高端服务', '1350万', '招聘、猎头'],
  ['包头市就业通人力资源服务有限公司', '91150203MA14J8X16M', '传统服务', '720万', '职业介绍、人事代理'],
  ['包头新程灵活用工有限公司', '91150204MA15L3Y61D', '新业态', '480万', '灵活用工'],
  ['包头北斗人才测评有限公司', '91150203MA16N5A90X', '中高端服务', '560万', '人才测评'],
  ['包头金桥劳务合作有限公司', '91150202MA17Q7B49C', '劳务协作', '910万', '跨省劳务协作'],
];

async function parkStory(t, viewport) {
  const small = viewport.width < 600;
  const page = await openPage(browser, `${server.url}index.html`, { viewport });
  const me = new Person(page, `park-${viewport.width}`);
  await widgetReady(page);
  // 王科长, 昆都仑区人社局, pre-screens the district's park before it applies. The check is as of
  // 30 September 2024, inside the notice's window.
  await me.asOf('09302024');
  await me.click(me.w('button[data-flow="park"]'));
  await me.onStep('基本信息');
  await me.typeInto('park.name', '昆都仑区人力资源服务产业园');
  await me.typeInto('park.district', '昆都仑区');
  await me.typeInto('park.applicant_government', '昆都仑区人民政府');
  await me.typeInto('park.contact_person', '王明');
  await me.typeInto('park.contact_phone', '0472-5123456');
  await me.screen('1-basics');

  // 资格限制: never cancelled, so the date of a cancellation is not asked.
  await me.next('资格限制');
  await me.choose('park.previously_cancelled', '否');
  assert.equal(await me.all('[data-name="park.cancelled_on"]').count(), 0);
  assert.equal(await me.all('.questions :text("取消资格日期")').count(), 0, '取消资格日期 is not asked');
  await me.screen('2-cancelled');

  // 规划方案: a planning report that covers all five topics, in line with the city's plan.
  await me.next('规划方案');
  await me.choose('park.plan_report', '是');
  for (const topic of ['发展目标', '功能布局', '服务体系', '运营模式', '发展规划']) {
    await me.choose('park.plan_report_topics', topic);
  }
  await me.choose('park.fits_city_planning', '是');
  await me.screen('3-plan');

  // 建筑面积: the officer remembers "about 2,800 m²" — short of 3,000, and the screen says so.
  await me.next('建筑面积');
  await me.typeInto('park.investor', '包头市昆都仑区城市建设投资有限公司');
  await me.choose('park.physically_concentrated', '是');
  await me.typeInto('park.floor_area_m2', '2800平方米');
  assert.equal((await me.q('park.floor_area_m2').locator('.readback').textContent()).trim(), '= 2,800 平方米');
  await me.choose('park.supporting_services', '是');
  await me.screen('4-area');

  // 集聚规模: first the template, to send to the firms that are not in the district's workbook …
  await me.next('集聚规模');
  const template = page.waitForEvent('download');
  await me.click(me.w('button[data-action="roster-template"]'));
  assert.equal((await template).suggestedFilename(), '入驻机构花名册模板.xlsx');
  // … then five firms typed by hand, row by row …
  for (const [i, [name, code, format, revenue, business]] of TYPED_FIRMS.entries()) {
    await me.click(me.w('button.add-row'));
    const row = `park.roster[${i}]`;
    await me.typeInto(`${row}.name`, name);
    await me.typeInto(`${row}.uscc`, code);
    await me.click(me.q(`${row}.service_format`).locator('select'));
    await me.q(`${row}.service_format`).locator('select').selectOption({ label: format });
    await me.choose(`${row}.hr_service_firm`, '是');
    await me.choose(`${row}.hr_licence`, '是');
    await me.typeInto(`${row}.revenue_yuan`, revenue);
    await me.typeInto(`${row}.main_business`, business);
    assert.equal(await me.q(`${row}.uscc`).locator('.field-error').textContent(), '', `${code} passes the check`);
  }
  assert.equal(await me.w('.roster-counts').textContent(), '花名册 5 行 · 人力资源服务企业 5 家 · 服务业态 4 种');
  // Each code he typed is wholly visible in its box (on the wide table as on the phone's cards).
  for (const i of TYPED_FIRMS.keys()) {
    const box = me.q(`park.roster[${i}].uscc`).locator('input');
    assert.ok(await box.evaluate((b) => b.scrollWidth <= b.clientWidth), `row ${i + 1}: the whole 统一社会信用代码 shows`);
  }
  await me.screen('5-roster-typed', { at: '.roster-counts' });
  // … and the other 17 from the workbook the district keeps (a title line above the header).
  const chooser = page.waitForEvent('filechooser');
  await me.click(me.w('.roster-import label.file-button'));
  await (await chooser).setFiles(PARK_ROSTER);
  // The roster has the 5 typed rows: the widget asks 替换 / 追加; he appends.
  await me.w('.roster-ask').waitFor({ timeout: 30000 });
  assert.match(await me.w('.roster-ask-question').textContent(), /花名册中已有 5 行，.* 有 17 行。替换现有各行，还是追加？/);
  await me.click(me.w('button[data-action="roster-append"]'));
  await me.w('.import-report[data-rows="17"]').waitFor({ timeout: 30000 });
  assert.match(await me.w('.import-report .import-headline').textContent(), /^追加 17 行：新增 17 行，合并 0 行（统一社会信用代码相同）。$/);
  assert.match(await me.w('.import-report').textContent(), /第 1 行未导入：.*标题/);
  // The rows he typed still read as he typed them.
  assert.equal(await me.q('park.roster[0].revenue_yuan').locator('input[type=text]').inputValue(), '1350万');
  // 22 firms, of which 3 are 上下游服务 without an HR-service licence: 19 count, one short.
  assert.equal(await me.w('.roster-counts').textContent(), '花名册 22 行 · 人力资源服务企业 19 家 · 服务业态 6 种');
  await me.screen('6-roster-imported', { at: '.import-report' });
  await me.typeInto('park.revenue_year', '2024');
  assert.equal(await me.q('park.revenue_year').locator('.unit').count(), 0, 'a year has no unit (was "2024 个")');
  await me.typeInto('park.revenue_this_year_yuan', '1.2亿');
  await me.typeInto('park.revenue_last_year_yuan', '9,800万');
  await me.choose('park.complete_service_chain', '是');
  await me.screen('7-revenue', { at: '[data-name="park.revenue_this_year_yuan"]' });

  // 运营管理: the operator and its site; whether the site is kept up to date, he cannot say.
  await me.next('运营管理');
  await me.typeInto('park.operator_name', '包头鹿城产业园运营管理有限公司');
  await me.choose('park.operating_rules', '是');
  await me.typeInto('park.platform_url', 'https://hrpark.kdl.example.cn');
  await me.choose('park.platform_active', '不清楚');
  await me.screen('8-operation');

  await me.next('扶持政策');
  await me.typeInto('park.district_policy_document', '昆都仑区支持人力资源服务业发展若干措施');
  await me.choose('park.in_district_plan', '是');
  await me.screen('9-policy');

  await me.next('经济社会效益');
  await me.typeInto('park.events_held', '12场');
  await me.typeInto('park.notable_firms', '3家');
  await me.choose('park.social_benefits', '是');
  await me.screen('10-benefits');

  await me.next('申报材料');
  await me.screen('11-materials');

  // The results: one sentence first, the not-met items, then the ones to confirm.
  await me.next('结果与导出');
  const before = await me.headline();
  assert.equal(before, '暂不具备申报条件：2 项不符合、1 项待确认。');
  const items = await me.todo();
  assertOrder(items);
  assert.deepEqual(items.map((i) => i.rule), ['park.4.2.area', 'park.4.3.firms', 'park.4.4.active']);
  assert.match(items[0].text, /不符合.*《管理办法》第四条（二）.*建筑总面积不低于 3000 平方米.*还差 200 平方米/);
  assert.match(items[1].text, /不符合.*《管理办法》第四条（三）.*人力资源服务企业不少于 20 个/);
  assert.match(items[2].text, /待确认.*《管理办法》第四条（四）.*平台是否保持活跃并及时更新/);
  await me.screen('12-results', { at: '.headline' });
  me.tally(t, 'to the results');

  // He checks the property certificate: 3,200 m². The item's link opens 建筑面积 with the cursor
  // in the floor-area box; he types the figure and the headline changes at once.
  await me.follow('park.4.2.area', '建筑面积');
  await me.waitFocus('park.floor_area_m2');
  await me.press('Control+A');
  await me.typeKeys('3200');
  assert.equal(await me.q('park.floor_area_m2').locator('input[type=text]').inputValue(), '3200');
  assert.equal(await me.headline(), '暂不具备申报条件：1 项不符合、1 项待确认。');
  await me.screen('13-area-fixed', { at: '[data-name="park.floor_area_m2"]' });

  // The roster's link opens 集聚规模 at the roster.
  await me.follow('park.4.3.firms', '集聚规模');
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .activeElement?.closest('[data-name]')?.dataset.name?.startsWith('park.roster'));
  // The district mails its workbook again; he imports it once more and appends: the 17 firms
  // are merged by their 统一社会信用代码, not doubled.
  const again = page.waitForEvent('filechooser');
  await me.click(me.w('.roster-import label.file-button'));
  await (await again).setFiles(PARK_ROSTER);
  await me.w('.roster-ask').waitFor({ timeout: 30000 });
  assert.match(await me.w('.roster-ask-question').textContent(), /花名册中已有 22 行/);
  await me.click(me.w('button[data-action="roster-append"]'));
  await me.w('.import-headline').filter({ hasText: '合并 17 行' }).waitFor({ timeout: 30000 });
  assert.equal(await me.w('.roster-counts').textContent(), '花名册 22 行 · 人力资源服务企业 19 家 · 服务业态 6 种');
  assert.equal(await me.headline(), '暂不具备申报条件：1 项不符合、1 项待确认。');
  await me.screen('13b-reimported', { at: '.import-report' });

  // He phones the operator: the site is updated weekly. The link puts the cursor on the
  // question; he answers with the keyboard (Space picks the focused 是).
  await me.follow('park.4.4.active', '运营管理');
  await me.waitFocus('park.platform_active');
  await me.press('Space');
  assert.ok(await me.q('park.platform_active').locator('input[value="yes"]').isChecked());
  assert.equal(await me.headline(), '暂不具备申报条件：1 项不符合。');
  const last = await me.todo();
  assert.deepEqual(last.map((i) => i.rule), ['park.4.3.firms'], 'only the firm count is left');
  // Tabs: 集聚规模 is marked as not met.
  assert.equal(await me.w('nav.progress button.step-link:has-text("集聚规模")').getAttribute('data-mark'), 'bad');
  await me.screen('14-one-left', { at: small ? '.headline' : 'nav.progress' });
  assert.deepEqual(page.errors, []);
  me.tally(t);
  await page.context().close();
  return me;
}

test('park walkthrough: a district officer pre-screens a 22-firm park (5 typed, 17 imported)', async (t) => {
  await parkStory(t, { width: 1100, height: 900 });
});

test('park walkthrough at 360 px', async (t) => {
  await parkStory(t, { width: 360, height: 740 });
});

// The three people the agency placed with Baotou employers (第七条).
const PLACEMENTS = [
  ['李娜', '包头钢铁（集团）有限责任公司', '03012023', '36'],
  ['赵磊', '内蒙古北方重工业集团有限公司', '07152023', '24'],
  ['孙悦', '包头稀土研究院', '01082024', '12个月'],
];

async function agencyStory(t, viewport) {
  const small = viewport.width < 600;
  const page = await openPage(browser, `${server.url}index.html`, { viewport });
  const me = new Person(page, `agency-${viewport.width}`);
  await widgetReady(page);
  // 刘经理 runs the Baotou company of a national HR group on the 人力资源服务机构100强 list,
  // brought to the city by the district's investment promotion. She checks, as of 30 September
  // 2024, what the Ten Measures could give the company.
  await me.asOf('09302024');
  await me.click(me.w('button[data-flow="organisation"]'));
  await me.onStep('基本信息');
  await me.choose('organisation.hr_service_organisation', '是');
  await me.typeInto('organisation.name', '北方英才人力资源服务（包头）有限公司');
  await me.typeInto('organisation.uscc', '91150203MA18R1C29D');
  await me.typeInto('organisation.district', '昆都仑区');
  await me.choose('organisation.registered_in_city', '是');
  await me.choose('organisation.foreign_invested', '否');
  await me.screen('1-basics');

  // 第二条: the office is in a tower downtown, not in a park — nothing more is asked.
  await me.next('财力贡献奖补');
  await me.choose('organisation.resident_in_park', '否');
  assert.equal(await me.all('[data-name="organisation.district_has_contribution_policy"]').count(), 0);
  assert.equal(await me.all('[data-name="organisation.city_retained_contribution_yuan"]').count(), 0);
  await me.screen('2-park');

  // 第三条: on the list, 6,800 万元 revenue, in the city since March 2023. Not a regional
  // backbone or model firm, so the headquarters question is not asked.
  await me.next('知名机构入驻');
  await me.choose('organisation.attracted_by_investment_promotion', '是');
  await me.choose('organisation.on_national_list', '是');
  await me.typeInto('organisation.revenue_yuan', '6800万');
  assert.equal((await me.q('organisation.revenue_yuan').locator('.readback').textContent()).trim(), '= 68,000,000.00 元 / 6800 万元');
  me.clicks += 1;
  await me.q('organisation.operating_since').locator('input[type=date]').click({ position: { x: 6, y: 8 } });
  await me.typeKeys('03012023');
  await me.choose('organisation.outstanding_job_creation', '是');
  await me.choose('organisation.regional_backbone_or_integrity', '否');
  assert.equal(await me.all('[data-name="organisation.headquarters_in_city"]').count(), 0, '总部 is not asked');
  await me.typeInto('organisation.local_contribution_two_years_yuan', '260万');
  await me.screen('3-arrival');

  await me.next('评优奖励');
  await me.choose('organisation.top10_listed', '否');
  await me.choose('organisation.national_integrity_title', '否');
  await me.screen('4-honours');

  await me.next('行业交流活动');
  await me.choose('organisation.hosts_industry_events', '否');
  await me.screen('5-events');

  // 第六条: a group's company, not founded by a person, not small: no loan follow-ups — and
  // none before she answers the two gates either.
  await me.next('创业贷款');
  assert.equal(await me.all('[data-name="organisation.meets_startup_loan_conditions"]').count(), 0);
  assert.equal(await me.all('[data-name="organisation.applies_guarantee_loan"]').count(), 0);
  await me.choose('organisation.founded_by_individual', '否');
  await me.choose('organisation.small_or_micro', '否');
  assert.equal(await me.all('[data-name="organisation.meets_startup_loan_conditions"]').count(), 0);
  assert.equal(await me.all('[data-name="organisation.applies_guarantee_loan"]').count(), 0);
  await me.screen('6-loans');

  // 第七条: three placements, each with its contract.
  await me.next('招才引智');
  await me.choose('organisation.has_placements', '是');
  for (const [i, [talent, employer, start, months]] of PLACEMENTS.entries()) {
    await me.click(me.q('organisation.placements').locator('button.add-row'));
    const row = `organisation.placements[${i}]`;
    await me.typeInto(`${row}.talent`, talent);
    await me.typeInto(`${row}.employer`, employer);
    await me.choose(`${row}.employer_in_city`, '是');
    me.clicks += 1;
    await me.q(`${row}.contract_start`).locator('input[type=date]').click({ position: { x: 6, y: 8 } });
    await me.typeKeys(start);
    await me.typeInto(`${row}.contract_months`, months);
  }
  await me.screen('7-placements', { at: '[data-name="organisation.placements"]' });

  await me.next('从业人员培养');
  await me.choose('organisation.trains_practitioners', '否');
  await me.screen('8-training');

  // 第九条: no high-level talents: "没有" settles it, the talent questions go away.
  await me.next('高层次人才');
  await me.choose('organisation.has_talents', '否');
  for (const p of ['organisation.founded_high_tech_enterprise', 'organisation.tax_last_year_yuan', 'organisation.talents']) {
    assert.equal(await me.all(`[data-name=${JSON.stringify(p)}]`).count(), 0, `${p} is not asked after 否`);
  }
  await me.screen('9-talents');

  await me.next('就业补贴');
  await me.choose('organisation.hires_hard_to_employ_or_graduates', '否');
  await me.choose('organisation.provides_employment_services', '否');
  await me.choose('organisation.other_employment_awards', '否');
  await me.screen('10-employment');

  // 同类政策: asked only for the measures that could pay (第三条 brand award, 第七条).
  const flags = await me.next('同类政策');
  assert.deepEqual(flags, ['《十项措施》第三条 知名品牌入驻奖励', '《十项措施》第七条 招才引智奖补']);
  for (const flag of await me.all('.q-flags [data-name]').evaluateAll((qs) => qs.map((q) => q.dataset.name))) {
    await me.choose(flag, '否');
  }
  await me.screen('11-nodup');

  // The results: what the company can get now, as a range; each measure's amount a range too.
  await me.next('结果与导出');
  assert.equal(await me.headline(), '现可享受 15–70 万元（奖补，给机构）。');
  assert.deepEqual(await me.todo(), [], 'nothing left to confirm');
  const amounts = await me.all('table.amounts tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].map((c) => c.innerText.replace(/\s+/g, ' ').trim()).join(' | ')));
  assert.match(amounts[0], /^第三条 知名品牌入驻奖励 可享受 \| 奖补资金 \| 10–20 万元（100,000\.00–200,000\.00 元） \| 计入合计$/);
  assert.match(amounts[1], /^第七条 招才引智奖补 可享受 \| 奖补资金 \| 5–50 万元（50,000\.00–500,000\.00 元） \| 计入合计$/);
  // 第二条's card does not ask for the park follow-ups she was never shown.
  assert.doesNotMatch(await me.w('.measure[data-measure="measures.2"]').innerText(), /需回答：属地是否出台经济贡献支持政策/);
  // Only one of 第三条's two awards is possible: nothing to weigh.
  assert.match(await me.w('.nondup li[data-group="nodup.measures.3"]').innerText(), /只有“知名品牌入驻奖励”可能适用/);
  await me.screen('12-results', { at: '.headline' });
  await me.screen('13-amounts', { at: 'table.amounts' });
  me.tally(t, 'to the results');

  // She remembers the company was named a 自治区级人力资源诚信服务示范企业 this year, and goes
  // back to 第三条: now the headquarters question is asked; the head office is in Baotou.
  await me.tab('知名机构入驻');
  await me.choose('organisation.regional_backbone_or_integrity', '是');
  await me.q('organisation.headquarters_in_city').waitFor();
  await me.choose('organisation.headquarters_in_city', '是');
  await me.record();
  await me.screen('14-headquarters', { at: '[data-name="organisation.headquarters_in_city"]' });
  // Both 第三条 awards are now possible; only the higher one counts, and the results say why.
  await me.tab('结果与导出');
  const nondup = me.w('.nondup li[data-group]');
  await nondup.scrollIntoViewIfNeeded();
  const why = (await nondup.textContent()).replace(/\s+/g, ' ');
  assert.match(why, /就高从优/);
  // The core's sentence, with the numbers (issue 10 item 6).
  assert.match(why, /第三条两项奖励只能拿一项，按金额高的算：知名品牌入驻奖励 10–20 万元 高于 自治区级骨干或诚信示范企业总部入驻补贴 10 万元，所以计入前者。/);
  assert.match(await me.headline(), /^现可享受 15–70 万元（奖补，给机构）/, 'the total does not double');
  await me.screen('15-higher-benefit', { at: '.nondup' });
  assert.deepEqual(page.errors, []);
  me.tally(t);
  await page.context().close();
  return me;
}

test('agency walkthrough: an HR agency on the 100强 list with 3 placements', async (t) => {
  await agencyStory(t, { width: 1100, height: 900 });
});

test('agency walkthrough at 360 px', async (t) => {
  await agencyStory(t, { width: 360, height: 740 });
});
