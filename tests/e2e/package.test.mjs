// The document module in Chromium: it is not part of the first load; loaded on demand it builds
// the park and organisation packages (ZIP entries, DOCX inside, Chinese intact) and imports
// rosters; through the widget, clicking the package button downloads the ZIP.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { launch, openPage, startServer, unzip, widgetReady } from './harness.mjs';

const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const AS_OF = '2024-06-30';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const entry = (entries, name) => {
  const e = entries.find((x) => x.name === name);
  assert.ok(e, `${name} missing; have ${entries.map((x) => x.name).join(', ')}`);
  return e.data;
};


/** Opens a flow (park / organisation) and walks its steps until `selector` is in the widget. */
async function parkStepWith(page, selector, flow = 'park') {
  const inWidget = (sel) => page.locator(`hrs-policy-widget ${sel}`);
  if ((await inWidget(selector).count()) > 0) return true;
  const park = inWidget(`button[data-flow="${flow}"]`).first();
  if ((await park.count()) > 0) {
    await park.click();
    await page.waitForTimeout(100);
  }
  const steps = await inWidget('button.step-link').count();
  for (let i = steps - 1; i >= 0; i--) {
    if ((await inWidget(selector).count()) > 0) return true;
    await inWidget('button.step-link').nth(i).click();
    await page.waitForTimeout(100);
  }
  return (await inWidget(selector).count()) > 0;
}

/** The organisation package: the overview, one 申请表 per measure it can (or may) get. */
function checkOrgNames(names) {
  assert.equal(names[0], '政策享受测算及佐证材料清单.docx');
  assert.ok(names.some((n) => /^申请表\d\d-知名品牌入驻奖励\.docx$/.test(n)), names.join(', '));
  assert.deepEqual(names.slice(-2), ['自评答卷.hrs-answers.json', '说明.txt']);
}

const PARK_FILES = ['申请报告.docx', '入驻机构花名册.xlsx', '自评表.docx', '材料清单.docx',
  '自评答卷.hrs-answers.json', '说明.txt'];

function checkParkZip(bytes) {
  const entries = unzip(bytes);
  assert.deepEqual(entries.map((e) => e.name), PARK_FILES);
  const report = unzip(entry(entries, '申请报告.docx'));
  const xml = entry(report, 'word/document.xml').toString('utf8');
  for (const t of ['包头市人力资源和社会保障局：', '一、产业园基本情况', '附件：', '仅供申报参考']) assert.ok(xml.includes(t), `report lacks ${t}`);
  // Document properties: subject = the notice number, creator = widget name and version.
  const core = entry(report, 'docProps/core.xml').toString('utf8');
  assert.match(core, /<dc:subject>包府办发〔2022〕55号<\/dc:subject>/);
  assert.match(core, /<dc:creator>包头市人力资源服务业政策自评部件 [^<]+<\/dc:creator>/);
  const roster = unzip(entry(entries, '入驻机构花名册.xlsx'));
  assert.ok(entry(roster, 'xl/sharedStrings.xml').toString('utf8').includes('统一社会信用代码'));
  const readme = entry(entries, '说明.txt').toString('utf8');
  assert.ok(readme.includes('baotou-2022-55') && readme.includes(AS_OF));
  return entries;
}

test('the first load does not fetch the document module', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  assert.deepEqual(page.requests.filter((u) => u.includes('hrs_docs')), []);
  await page.context().close();
});

