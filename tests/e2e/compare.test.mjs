// Issue 16, 对比 / Compare in a real browser: three park answers files chosen through the file
// chooser give one table (verdicts, the differing-row highlight, sorting by unmet count, a cell
// opening its citation and what it would take); a broken file among good ones gives one message
// naming the file and the field; two organisation scenarios saved from the wizard, compared, the
// changed measure seen, and 差异; corrupt saved scenarios recovered; XLSX exported; A4 landscape
// print. axe-core 0 violations; screenshots under tests/e2e/artifacts/screenshots/compare-*.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, launch, openPage, screenshot, startServer, unzip, widgetReady } from './harness.mjs';

const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const W = 'hrs-policy-widget#widget';
const VIEW = { width: 1280, height: 900 };
const SCENARIOS_KEY = 'hrs-widget:v1:widget:scenarios';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const all = (page, sel) => page.locator(`${W} ${sel}`);
async function noAxe(page, where) {
  assert.deepEqual(await axe(page), [], `axe violations on ${where}`);
}

/** Opens the widget (as of a date inside the policy's window) on the comparison view. */
async function openCompare(init) {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: VIEW, init });
  await page.evaluate(() => document.querySelector('hrs-policy-widget').setAttribute('as-of', '2024-06-30'));
  await widgetReady(page);
  await w(page, 'button[data-flow="compare"]').click();
  await w(page, 'section.compare h2').waitFor();
  return page;
}

/** Chooses files through the file chooser of the compare view's import button, as a person does. */
async function chooseFiles(page, files) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    w(page, 'label.file-button:has(input[data-action="compare-import"])').click(),
  ]);
  assert.ok(chooser.isMultiple(), 'several files at once');
  await chooser.setFiles(files);
}

const headers = (page) => all(page, 'table.compare-table thead th.set-head .set-name').allTextContents();
const cell = (page, row, set) => w(page, `table.compare-table tr[data-row="${row}"] td[data-set="${set}"]`);

const PASSES = '包头市人力资源服务产业园（示例）';
const SHORT = '包头市人力资源服务产业园（示例）（差一家）';
const BARRED = '青山人力资源服务园（示例：资格被取消未满三年）';

