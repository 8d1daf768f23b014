// The wizard in a real browser: both flows with typing and clicks, bad input at the field,
// reload and resume, corrupt saved state, share link round trip, export / import, language
// switch, trainer samples and self-test, keyboard-only use, narrow screens, iframe, two widgets.
// axe-core must report 0 violations on every screen visited; screenshots of each main screen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { axe, launch, openPage, screenshot, startServer, widgetReady, retype } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const verdict = (page, rule) => w(page, `li.condition[data-rule="${rule}"]`).getAttribute('data-verdict');
async function noAxe(page, where) {
  const v = await axe(page);
  assert.deepEqual(v, [], `axe violations on ${where}: ${JSON.stringify(v)}`);
}
async function goToStep(page, title) {
  await w(page, `nav.progress button.step-link:has-text("${title}")`).click();
  await w(page, `.step-title:has-text("${title}")`).waitFor();
}

test('park flow: every step passes axe; area input validates at the field and drives 第四条(二)', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await noAxe(page, 'start');
  await screenshot(page, 'wizard-start');
  await w(page, 'button[data-flow="park"]').click();
  const total = await page.locator(`${W} nav.progress li`).count();
  assert.equal(total, 10);
  for (let i = 0; i < total; i++) {
    await w(page, `nav.progress li:nth-child(${i + 1}) button`).click();
    await page.waitForFunction((n) => document.querySelector('hrs-policy-widget#widget').shadowRoot
      .querySelector('.wizard')?.dataset.step === String(n), i);
    await noAxe(page, `park step ${i + 1}`);
    await screenshot(page, `wizard-park-step-${i + 1}`);
  }
  await goToStep(page, '建筑面积');
  const area = w(page, '[data-name="park.floor_area_m2"] input[type=text]');
  assert.equal(await verdict(page, 'park.4.2.area'), 'unknown');
  await retype(area, '三千');
  await w(page, '[data-name="park.floor_area_m2"] .field-error').waitFor();
  assert.equal(await area.getAttribute('aria-invalid'), 'true');
  assert.match(await w(page, '[data-name="park.floor_area_m2"] .field-error').textContent(), /请输入数字/);
  assert.equal(await verdict(page, 'park.4.2.area'), 'unknown', 'bad input is unknown, never zero');
  await retype(area, '-5');
  assert.match(await w(page, '[data-name="park.floor_area_m2"] .field-error').textContent(), /不能为负数/);
  await retype(area, '2,999');
  assert.equal(await verdict(page, 'park.4.2.area'), 'not_met');
  assert.match(await w(page, 'li.condition[data-rule="park.4.2.area"] .gap').textContent(), /1/);
  await retype(area, '3000');
  assert.equal(await verdict(page, 'park.4.2.area'), 'met', '不低于 includes the number');
  await w(page, '[data-name="park.floor_area_m2"] input[type=checkbox]').check();
  assert.equal(await verdict(page, 'park.4.2.area'), 'unknown', "don't know is its own answer");
  assert.ok(await area.isDisabled());
  await noAxe(page, 'park step with error');
  // The citation expands to the original sentence.
  await w(page, 'li.condition[data-rule="park.4.2.area"] details.citation summary').click();
  assert.match(await w(page, 'li.condition[data-rule="park.4.2.area"] blockquote').textContent(), /3000平方米/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('roster: add, check 统一社会信用代码 at the field, live counts, remove', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await goToStep(page, '集聚规模');
  await w(page, 'button.add-row').click();
  await retype(w(page, '[data-name="park.roster[0].name"] input'), '包头某人力资源公司');
  await retype(w(page, '[data-name="park.roster[0].uscc"] input'), '91150200MA01662990');
  await w(page, '[data-name="park.roster[0].hr_service_firm"] input[value="yes"]').check();
  await w(page, '[data-name="park.roster[0].uscc"] .field-error').waitFor();
  await retype(w(page, '[data-name="park.roster[0].uscc"] input'), '91150200MA01662999');
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .querySelector('[data-name="park.roster[0].uscc"] .field-error')?.textContent === '');
  assert.match(await w(page, '.roster-counts').textContent(), /1 行.*人力资源服务企业 1 家/);
  const gap = await w(page, 'li.condition[data-rule="park.4.3.firms"] .gap').textContent();
  assert.match(gap, /19/, 'what it would take: 19 more firms');
  await noAxe(page, 'roster');
  await screenshot(page, 'wizard-park-roster');
  await w(page, 'button.remove-row').click();
  assert.equal(await page.locator(`${W} .table-row`).count(), 0);
  // Long rosters are paged, 25 rows at a time; a new row shows on the last page.
  for (let i = 0; i < 26; i++) await w(page, 'button.add-row').click();
  assert.equal(await page.locator(`${W} .table-row`).count(), 1);
  assert.match(await w(page, '.page-of').textContent(), /第 26–26 行，共 26 行/);
  await w(page, 'button.page-prev').click();
  assert.equal(await page.locator(`${W} .table-row`).count(), 25);
  await noAxe(page, 'paged roster');
  await page.context().close();
});

