// Storage faults (disabled, full) and printing: the widget keeps working and says so; the printed
// A4 self-assessment carries the edition stamp on every page and the signature / seal block.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, startServer, widgetReady, retype } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const w = (page, sel) => page.locator(`hrs-policy-widget#widget ${sel}`).first();

async function pageWith(initScript) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.errors = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  await page.goto(`${server.url}index.html`);
  await widgetReady(page);
  return page;
}

async function enterArea(page) {
  await w(page, 'button[data-flow="park"]').click();
  await w(page, 'nav.progress li:nth-child(4) button').click();
  await retype(w(page, '[data-name="park.floor_area_m2"] input[type=text]'), '3300');
  await w(page, 'nav.progress li:nth-child(5) button').click();
  await w(page, 'nav.progress li:nth-child(4) button').click();
  assert.equal(await w(page, '[data-name="park.floor_area_m2"] input[type=text]').inputValue(), '3300');
  assert.equal(await w(page, 'li.condition[data-rule="park.4.2.area"]').getAttribute('data-verdict'), 'met');
}

test('localStorage disabled: the widget says saving is off and keeps what was entered', async () => {
  const page = await pageWith(() => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  assert.match(await w(page, '.unsaved').textContent(), /不会自动保存/);
  await enterArea(page);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('localStorage full: the widget says the latest changes were not saved and keeps them', async () => {
  const page = await pageWith(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  await enterArea(page);
  assert.match(await w(page, '.unsaved').textContent(), /存储已满/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('print: A4 pages each carry the notice\'s number (not an internal id) and the as-of date; signature and seal block', async () => {
  const page = await pageWith(null);
  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, 'button[data-sample="park-passes"]').click();
  // A sample is told at its own date; the host's as-of attribute set afterwards wins.
  await page.evaluate(() => document.querySelector('hrs-policy-widget').setAttribute('as-of', '2025-06-30'));
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget').shadowRoot.querySelector('#hrs-as-of')?.value === '2025-06-30');
  await w(page, 'li.condition[data-rule="park.4.2.area"]').waitFor();
  // Choosing a sample scrolls the presenter into view; Chromium then prints the fixed stamp on
  // every page but the first (a scrolled page prints so in any flow): print from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const dir = mkdtempSync(join(tmpdir(), 'hrs-print-'));
  writeFileSync(join(dir, 'print.pdf'), pdf);
  const text = execFileSync('pdftotext', ['-layout', join(dir, 'print.pdf'), '-'], { encoding: 'utf8' });
  const pages = text.split('\f').filter((p) => p.trim());
  assert.ok(pages.length >= 2, `expected several pages, got ${pages.length}`);
  for (const [i, p] of pages.entries()) {
    assert.match(p, /包府办发〔2022〕55号/, `page ${i + 1} lacks the notice's number`);
    assert.doesNotMatch(p, /baotou-2022-55/, `page ${i + 1} shows the edition id:\n${p.slice(-800)}`);
    assert.match(p, /2025-06-30/, `page ${i + 1} lacks the as-of date:\n${p.slice(0, 600)}`);
  }
  assert.match(text, /第四条/);
  await page.context().close();
  // The wizard's printout ends with the signature and seal block.
  const page2 = await pageWith(null);
  await w(page2, 'button[data-flow="park"]').click();
  await page2.emulateMedia({ media: 'print' });
  const pdf2 = await page2.pdf({ format: 'A4', preferCSSPageSize: true });
  writeFileSync(join(dir, 'print2.pdf'), pdf2);
  const text2 = execFileSync('pdftotext', [join(dir, 'print2.pdf'), '-'], { encoding: 'utf8' });
  assert.match(text2, /盖章/);
  assert.match(text2, /负责人签字/);
  await page2.context().close();
});