test('three parks: verdicts, highlighted differing rows, sort by unmet count, a cell opens its source', async () => {
  const page = await openCompare();
  await noAxe(page, 'empty compare view');
  await chooseFiles(page, [
    repo('src/policy/examples/park-barred.json'),
    repo('src/policy/examples/park-one-firm-short.json'),
    repo('src/policy/examples/park-passes.json'),
  ]);
  await w(page, 'table.compare-table[data-columns="3"]').waitFor();
  assert.deepEqual(await headers(page), [BARRED, SHORT, PASSES]);

  // The headline row, in words.
  assert.equal(await cell(page, 'headline', PASSES).locator('.badge').textContent(), '可以申报');
  assert.equal(await cell(page, 'headline', SHORT).locator('.badge').textContent(), '暂不具备申报条件');
  assert.equal(await cell(page, 'headline', BARRED).locator('.badge').textContent(), '不得申报（三年内不予重新认定）');
  // Each condition's verdict and key figure.
  assert.equal(await cell(page, 'park.4.3.firms', SHORT).locator('.badge').textContent(), '不符合');
  assert.equal(await cell(page, 'park.4.3.firms', SHORT).locator('.figure').textContent(), '19 家 / 20');
  assert.equal(await cell(page, 'park.4.3.firms', PASSES).locator('.badge').textContent(), '符合');
  assert.equal(await cell(page, 'park.9.barred', BARRED).locator('.badge').textContent(), '不符合');
  assert.match(await cell(page, 'park.4.3.revenue', PASSES).locator('.figure').textContent(), /亿 \/ 1 亿$/);

  // Rows that differ are highlighted (and say so in words); rows that agree are not.
  const firms = w(page, 'tr[data-row="park.4.3.firms"]');
  const area = w(page, 'tr[data-row="park.4.2.area"]');
  assert.equal(await firms.getAttribute('data-differs'), 'true');
  assert.equal(await area.getAttribute('data-differs'), 'false');
  assert.match(await firms.locator('th .differs-mark').textContent(), /各答卷不同/);
  const bg = (row) => row.locator('td').first().evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.notEqual(await bg(firms), await bg(area), 'a differing row has its own background');
  assert.equal(await firms.locator('th .cite').textContent(), '《管理办法》第四条（三）');

  // Sorted by how many conditions are unmet: the passing park first, ties keep their order.
  await w(page, 'button[data-action="compare-sort"]').click();
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot
    .querySelector('button[data-action="compare-sort"]')?.getAttribute('aria-pressed') === 'true', W);
  assert.deepEqual(await headers(page), [PASSES, BARRED, SHORT]);
  assert.deepEqual(await all(page, 'th.set-head .unmet').allTextContents(), ['不符合 0 项', '不符合 1 项', '不符合 1 项']);

  // A cell opens the citation and what it would take, for that park.
  await cell(page, 'park.4.3.firms', SHORT).locator('button.cell').click();
  const detail = w(page, 'section.compare-detail');
  await detail.waitFor();
  const text = await detail.textContent();
  assert.ok(text.includes(SHORT), 'names the set');
  assert.ok(text.includes('还需要'), text);
  assert.ok(text.includes('《管理办法》第四条（三）'), 'the citation in words');
  assert.ok(text.includes('人力资源服务企业'), 'the original sentence');
  assert.equal(await page.evaluate((s) => document.querySelector(s).shadowRoot.activeElement?.id, W), 'hrs-compare-detail-title');
  await noAxe(page, 'three parks with an open cell');
  await screenshot(page, 'compare-three-parks');

  // A name is editable: typed key by key, the column follows.
  const name = w(page, `input.set-name[value="${BARRED}"]`);
  await name.fill('');
  await name.pressSequentially('青山园');
  await page.waitForFunction((s) => [...document.querySelector(s).shadowRoot
    .querySelectorAll('th.set-head .set-name')].some((e) => e.textContent === '青山园'), W);

  // Ten sets at 1280 px: the first column stays in view while the table scrolls sideways.
  await chooseFiles(page, [repo('src/policy/examples/park-passes.json'), repo('src/policy/examples/park-fails-two.json'),
    repo('src/policy/examples/park-one-firm-short.json'), repo('src/policy/examples/park-barred.json')]);
  await chooseFiles(page, [repo('src/policy/examples/park-passes.json'), repo('src/policy/examples/park-fails-two.json'),
    repo('src/policy/examples/park-one-firm-short.json')]);
  await w(page, 'table.compare-table[data-columns="10"]').waitFor();
  const wrap = w(page, '.compare-wrap');
  const firstCol = w(page, 'tr[data-row="park.4.3.firms"] th.row-head');
  const before = await firstCol.boundingBox();
  await wrap.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
  const afterScroll = await firstCol.boundingBox();
  assert.ok(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth), 'ten sets scroll sideways');
  assert.equal(Math.round(afterScroll.x), Math.round(before.x), 'the first column is sticky');
  const fontSize = await w(page, 'table.compare-table td .badge').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(fontSize >= 12, `readable badge text (${fontSize}px)`);
  await wrap.evaluate((el) => { el.scrollLeft = 0; });
  await noAxe(page, 'ten sets');
  await screenshot(page, 'compare-ten-parks-1280');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a broken file among good ones: one message naming the file and the field, the table still shows', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'hrs-compare-'));
  const broken = join(dir, 'broken-park.json');
  const bad = JSON.parse(await readFile(repo('src/policy/examples/park-passes.json'), 'utf8'));
  bad.park.floor_area_m2 = '很大';
  await writeFile(broken, JSON.stringify(bad));
  const page = await openCompare();
  await chooseFiles(page, [repo('src/policy/examples/park-passes.json'), broken, repo('src/policy/examples/park-one-firm-short.json')]);
  await w(page, 'table.compare-table[data-columns="2"]').waitFor();
  const messages = all(page, '.compare-problems li');
  assert.equal(await messages.count(), 1);
  const m = await messages.first().textContent();
  assert.ok(m.includes('broken-park.json') && m.includes('park.floor_area_m2'), m);
  assert.deepEqual(await headers(page), [PASSES, SHORT]);
  await noAxe(page, 'broken file');
  await screenshot(page, 'compare-broken-file');

  // Answers of another kind are named too, and left out.
  await chooseFiles(page, [repo('src/policy/examples/organisation-capped.json')]);
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelectorAll('.compare-problems li').length === 2, W);
  assert.match(await all(page, '.compare-problems li').nth(1).textContent(), /kind = organisation/);
  assert.equal(await all(page, 'th.set-head').count(), 2);

  // In English: the same table, the chrome and verdicts in English, the citations as the law reads.
  await w(page, 'button.lang-toggle').click();
  await w(page, 'section.compare h2:has-text("Compare")').waitFor();
  assert.equal(await cell(page, 'headline', PASSES).locator('.badge').textContent(), 'Ready to apply');
  assert.equal(await cell(page, 'park.4.3.firms', SHORT).locator('.figure').textContent(), '19 / 20 firms');
  assert.equal(await w(page, 'tr[data-row="park.4.3.firms"] th .cite').textContent(), 'Park Measures 第四条(三)');
  await noAxe(page, 'compare in English');
  await screenshot(page, 'compare-en');
  await page.context().close();
});