test('reload resumes where the user was, keeping typed text; corrupt saved state recovers', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await goToStep(page, '建筑面积');
  await retype(w(page, '[data-name="park.floor_area_m2"] input[type=text]'), '3500');
  await retype(w(page, '[data-name="park.investor"] input'), '包头市某投资公司');
  await goToStep(page, '集聚规模');
  await retype(w(page, '[data-name="park.revenue_this_year_yuan"] input[type=text]'), '约1亿');
  await page.reload();
  await widgetReady(page);
  await w(page, '.step-title:has-text("集聚规模")').waitFor();
  assert.equal(await w(page, '[data-name="park.revenue_this_year_yuan"] input[type=text]').inputValue(), '约1亿', 'typed text survives a reload');
  assert.ok(await w(page, '[data-name="park.revenue_this_year_yuan"] .field-error').isVisible());
  assert.equal(await verdict(page, 'park.4.2.area'), 'met');
  // Garbage in storage: the widget says so and works.
  await page.evaluate(() => localStorage.setItem('hrs-widget:v1:widget', '{not json'));
  await page.reload();
  await widgetReady(page);
  assert.match(await w(page, '.notices').textContent(), /损坏/);
  await w(page, 'button[data-flow="park"]').click();
  assert.equal(await verdict(page, 'park.4.2.area'), 'unknown');
  // Saving follows a change by a moment (and happens at once when the page is hidden): let it
  // land before playing a damaged record from outside.
  await page.waitForFunction(() => /"flow":"park"/.test(localStorage.getItem('hrs-widget:v1:widget') ?? ''));
  // A saved state with one bad field keeps the rest.
  await page.evaluate(() => localStorage.setItem('hrs-widget:v1:widget', JSON.stringify({
    format: 'hrs-widget-state', version: 1, flow: 'park', step: 3,
    park: { format: 'hrs-answers', version: 1, kind: 'park', park: { floor_area_m2: '3200', events_held: 'many' } },
  })));
  await page.reload();
  await widgetReady(page);
  assert.match(await w(page, '.notices').textContent(), /park\.events_held/);
  assert.equal(await verdict(page, 'park.4.2.area'), 'met');
  await noAxe(page, 'recovered state');
  await context.close();
});

