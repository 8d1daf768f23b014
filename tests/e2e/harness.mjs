// Shared pieces of the end-to-end tests: a local server for www/, Debian's Chromium through
// playwright-core, axe-core, screenshots under tests/e2e/artifacts/screenshots/.
import { spawn } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const here = (p) => fileURLToPath(new URL(p, import.meta.url));
export const SCREENSHOT_DIR = here('./artifacts/screenshots/');

/** Starts scripts/serve.mjs on a free port; resolves to { url, close }. */
export async function startServer({ csp = false } = {}) {
  const args = [here('../../scripts/serve.mjs'), '--port', '0'];
  if (csp) args.push('--csp');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/serving (http:\/\/\S+\/)/);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  return { url, close: () => child.kill() };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
}

/** A new page that records console errors, page errors and every request URL. */
export async function openPage(browser, url, { viewport = { width: 1100, height: 900 }, locale = 'zh-CN', init } = {}) {
  const context = await browser.newContext({ viewport, locale, acceptDownloads: true });
  if (init) await context.addInitScript(init); // runs before the page's own scripts
  const page = await context.newPage();
  page.errors = [];
  page.requests = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (r) => page.requests.push(r.url()));
  await page.goto(url);
  return page;
}

/** Waits until the widget on the page has rendered its first content. */
export async function widgetReady(page, selector = 'hrs-policy-widget') {
  await page.locator(`${selector} .policy-header`).first().waitFor({ state: 'visible', timeout: 15000 });
  // Issue 17: a start screen hands over to the wizard module on a choice. Once that module is
  // loaded (the loader prefetches it after the start screen paints) the hand-over takes no
  // network or compile time, so a click on a choice opens the wizard at once, as a person sees
  // it after reading the screen; tests that check the hand-over itself wait for it explicitly.
  await page.evaluate(async () => {
    const src = document.querySelector('script[type="module"][src*="hrs-widget.js"]')?.src ?? '/hrs-widget.js';
    try {
      await (await import(src)).preloadWizard?.();
    } catch { /* a test that breaks the module on purpose sees the message itself */ }
  });
}

const axeSource = readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
/** Runs axe-core on the whole page (open shadow roots included); returns the violations. */
export async function axe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ content: await axeSource });
  }
  const result = await page.evaluate(() =>
    window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Entries of a ZIP (central directory), with their uncompressed bytes. */
export function unzip(buf) {
  buf = Buffer.from(buf);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'not a ZIP: no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let n = 0; n < count; n++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50, 'central directory entry');
    const method = buf.readUInt16LE(p + 10);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    out.push({ name, data: method === 8 ? inflateRawSync(raw) : Buffer.from(raw) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Types into a field as a person does: click, select what is there, delete it, then key by key. */
export async function retype(locator, text) {
  await locator.click();
  await locator.press('Control+A');
  await locator.press('Backspace');
  await locator.pressSequentially(text);
}