test('a workbook of parks (one per sheet, one per row) through the document module; the template downloads', async () => {
  const page = await openCompare();
  await chooseFiles(page, [repo('tests/fixtures/compare/parks.xlsx')]);
  await w(page, 'table.compare-table[data-columns="2"]').waitFor({ timeout: 30000 });
  assert.deepEqual(await headers(page), [PASSES, '乙园']);
  assert.equal(await cell(page, 'headline', PASSES).locator('.badge').textContent(), '可以申报');
  assert.equal(await cell(page, 'park.4.3.firms', PASSES).locator('.figure').textContent(), '20 家 / 20', 'the roster under 入驻机构花名册 is read');
  assert.equal(await cell(page, 'park.4.3.firms', '乙园').locator('.badge').textContent(), '待确认', 'no roster: unknown, never zero');
  assert.equal(await cell(page, 'park.4.3.firms', '乙园').locator('.figure').textContent(), '? / 20');
  assert.equal(await cell(page, 'park.4.2.area', '乙园').locator('.figure').textContent(), '3,200 m² / 3,000 m²');
  const problems = await all(page, '.compare-problems li').allTextContents();
  assert.equal(problems.length, 1, problems.join(' | '));
  for (const s of ['parks.xlsx', '园区列表', '第 3 行', 'park.floor_area_m2']) assert.ok(problems[0].includes(s), problems[0]);
  assert.match(await w(page, '.compare-sets').textContent(), /工作簿 parks\.xlsx · 工作表 园区甲/);
  await noAxe(page, 'workbook of parks');
  await screenshot(page, 'compare-workbook');

  const [download] = await Promise.all([page.waitForEvent('download'), w(page, 'button[data-action="compare-template"]').click()]);
  assert.equal(download.suggestedFilename(), '园区对比工作簿模板.xlsx');
  const entries = unzip(await readFile(await download.path()));
  const book = entries.find((e) => e.name === 'xl/workbook.xml').data.toString('utf8');
  for (const sheet of ['说明', '园区1', '园区列表']) assert.ok(book.includes(`name="${sheet}"`), sheet);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('two organisation scenarios saved from the wizard, compared: the changed measure and 差异', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: VIEW });
  await page.evaluate(() => document.querySelector('hrs-policy-widget').setAttribute('as-of', '2024-06-30'));
  await widgetReady(page);
  await w(page, 'button[data-flow="organisation"]').click();
  const last = all(page, 'nav.progress button.step-link');
  await last.last().click();
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    w(page, 'label.file-button:has(input[data-action="import-answers"])').click(),
  ]);
  await chooser.setFiles(repo('src/policy/examples/organisation-capped.json'));
  await w(page, '.notices').waitFor();
  const scenarioName = w(page, '#hrs-scenario-name');
  await scenarioName.click();
  await scenarioName.pressSequentially('现状');
  await w(page, 'button[data-action="save-scenario"]').click();
  assert.match(await w(page, '.save-scenario [role="status"]').textContent(), /已保存方案“现状”/);

  // Next year: on the city top-10 list.
  await w(page, 'nav.progress button.step-link:has-text("第四条")').click();
  await w(page, '[data-name="organisation.top10_listed"] input[value="yes"]').check();
  await last.last().click();
  await scenarioName.click();
  await scenarioName.pressSequentially('入选10强');
  await w(page, 'button[data-action="save-scenario"]').click();
  assert.match(await w(page, '.save-scenario [role="status"]').textContent(), /入选10强/);
  await noAxe(page, 'save as scenario');
  await screenshot(page, 'compare-save-scenario');

  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="compare"]').click();
  await w(page, 'button[data-action="kind-organisation"]').click();
  const items = all(page, 'details.scenarios li');
  assert.equal(await items.count(), 2);
  await items.nth(0).locator('button[data-action="add-scenario"]').click();
  await items.nth(1).locator('button[data-action="add-scenario"]').click();
  await w(page, 'table.compare-table[data-columns="2"]').waitFor();
  assert.deepEqual(await headers(page), ['现状', '入选10强']);
  const top10 = w(page, 'tr[data-row="measures.4.top10"]');
  assert.equal(await top10.getAttribute('data-differs'), 'true');
  assert.equal(await cell(page, 'measures.4.top10', '现状').locator('.badge').textContent(), '待确认');
  assert.equal(await cell(page, 'measures.4.top10', '入选10强').locator('.badge').textContent(), '可享受');
  assert.equal(await cell(page, 'measures.4.top10', '入选10强').locator('.figure').textContent(), '5 万元');
  assert.equal(await w(page, 'tr[data-row="headline"]').getAttribute('data-differs'), 'true');

  await w(page, 'button[data-action="compare-diff"]').click();
  const diff = w(page, 'section.compare-diff');
  await diff.waitFor();
  const answers = await diff.locator('ul.diff-answers li').allTextContents();
  assert.equal(answers.length, 1, answers.join(' | '));
  assert.match(answers[0], /10强.*未填 → 是/);
  assert.match(answers[0], /影响/);
  const results = await diff.locator('ul.diff-results li').allTextContents();
  assert.ok(results.some((r) => r.includes('待确认') && r.includes('可享受')), results.join(' | '));
  await noAxe(page, 'two scenarios with differences');
  await screenshot(page, 'compare-scenarios-diff');

  // Exported as one XLSX sheet: verdicts in words, citations as a column.
  const [download] = await Promise.all([page.waitForEvent('download'), w(page, 'button[data-action="compare-export"]').click()]);
  assert.equal(download.suggestedFilename(), '对比-2024-06-30.xlsx');
  const entries = unzip(await readFile(await download.path()));
  const names = entries.map((e) => e.name);
  assert.ok(names.includes('xl/worksheets/sheet1.xml') && !names.includes('xl/worksheets/sheet2.xml'), names.join(','));
  const strings = entries.find((e) => e.name === 'xl/sharedStrings.xml').data.toString('utf8');
  for (const s of ['现状｜结论', '入选10强｜上限（元）', '可享受', '《十项措施》第四条']) assert.ok(strings.includes(s), s);

  // Print: A4 landscape for the comparison.
  const pageRule = await page.evaluate(async (s) => {
    let seen = '';
    window.print = () => { seen = document.adoptedStyleSheets.flatMap((x) => [...x.cssRules].map((r) => r.cssText)).join(' '); };
    document.querySelector(s).shadowRoot.querySelector('button[data-action="compare-print"]').click();
    await new Promise((r) => setTimeout(r, 50));
    return { seen, after: document.adoptedStyleSheets.length };
  }, W);
  assert.match(pageRule.seen, /size: A4 landscape/i);
  assert.equal(pageRule.after, 0, 'the print rule is removed afterwards');
  await page.emulateMedia({ media: 'print' });
  await screenshot(page, 'compare-print');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('saved scenarios: a corrupt record is backed up, a bad field is dropped, nothing else is lost', async () => {
  const record = JSON.stringify({
    format: 'hrs-widget-scenarios', version: 1, scenarios: [
      { name: '好的', saved_on: '2026-12-01', answers: { format: 'hrs-answers', version: 1, kind: 'organisation', organisation: { name: '甲', top10_listed: true } } },
      { name: '坏字段', saved_on: '2026-12-01', answers: { format: 'hrs-answers', version: 1, kind: 'organisation', organisation: { name: '乙', revenue_yuan: '很多', top10_listed: true } } },
      { name: '读不了', answers: 42 },
    ],
  });
  const page = await openCompare(`localStorage.setItem(${JSON.stringify(SCENARIOS_KEY)}, ${JSON.stringify(record)})`);
  const items = all(page, 'details.scenarios li');
  assert.deepEqual(await items.locator('strong').allTextContents(), ['好的', '坏字段']);
  const notes = (await all(page, 'details.scenarios .notice').allTextContents()).join(' ');
  assert.ok(notes.includes('坏字段') && notes.includes('organisation.revenue_yuan'), notes);
  assert.ok(notes.includes('读不了'), 'the unreadable entry is named and kept');
  const kept = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).scenarios.length, SCENARIOS_KEY);
  assert.equal(kept, 3, 'nothing was written away');
  await noAxe(page, 'recovered scenarios');
  // The first write after a recovery keeps the record as it was.
  await items.nth(0).locator('button[data-action="delete-scenario"]').click();
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelectorAll('details.scenarios li').length === 1, W);
  const stored = await page.evaluate((k) => ({ now: localStorage.getItem(k), backup: localStorage.getItem(`${k}:backup`) }), SCENARIOS_KEY);
  assert.equal(stored.backup, record, 'the original record is backed up');
  assert.deepEqual(JSON.parse(stored.now).scenarios.map((x) => x.name), ['坏字段', '读不了'], 'the unreadable entry is still there');
  await page.context().close();

  const page2 = await openCompare(`localStorage.setItem(${JSON.stringify(SCENARIOS_KEY)}, '{"format":"hrs-widget-scen')`);
  assert.match(await w(page2, 'details.scenarios .notice').textContent(), /已损坏/);
  const backup = await page2.evaluate((k) => localStorage.getItem(`${k}:corrupt`), SCENARIOS_KEY);
  assert.equal(backup, '{"format":"hrs-widget-scen', 'the damaged text is kept');
  await page2.context().close();
});