test('share link opens to the same results in a fresh browser; export and import answers files', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await goToStep(page, '建筑面积');
  await retype(w(page, '[data-name="park.floor_area_m2"] input[type=text]'), '2999');
  await goToStep(page, '结果与导出');
  await noAxe(page, 'results and export');
  await screenshot(page, 'wizard-park-results');
  await w(page, 'button[data-action="share-link"]').click();
  const link = await w(page, 'input.share-link').inputValue();
  assert.match(link, /#hrs=/);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    w(page, 'button[data-action="export-answers"]').click(),
  ]);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.equal(exported.park.floor_area_m2, '2999');

  const fresh = await openPage(browser, link);
  await widgetReady(fresh);
  assert.match(await w(fresh, '.notices').textContent(), /分享链接/);
  assert.equal(await verdict(fresh, 'park.4.2.area'), 'not_met');
  await fresh.context().close();

  const other = await openPage(browser, `${server.url}index.html`);
  await widgetReady(other);
  await w(other, 'button[data-flow="park"]').click();
  await goToStep(other, '结果与导出');
  const good = join(tmpdir(), 'hrs-e2e-answers.json');
  await writeFile(good, JSON.stringify({ ...exported, park: { ...exported.park, floor_area_m2: '3100' } }));
  await w(other, 'input[data-action="import-answers"]').setInputFiles(good);
  await w(other, '.notices').waitFor();
  assert.equal(await verdict(other, 'park.4.2.area'), 'met');
  const bad = join(tmpdir(), 'hrs-e2e-bad.json');
  await writeFile(bad, JSON.stringify({ format: 'hrs-answers', version: 1, kind: 'park', park: { floor_area_m2: -3 } }));
  await w(other, 'input[data-action="import-answers"]').setInputFiles(bad);
  await other.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .querySelector('.notices')?.textContent.includes('floor_area_m2'));
  assert.equal(await verdict(other, 'park.4.2.area'), 'met', 'a rejected file changes nothing');
  // A value outside the declared options is refused at the import, the cell named (review R1):
  // not taken in and then failing in the engine with no field.
  const outside = join(tmpdir(), 'hrs-e2e-outside-options.json');
  await writeFile(outside, JSON.stringify({ format: 'hrs-answers', version: 1, kind: 'park',
    park: { floor_area_m2: '2000', roster: [{ name: '甲', service_format: 'nonsense' }] } }));
  await w(other, 'input[data-action="import-answers"]').setInputFiles(outside);
  await other.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .querySelector('.notices')?.textContent.includes('park.roster[0].service_format'));
  assert.match(await w(other, '.notices').textContent(), /park\.roster\[0\]\.service_format.*nonsense/s);
  assert.equal(await verdict(other, 'park.4.2.area'), 'met', 'the refused file changes nothing');
  await screenshot(other, 'import-outside-options-refused');
  await other.context().close();
  await page.context().close();
});

test('language switch: English chrome everywhere, Chinese only in quoted originals', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button.lang-toggle').click();
  await w(page, 'button[data-flow="organisation"]').click();
  await w(page, '.step-title').waitFor();
  const visibleText = await page.evaluate(() => {
    const root = document.querySelector('hrs-policy-widget#widget').shadowRoot;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const out = [];
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      // Quoted originals, the notice's own number and titles, and citations (document · 第N条) are policy text.
      if (el.closest('blockquote, [lang="zh-CN"], .notice-no, .doc-title, .edition-title, .cite')) continue;
      if (el.closest('details:not([open])') && !el.closest('summary')) continue;
      if (n.textContent.trim()) out.push(n.textContent.trim());
    }
    return out;
  });
  // Article and clause numbers (第三条, (二)) are citation identifiers, kept as in the law.
  const chinese = visibleText
    .map((t) => t.replaceAll('包府办发〔2022〕55号', '').replace(/第[一二三四五六七八九十]+条/g, '').replace(/[（(][一二三四五六七八九十][)）]/g, ''))
    .filter((t) => /[\u4e00-\u9fff]/.test(t));
  assert.deepEqual(chinese, [], 'no Chinese chrome in English mode');
  await noAxe(page, 'organisation flow in English');
  await screenshot(page, 'wizard-organisation-en');
  await page.context().close();
});

