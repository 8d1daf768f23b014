// The browser floor, in the real browsers district staff use: Chromium 83, 90, 92 (the 信创
// browsers' cores), 106, 110 — shipped inside npm packages (tests/old-chromium, installed by
// scripts/setup.sh test) — and Debian's current Chromium. In each, like a person: the start screen
// renders (loader and CSS included; the start module, issue 17), the park flow (the wizard module,
// mounted in its place) evaluates an area typed key by key, a roster
// file imports and a package downloads, both through the document module in its worker.
// Driven over the DevTools protocol by tests/e2e/cdp.mjs (one small client for every era).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { Browser } from './cdp.mjs';
import { SCREENSHOT_DIR, startServer, unzip } from './harness.mjs';
import { BUILDS, unpack } from '../old-chromium/unpack.mjs';

const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const AS_OF = '2024-06-30';

let server;
before(async () => { server = await startServer(); });
after(() => server?.close());

/** Text of the widget's shadow root (what a person reads, hidden parts aside). */
const widgetText = () => document.querySelector('hrs-policy-widget').shadowRoot.querySelector('.hrs-root').innerText;

/** Clicks through the wizard's steps until `selector` is in the widget. */
async function stepWith(page, selector) {
  const has = () => page.evaluate((s) => !!document.querySelector('hrs-policy-widget').shadowRoot.querySelector(s), selector);
  if (await has()) return;
  const steps = await page.evaluate(() =>
    document.querySelector('hrs-policy-widget').shadowRoot.querySelectorAll('nav.progress button.step-link').length);
  for (let i = 0; i < steps && !(await has()); i++) {
    // The page may move under the pointer (the widget scrolls a new step's title into view a
    // moment after a change): like a person, click again if the step did not open.
    for (let attempt = 1; ; attempt++) {
      await page.click(`nav.progress li:nth-child(${i + 1}) button.step-link`);
      try {
        await page.waitFor((n) => document.querySelector('hrs-policy-widget').shadowRoot
          .querySelector('.wizard')?.dataset.step === String(n), { args: [i], what: `step ${i + 1}`, timeout: 3000 });
        break;
      } catch (e) {
        if (attempt === 3) throw e;
      }
    }
  }
  assert.ok(await has(), `no step shows ${selector}`);
}

const verdict = (page, rule) => page.evaluate((r) => document.querySelector('hrs-policy-widget').shadowRoot
  .querySelector(`li.condition[data-rule="${r}"]`)?.dataset.verdict ?? null, rule);

export const RESULTS = [];

async function shot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await writeFile(`${SCREENSHOT_DIR}${name}.png`, await page.screenshot());
}

const browsers = [
  ...BUILDS.map((name) => ({ name, get: () => unpack(name) })),
  { name: 'debian-chromium', get: () => ({ executable: process.env.CHROMIUM ?? '/usr/bin/chromium' }) },
];

