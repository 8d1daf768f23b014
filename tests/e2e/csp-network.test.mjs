// Privacy and hosting constraints: under a strict CSP the widget works with no violation, and a
// walkthrough requests nothing but the widget's own files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch, openPage, startServer, unzip, widgetReady } from './harness.mjs';

const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

let strict, plain, browser;
before(async () => {
  strict = await startServer({ csp: true });
  plain = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); strict?.close(); plain?.close(); });

const w = (page, sel) => page.locator(`hrs-policy-widget#widget ${sel}`).first();

/** Walks to the step holding `selector` in the current flow (clicking step links). */
async function stepWith(page, selector) {
  const steps = await w(page, 'nav.progress').locator('button.step-link').count();
  for (let i = 0; i < steps; i++) {
    if ((await page.locator(`hrs-policy-widget#widget ${selector}`).count()) > 0) return;
    await page.locator('hrs-policy-widget#widget nav.progress button.step-link').nth(i).click();
  }
  await w(page, selector).waitFor();
}

/** Clicks a package button and returns the ZIP's entry names. */
async function downloadPackage(page, action) {
  await stepWith(page, `button[data-action="${action}"]`);
  const download = page.waitForEvent('download', { timeout: 30000 });
  await w(page, `button[data-action="${action}"]`).click();
  const stream = await (await download).createReadStream();
  const parts = [];
  for await (const p of stream) parts.push(p);
  return unzip(Buffer.concat(parts)).map((e) => e.name);
}

/** Both flows end to end, with every feature that loads something: answers import, roster
 *  import (document module, in a worker), both packages, share link, trainer extras. */
async function walkthrough(page) {
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  const steps = await w(page, 'nav.progress').locator('button.step-link').count();
  for (let i = 0; i < steps; i++) await page.locator('hrs-policy-widget#widget nav.progress button.step-link').nth(i).click();
  await w(page, 'input[data-action="import-answers"]').setInputFiles(repo('src/policy/examples/park-passes.json'));
  await stepWith(page, 'input[data-action="import-roster"]');
  await w(page, 'input[data-action="import-roster"]').setInputFiles(repo('tests/fixtures/roster/utf8.csv'));
  // The sample's roster has rows: the widget asks 替换 / 追加 (issue 10).
  await w(page, 'button[data-action="roster-append"]').click({ timeout: 30000 });
  await w(page, '.import-report').waitFor({ timeout: 30000 });
  assert.ok(page.workers().some((wk) => wk.url().endsWith('/hrs-docs-worker.js')), 'the document module runs in its worker');
  assert.ok((await downloadPackage(page, 'download-park-package')).includes('入驻机构花名册.xlsx'));
  await w(page, 'button[data-action="share-link"]').click();
  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="organisation"]').click();
  const orgSteps = await w(page, 'nav.progress').locator('button.step-link').count();
  for (let i = 0; i < orgSteps; i++) await page.locator('hrs-policy-widget#widget nav.progress button.step-link').nth(i).click();
  await w(page, 'input[data-action="import-answers"]').setInputFiles(repo('src/policy/examples/organisation-capped.json'));
  assert.ok((await downloadPackage(page, 'download-organisation-package')).length > 0);
  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, 'details.self-test summary').click();
  await w(page, '.self-test-summary[data-fail="0"]').waitFor({ timeout: 30000 });
}

test('strict CSP (no inline script or style): import, packages, trainer all work, no violation', async () => {
  const page = await openPage(browser, `${strict.url}embed-demo.html`);
  const response = await page.goto(`${strict.url}embed-demo.html`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await walkthrough(page);
  const violations = page.errors.filter((e) => /Content Security Policy|CSP/i.test(e));
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a full walkthrough of both flows, packages and imports included, requests only the widget\'s own files', async () => {
  const page = await openPage(browser, `${plain.url}index.html`);
  // The context sees the document worker's requests too.
  const requests = [];
  page.context().on('request', (r) => requests.push(r.url()));
  await walkthrough(page);
  const origin = new URL(plain.url).origin;
  const all = [...new Set([...page.requests, ...requests])];
  const foreign = all.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  const own = new Set(all.filter((u) => u.startsWith(origin)).map((u) => new URL(u).pathname));
  for (const p of own) assert.match(p, /^\/(index\.html|favicon\.svg|page\.css|hrs-widget\.(js|css)|hrs-docs-worker\.js|pkg\/[\w.-]+)$/, p);
  // What the walkthrough must have loaded: the document module (in its worker) and the extras.
  for (const p of ['/hrs-docs-worker.js', '/pkg/hrs_docs_bg.wasm']) assert.ok(own.has(p), `${p} was not requested`);
  assert.ok([...own].some((p) => p.endsWith('.extras.json')), 'the trainer\'s extras were not requested');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