test('trainer: samples give the documented outcomes; self-test passes; what-if flips a verdict', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, 'button[data-sample="park-one-firm-short"]').click();
  assert.equal(await verdict(page, 'park.4.3.firms'), 'not_met');
  assert.match(await w(page, 'li.condition[data-rule="park.4.3.firms"] .gap').textContent(), /1/);
  await w(page, 'button[data-sample="park-passes"]').click();
  assert.equal(await verdict(page, 'park.4.3.firms'), 'met');
  // What-if: flip "physically concentrated" to no.
  await w(page, '.what-if button.what-if-toggle[data-name="park.physically_concentrated"]').click();
  assert.equal(await verdict(page, 'park.4.2.concentrated'), 'not_met');
  await screenshot(page, 'trainer-park');
  await w(page, 'button[data-sample="organisation-capped"]').click();
  await w(page, 'li.measure[data-measure="measures.3.brand"] .cap-note').waitFor();
  assert.match(await w(page, 'table.amounts tr[data-measure="measures.3.brand"]').textContent(), /已按上限调整/);
  await w(page, 'button[data-sample="organisation-both-branches"]').click();
  const counted = await page.locator(`${W} li.measure [data-counting="given_up"]`).count();
  assert.equal(counted, 1, 'one branch of 第三条 is given up');
  await w(page, 'button[data-sample="organisation-placement-agency"]').click();
  assert.equal(await w(page, 'li.measure[data-measure="measures.7"]').getAttribute('data-eligibility'), 'eligible');
  assert.match(await w(page, 'tr[data-measure="measures.7"] .money').textContent(), /5–50 万元/);
  await screenshot(page, 'trainer-organisation');
  await w(page, 'details.article-browser summary').click();
  // The whole notice, article by article (fetched with the extras when the trainer opened); the
  // article browser's own test is tests/e2e/trainer.test.mjs.
  await page.locator(`${W} .articles article`).first().waitFor();
  assert.ok(await page.locator(`${W} .articles article`).count() > 30);
  assert.equal(await page.locator(`${W} .articles .doc-heading`).count(), 4);
  assert.match(await w(page, '.articles').textContent(), /第一条\s*为促进人力资源服务业规模化/);
  await w(page, 'details.self-test summary').click();
  const summary = w(page, '.self-test-summary');
  assert.equal(await summary.getAttribute('data-fail'), '0');
  assert.ok(Number(await summary.getAttribute('data-pass')) > 40);
  await w(page, 'button.large-toggle').click();
  await noAxe(page, 'trainer');
  await screenshot(page, 'trainer-large-type');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('keyboard only: reach the park flow, answer, move on; visible focus', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  const focused = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? { tag: el.tagName, flow: el.dataset?.flow, cls: el.className, outline: getComputedStyle(el).outlineStyle } : null;
  });
  let f;
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    f = await focused();
    if (f?.flow === 'park') break;
  }
  assert.equal(f?.flow, 'park');
  assert.notEqual(f.outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await w(page, '.wizard').waitFor();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    f = await focused();
    if (f?.cls?.includes('next')) break;
  }
  assert.match(f.cls, /next/);
  await page.keyboard.press('Enter');
  await w(page, '.wizard[data-step="1"]').waitFor();
  await page.context().close();
});

test('360 px wide screen: nothing overflows sideways; axe clean', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: { width: 360, height: 740 } });
  await widgetReady(page);
  await w(page, 'button[data-flow="organisation"]').click();
  await goToStep(page, '知名机构入驻');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `page is ${width}px wide`);
  await noAxe(page, '360px organisation step');
  await screenshot(page, 'wizard-360px');
  await page.context().close();
});

test('iframe embedding keeps the frame fitted to content; two widgets on one page do not interfere', async () => {
  const page = await openPage(browser, `${server.url}iframe-demo.html`);
  const frame = page.frameLocator('#hrs-frame');
  await frame.locator('hrs-policy-widget .policy-header').waitFor();
  await page.waitForFunction(() => parseInt(document.getElementById('hrs-frame').style.height, 10) > 400);
  const before = await page.evaluate(() => parseInt(document.getElementById('hrs-frame').style.height, 10));
  await frame.locator('hrs-policy-widget button[data-flow="park"]').click();
  await page.waitForFunction((b) => parseInt(document.getElementById('hrs-frame').style.height, 10) > b + 100, before);
  const inner = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  const outer = await page.evaluate(() => parseInt(document.getElementById('hrs-frame').style.height, 10));
  assert.equal(outer, inner, 'frame height equals content height');
  // The second widget on the host page is untouched by the framed one, and vice versa.
  const second = page.locator('hrs-policy-widget#second');
  await second.locator('.policy-header').waitFor();
  assert.equal(await second.locator('.start').count(), 1);
  assert.match(await second.locator('.widget-title').textContent(), /policy/);
  await second.locator('button[data-flow="organisation"]').click();
  assert.equal(await frame.locator('hrs-policy-widget .wizard').getAttribute('data-flow'), 'park');
  await screenshot(page, 'iframe-demo');
  await page.context().close();
});
