// Privacy and hosting constraints: under a strict CSP the widget works with no violation, and a
// walkthrough requests nothing but the widget's own files.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, startServer, widgetReady } from './harness.mjs';

let strict, plain, browser;
before(async () => {
  strict = await startServer({ csp: true });
  plain = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); strict?.close(); plain?.close(); });

const w = (page, sel) => page.locator(`hrs-policy-widget#widget ${sel}`).first();

test('strict CSP (no inline script or style): the widget renders, works and logs no violation', async () => {
  const page = await openPage(browser, `${strict.url}embed-demo.html`);
  const response = await page.goto(`${strict.url}embed-demo.html`);
  assert.match(response.headers()['content-security-policy'], /script-src 'self' 'wasm-unsafe-eval'/);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await w(page, '.wizard').waitFor();
  await w(page, 'nav.progress li:nth-child(4) button').click();
  await w(page, '[data-name="park.floor_area_m2"] input[type=text]').fill('3000');
  assert.equal(await w(page, 'li.condition[data-rule="park.4.2.area"]').getAttribute('data-verdict'), 'met');
  const violations = page.errors.filter((e) => /Content Security Policy|CSP/i.test(e));
  assert.deepEqual(violations, []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a full walkthrough of both flows requests only the widget\'s own files', async () => {
  const page = await openPage(browser, `${plain.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  for (let i = 1; i <= 10; i++) await w(page, `nav.progress li:nth-child(${i}) button`).click();
  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="organisation"]').click();
  for (let i = 1; i <= 12; i++) await w(page, `nav.progress li:nth-child(${i}) button`).click();
  await w(page, 'button[data-action="share-link"]').click();
  const origin = new URL(plain.url).origin;
  const foreign = page.requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, []);
  const own = new Set(page.requests.map((u) => new URL(u).pathname));
  for (const p of own) assert.match(p, /^\/(index\.html|favicon\.svg|page\.css|hrs-widget\.(js|css)|pkg\/.*)$/, p);
  await page.context().close();
});