for (const { name, get } of browsers) {
  test(`${name}: start screen, park flow typed key by key, roster import and package (document worker)`, async (t) => {
    const build = get();
    assert.ok(build, `${name} is not installed: run scripts/setup.sh test`);
    const browser = await Browser.launch(build.executable, { libDir: build.dir && `${build.dir}/lib` });
    const row = { browser: browser.version };
    RESULTS.push(row);
    t.diagnostic(browser.version);
    try {
      const page = await browser.newPage();
      await page.goto(`${server.url}index.html`);

      await t.test('the start screen renders', async () => {
        await page.waitFor(() => document.querySelector('hrs-policy-widget')?.shadowRoot
          ?.querySelector('button[data-flow="park"]'), { what: 'the start screen' });
        const text = await page.evaluate(widgetText);
        assert.match(text, /包府办发〔2022〕55号/);
        assert.match(text, /产业园/);
        // The stylesheet applies (shadow-root CSS, flex layout): the start button is styled.
        const style = await page.evaluate(() => {
          const b = document.querySelector('hrs-policy-widget').shadowRoot.querySelector('button[data-flow="park"]');
          const s = getComputedStyle(b);
          return { display: s.display, radius: s.borderTopLeftRadius };
        });
        assert.equal(style.display, 'flex');
        assert.notEqual(style.radius, '0px');
        await shot(page, `old-chromium-${name}-start`);
        row.renders = true;
      });

      await t.test('the park flow evaluates an area typed key by key', async () => {
        await page.click('button[data-flow="park"]');
        await page.waitFor(() => document.querySelector('hrs-policy-widget').shadowRoot.querySelector('.wizard'));
        const input = '[data-name="park.floor_area_m2"] input[type=text]';
        await stepWith(page, input);
        assert.equal(await verdict(page, 'park.4.2.area'), 'unknown');
        await page.click(input);
        await page.type('2999');
        await page.waitFor(() => document.querySelector('hrs-policy-widget').shadowRoot
          .querySelector('li.condition[data-rule="park.4.2.area"]')?.dataset.verdict === 'not_met', { what: '2999 not met' });
        await page.type('0'); // 29990 m²
        await page.waitFor(() => document.querySelector('hrs-policy-widget').shadowRoot
          .querySelector('li.condition[data-rule="park.4.2.area"]')?.dataset.verdict === 'met', { what: '29990 met' });
        const card = await page.evaluate(() => document.querySelector('hrs-policy-widget').shadowRoot
          .querySelector('li.condition[data-rule="park.4.2.area"]').innerText);
        assert.match(card, /第四条/);
        await shot(page, `old-chromium-${name}-park`);
        row.park = true;
      });

      await t.test('a roster file imports through the document module in its worker', async () => {
        await stepWith(page, 'input[type=file][data-action="import-roster"]');
        await page.setFiles('input[type=file][data-action="import-roster"]', [repo('tests/fixtures/roster/utf8.csv')]);
        await page.waitFor(() => document.querySelector('hrs-policy-widget').shadowRoot
          .querySelector('.import-report[data-rows]'), { timeout: 30000, what: 'the import report' });
        const text = await page.evaluate(widgetText);
        assert.match(text, /鹿城人力资源有限公司|91150200MA0007919Y|校验码/);
        assert.ok(page.workers.some((u) => u.endsWith('/hrs-docs-worker.js')), `worker used: ${page.workers}`);
        await shot(page, `old-chromium-${name}-roster`);
        row.roster = true;
      });

      // Issue 17: the trainer is in the full module, fetched and swapped in on demand; what was
      // typed before (the area) is there when the user comes back.
      await t.test('the trainer loads on demand and the typed area survives the switch', async () => {
        await page.click('button.home');
        await page.click('button[data-flow="trainer"]');
        await page.waitFor(() => document.querySelector('hrs-policy-widget').shadowRoot.querySelector('.trainer'),
          { timeout: 30000, what: 'the trainer (full module)' });
        await page.click('button.home');
        await page.click('button[data-flow="park"]');
        const input = '[data-name="park.floor_area_m2"] input[type=text]';
        await stepWith(page, input);
        assert.equal(await page.evaluate((s) => document.querySelector('hrs-policy-widget').shadowRoot.querySelector(s).value, input), '29990');
        row.onDemand = true;
      });

      await t.test('the park package downloads as a ZIP', async () => {
        const fresh = await browser.newPage();
        await fresh.goto(`${server.url}index.html`);
        await fresh.waitFor(() => document.querySelector('hrs-policy-widget')?.shadowRoot
          ?.querySelector('button[data-flow="park"]'));
        await fresh.evaluate((d) => document.querySelector('hrs-policy-widget').setAttribute('as-of', d), AS_OF);
        await fresh.click('button[data-flow="park"]');
        // The start screen hands over to the wizard module once it is there (issue 17).
        await fresh.waitFor(() => document.querySelector('hrs-policy-widget').shadowRoot.querySelector('.wizard'),
          { what: 'the wizard after the start screen' });
        await stepWith(fresh, 'input[type=file][data-action="import-answers"]');
        await fresh.setFiles('input[type=file][data-action="import-answers"]', [repo('src/policy/examples/park-passes.json')]);
        // The answers are in once the example's verdicts show (its area passes 第四条(二)).
        await fresh.waitFor(() => document.querySelector('hrs-policy-widget').shadowRoot
          .querySelector('li.condition[data-rule="park.4.2.area"]')?.dataset.verdict === 'met', { what: 'the imported answers' });
        await fresh.click('button[data-action="download-park-package"]');
        const file = await fresh.download({ timeout: 60000 }).catch(async (e) => {
          const alert = await fresh.evaluate(() => document.querySelector('hrs-policy-widget').shadowRoot
            .querySelector('.actions [role="alert"]')?.innerText ?? '');
          throw new Error(`${e.message} ${alert}`);
        });
        assert.match(file, /-申报材料-\d{4}-\d{2}-\d{2}\.zip$/);
        const names = unzip(await readFile(file)).map((e) => e.name);
        assert.ok(names.includes('申请报告.docx') && names.includes('入驻机构花名册.xlsx'), names.join(', '));
        assert.ok(fresh.workers.some((u) => u.endsWith('/hrs-docs-worker.js')), `worker used: ${fresh.workers}`);
        assert.deepEqual(fresh.errors, []);
        await fresh.close();
        row.package = true;
      });
      assert.deepEqual(page.errors, []);
      await page.close();
    } finally {
      await browser.close();
    }
  });
}

test('chromium-92 under the strict CSP (only \'wasm-unsafe-eval\', which it does not know) explains the CSP instead of a blank', async () => {
  const strict = await startServer({ csp: true });
  const build = unpack('chromium-92');
  assert.ok(build, 'chromium-92 is not installed: run scripts/setup.sh test');
  const browser = await Browser.launch(build.executable, { libDir: `${build.dir}/lib` });
  try {
    const page = await browser.newPage();
    await page.goto(`${strict.url}index.html`);
    const problem = await page.waitFor(() => document.querySelector('hrs-policy-widget')?.shadowRoot
      ?.querySelector('.hrs-message')?.dataset.problem, { what: 'the load message' });
    assert.equal(problem, 'csp');
    assert.match(await page.evaluate(() => document.querySelector('hrs-policy-widget').shadowRoot
      .querySelector('.hrs-message').innerText), /unsafe-eval/);
    await shot(page, 'old-chromium-92-strict-csp');
  } finally {
    await browser.close();
    strict.close();
  }
});

after(() => {
  const mark = (v) => (v ? 'yes' : 'NO');
  console.log('\nbrowser × (renders, park flow, roster import, trainer on demand, package):');
  for (const r of RESULTS) {
    console.log(`  ${r.browser.padEnd(32)} ${mark(r.renders)} ${mark(r.park)} ${mark(r.roster)} ${mark(r.onDemand)} ${mark(r.package)}`);
  }
});