test('loaded on demand, the document module builds both packages and imports rosters', async () => {
  const park = await readFile(repo('src/policy/examples/park-passes.json'), 'utf8');
  const org = await readFile(repo('src/policy/examples/organisation-capped.json'), 'utf8');
  const gbk = [...await readFile(repo('tests/fixtures/roster/gbk.csv'))];
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  const out = await page.evaluate(async ({ park, org, gbk, asOf }) => {
    const docs = await import('/pkg/hrs_docs.js');
    await docs.default();
    const parkZip = docs.park_package(park, asOf, 'e2e');
    const orgZip = docs.organisation_package(org, asOf, 'e2e');
    let wrongKind = null;
    try { docs.park_package(org, asOf, 'e2e'); } catch (e) { wrongKind = String(e.message ?? e); }
    let badJson = null;
    try { docs.park_package('{not json', asOf, 'e2e'); } catch (e) { badJson = String(e.message ?? e); }
    let broken = null;
    try { docs.import_roster(new Uint8Array([80, 75, 3, 4, 1, 2, 3]), 'x.xlsx'); } catch (e) { broken = String(e.message ?? e); }
    return {
      park: Array.from(parkZip), org: Array.from(orgZip),
      name: docs.package_file_name(park, asOf),
      imported: JSON.parse(docs.import_roster(new Uint8Array(gbk), 'roster.csv')),
      wrongKind, badJson, broken,
    };
  }, { park, org, gbk, asOf: AS_OF });
  checkParkZip(out.park);
  assert.equal(out.name, `包头市人力资源服务产业园（示例）-申报材料-${AS_OF}.zip`);
  const orgEntries = unzip(out.org);
  checkOrgNames(orgEntries.map((e) => e.name));
  const orgXml = entry(unzip(entry(orgEntries, '政策享受测算及佐证材料清单.docx')), 'word/document.xml').toString('utf8');
  assert.ok(orgXml.includes('一、可享受的措施'));
  assert.equal(out.imported.rows.length, 3);
  assert.equal(out.imported.rows[0].name, '鹿城人力资源有限公司');
  assert.equal(out.imported.source.encoding, 'GBK');
  assert.equal(out.imported.columns['信用代码'], 'uscc');
  assert.match(out.wrongKind, /答卷类型/);
  assert.match(out.badJson, /答卷无法读取/);
  assert.match(out.broken, /无法读取/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Through the widget's own buttons (src/ui): load the example answers, click the package button,
// capture the download. A missing control fails the test.
test('clicking the park package button downloads the ZIP', async (t) => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await page.evaluate((d) => document.querySelector('hrs-policy-widget').setAttribute('as-of', d), AS_OF);
  const importAnswers = page.locator('hrs-policy-widget input[type=file][data-action="import-answers"]').first();
  const button = page.locator('hrs-policy-widget button[data-action="download-park-package"]').first();
  if (!(await parkStepWith(page, 'input[type=file][data-action="import-answers"]'))) {
    assert.fail('the widget has no input[data-action="import-answers"] yet');
  }
  await importAnswers.setInputFiles(repo('src/policy/examples/park-passes.json'));
  try {
    await button.waitFor({ state: 'visible', timeout: 5000 });
  } catch {
    assert.fail('the widget shows no button[data-action="download-park-package"] after loading park answers');
  }
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), button.click()]);
  assert.match(download.suggestedFilename(), /-申报材料-\d{4}-\d{2}-\d{2}\.zip$/);
  const path = await download.path();
  checkParkZip(await readFile(path));
  assert.ok(page.requests.some((u) => u.includes('hrs_docs_bg.wasm')), 'docs module fetched on demand');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const [mode, init] of [['in its worker', undefined], ['in the page where workers are unavailable', () => { delete window.Worker; }]]) {
test(`choosing a roster file in the widget imports it through the document module, ${mode}`, async () => {
  const page = await openPage(browser, `${server.url}index.html`, { init });
  await widgetReady(page);
  const importAnswers = page.locator('hrs-policy-widget input[type=file][data-action="import-answers"]').first();
  const rosterInput = page.locator('hrs-policy-widget input[type=file][data-action="import-roster"]').first();
  if (await parkStepWith(page, 'input[type=file][data-action="import-answers"]')) {
    await importAnswers.setInputFiles(repo('src/policy/examples/park-passes.json'));
  }
  if (!(await parkStepWith(page, 'input[type=file][data-action="import-roster"]'))) {
    assert.fail('the widget has no input[data-action="import-roster"] yet');
  }
  const loaded = page.waitForRequest((r) => r.url().includes('hrs_docs_bg.wasm'), { timeout: 20000 });
  await rosterInput.setInputFiles(repo('tests/fixtures/roster/utf8.csv'));
  await loaded;
  // The sample's roster has rows: the widget asks 替换 / 追加 (issue 10).
  await page.locator('hrs-policy-widget button[data-action="roster-append"]').first().click({ timeout: 20000 });
  // The UI lists the row problems (bad check character, revenue, duplicate) somewhere visible.
  await page.waitForFunction(() => {
    const root = document.querySelector('hrs-policy-widget').shadowRoot;
    return /91150200MA00237570|校验码|check character/.test(root.textContent);
  }, null, { timeout: 10000 });
  const inWorker = page.workers().some((wk) => wk.url().endsWith('/hrs-docs-worker.js'));
  assert.equal(inWorker, init === undefined, `document module ${mode}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
}

test('clicking the organisation package button downloads its ZIP', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await page.evaluate((d) => document.querySelector('hrs-policy-widget').setAttribute('as-of', d), AS_OF);
  const importAnswers = page.locator('hrs-policy-widget input[type=file][data-action="import-answers"]').first();
  assert.ok(await parkStepWith(page, 'input[type=file][data-action="import-answers"]', 'organisation'),
    'the widget has no input[data-action="import-answers"] in the organisation flow');
  await importAnswers.setInputFiles(repo('src/policy/examples/organisation-capped.json'));
  const button = page.locator('hrs-policy-widget button[data-action="download-organisation-package"]').first();
  await button.waitFor({ state: 'visible', timeout: 5000 });
  const [download] = await Promise.all([page.waitForEvent('download', { timeout: 20000 }), button.click()]);
  assert.match(download.suggestedFilename(), /-政策享受材料-\d{4}-\d{2}-\d{2}\.zip$/);
  const entries = unzip(await readFile(await download.path()));
  checkOrgNames(entries.map((e) => e.name));
  // The generation time is read in the browser and passed in: today's date, a real time.
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const form = entries.find((e) => e.name.startsWith('申请表'));
  const core = entry(unzip(form.data), 'docProps/core.xml').toString('utf8');
  assert.ok(core.includes(`<dcterms:created xsi:type="dcterms:W3CDTF">${today}T`), core);
  const xml = entry(unzip(entry(entries, '政策享受测算及佐证材料清单.docx')), 'word/document.xml').toString('utf8');
  assert.ok(xml.includes('示例全国百强人力资源集团包头分公司'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
