// Issue 17 item 5: a first visit downloads the loader, the stylesheet and the small start module
// (hrs_widget_start) and nothing else before its first question (the start screen's choices);
// the wizard module is prefetched once that screen shows and mounted in its place on a choice,
// with the date typed on the start screen, the language and large type. A page with something to
// restore (saved answers, a share link) goes straight to the wizard module.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, screenshot, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const own = (page) => page.requests.map((u) => new URL(u).pathname).filter((p) => /^\/(pkg\/|hrs-widget)/.test(p));
const START = ['/hrs-widget.css', '/hrs-widget.js', '/pkg/hrs_widget_start.js', '/pkg/hrs_widget_start_bg.wasm'];
const WIZARD = '/pkg/hrs_widget_bg.wasm';
const b64url = (s) => Buffer.from(s, 'utf8').toString('base64url');

// Records, in the page, when the start screen's first choice exists in the widget's shadow root
// (a MutationObserver: before the frame is painted, so before anything the loader does after it).
const watchChoices = () => {
  window.choicesAt = null;
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(() => {
      if (window.choicesAt === null && root.querySelector('button[data-flow="park"]:not([disabled])')) {
        window.choicesAt = performance.now();
      }
    }).observe(root, { childList: true, subtree: true });
    return root;
  };
};

/** Types a date into the date input key by key. Debian's Chromium lays a date input out in its
 * own UI locale (mm/dd/yyyy here), not the page's: the digits go in that order. */
async function typeDate(page, iso) {
  const [y, m, d] = iso.split('-');
  const date = w(page, '#hrs-as-of');
  await date.click({ position: { x: 8, y: 8 } });
  await date.pressSequentially(`${m}${d}${y}`);
  assert.equal(await date.inputValue(), iso);
}

/** The widget's page with the wizard module's download held back until `release()`; returns once
 * the start screen shows (not widgetReady: it waits for the wizard module). */
async function openWithWizardHeld() {
  const page = await openPage(browser, 'about:blank');
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(`**${WIZARD}`, async (route) => { await held; await route.continue(); });
  await page.goto(`${server.url}index.html`);
  await w(page, '.policy-header').waitFor();
  return { page, release };
}

test('the first load is the loader, the stylesheet and the start module; the wizard module is prefetched after the start screen shows', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { init: watchChoices });
  await widgetReady(page);
  await page.waitForFunction(() => window.choicesAt !== null);
  // What the page had asked for when the first question became visible and enabled.
  const before = await page.evaluate(() => performance.getEntriesByType('resource')
    .filter((e) => e.startTime <= window.choicesAt).map((e) => new URL(e.name).pathname)
    .filter((p) => /^\/(pkg\/|hrs-widget)/.test(p)).sort());
  assert.deepEqual(before, START);
  // Then, without a click, the wizard module (prefetch); never the full or the document module.
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/pkg/hrs_widget_bg.wasm')), null, { timeout: 15000 });
  const wizardAt = await page.evaluate(() => performance.getEntriesByType('resource')
    .find((e) => e.name.endsWith('/pkg/hrs_widget_bg.wasm')).startTime);
  assert.ok(wizardAt > await page.evaluate(() => window.choicesAt), 'the prefetch starts after the start screen shows');
  await page.waitForTimeout(300);
  assert.ok(!own(page).some((p) => /hrs_widget_full|hrs_docs/.test(p)), `nothing else: ${own(page)}`);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('without prefetch, nothing but the start module loads until a choice is clicked', async () => {
  const page = await openPage(browser, 'about:blank');
  // A page of the same origin with no widget of its own; the host turns prefetching off.
  await page.route('**/blank.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>x</title><body></body>' }));
  await page.goto(`${server.url}blank.html`);
  await page.evaluate(async () => {
    const { mount } = await import('/hrs-widget.js');
    const host = document.createElement('div');
    host.id = 'quiet';
    document.body.append(host);
    window.quiet = await mount(host, { prefetch: false });
  });
  const q = (sel) => page.locator(`#quiet ${sel}`).first();
  await q('button[data-flow="organisation"]').waitFor();
  await page.waitForTimeout(800);
  assert.deepEqual([...new Set(own(page))].sort(), START);
  await q('button[data-flow="organisation"]').click();
  await q('#hrs-step-title').waitFor();
  assert.ok(own(page).includes(WIZARD), 'the wizard module once a choice is clicked');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('an as-of date typed key by key on the start screen, then 市级产业园认定自评: the date stays and the first question shows, its heading focused', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await typeDate(page, '2024-06-30');
  assert.match(await w(page, 'p.banner[role="status"]').innerText(), /该政策在所选日期有效/);
  await w(page, 'button[data-flow="park"]').click();
  const title = w(page, '#hrs-step-title');
  await title.waitFor();
  assert.equal(await w(page, '#hrs-as-of').inputValue(), '2024-06-30', 'the date typed on the start screen');
  assert.equal(await w(page, '.wizard').getAttribute('data-flow'), 'park');
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget').shadowRoot.activeElement?.id === 'hrs-step-title');
  assert.ok(own(page).includes(WIZARD));
  // The first question is there and takes typing.
  const name = w(page, '[data-name="park.name"] input');
  await name.click();
  await name.pressSequentially('甲园');
  assert.equal(await name.inputValue(), '甲园');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('English and large type chosen on the start screen survive the hand-over to the wizard', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button.lang-toggle').click();
  await w(page, 'button.large-toggle').click();
  assert.match(await w(page, '.start h2').innerText(), /What would you like to do/i);
  assert.equal(await w(page, 'button.large-toggle').getAttribute('aria-pressed'), 'true');
  const fontBefore = await w(page, '.widget').evaluate((el) => getComputedStyle(el).fontSize);
  await w(page, 'button[data-flow="organisation"]').click();
  await w(page, '#hrs-step-title').waitFor();
  assert.equal(await w(page, '.widget').getAttribute('lang'), 'en');
  assert.match(await w(page, '.widget').getAttribute('class'), /large-type/);
  assert.equal(await w(page, '.widget').evaluate((el) => getComputedStyle(el).fontSize), fontBefore);
  assert.equal(await w(page, 'button.large-toggle').getAttribute('aria-pressed'), 'true');
  assert.match(await w(page, 'button.lang-toggle').innerText(), /中文/);
  assert.equal(await w(page, '.wizard').getAttribute('data-flow'), 'organisation');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('saved answers and a share link go straight to the wizard module (no start module), answers as they were', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  const name = w(page, '[data-name="park.name"] input');
  await name.click();
  await name.pressSequentially('乙园');
  await page.waitForFunction(() => (localStorage.getItem('hrs-widget:v1:widget') || '').includes('乙园'));
  page.requests.length = 0;
  await page.reload();
  await w(page, '[data-name="park.name"] input').waitFor();
  assert.equal(await w(page, '[data-name="park.name"] input').inputValue(), '乙园');
  assert.ok(!own(page).some((p) => p.startsWith('/pkg/hrs_widget_start')), `no start module: ${own(page)}`);
  await page.context().close();

  const answers = { format: 'hrs-answers', version: 1, kind: 'park', park: { name: '丙园' } };
  const linked = await openPage(browser, `${server.url}index.html#hrs=${b64url(JSON.stringify(answers))}`);
  await w(linked, '[data-name="park.name"] input').waitFor();
  assert.equal(await w(linked, '[data-name="park.name"] input').inputValue(), '丙园');
  assert.ok(!own(linked).some((p) => p.startsWith('/pkg/hrs_widget_start')), `no start module: ${own(linked)}`);
  assert.deepEqual(linked.errors, []);
  await linked.context().close();
});

test('a flow asked for by the host (flow="organisation") opens at once without the start module; saved answers still win', async () => {
  const page = await openPage(browser, 'about:blank');
  await page.route('**/blank.html', (r) => r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>x</title><body></body>' }));
  await page.goto(`${server.url}blank.html`);
  await page.evaluate(() => {
    const el = document.createElement('hrs-policy-widget');
    el.id = 'direct';
    el.setAttribute('flow', 'organisation');
    document.body.append(el);
    return import('/hrs-widget.js');
  });
  const d = (sel) => page.locator(`hrs-policy-widget#direct ${sel}`).first();
  await d('.wizard[data-flow="organisation"]').waitFor();
  const name = d('[data-name="organisation.name"] input');
  await name.click();
  await name.pressSequentially('丁机构');
  assert.ok(!own(page).some((p) => p.startsWith('/pkg/hrs_widget_start')), `no start module: ${own(page)}`);
  await page.waitForFunction(() => (localStorage.getItem('hrs-widget:v1:direct') || '').includes('丁机构'));
  // The host now asks for the park flow, but this widget has saved answers: they are shown.
  await page.evaluate(() => {
    const el = document.querySelector('hrs-policy-widget#direct');
    el.remove();
    el.setAttribute('flow', 'park');
    document.body.append(el);
  });
  await d('.wizard[data-flow="organisation"]').waitFor();
  assert.equal(await d('[data-name="organisation.name"] input').inputValue(), '丁机构');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a click while the wizard module is still downloading says 正在加载…, then the wizard opens: neither the click nor a later language switch is lost', async () => {
  const { page, release } = await openWithWizardHeld();
  await w(page, 'button[data-flow="park"]').click();
  const busy = w(page, 'button[data-flow="park"][aria-busy="true"]');
  await busy.waitFor();
  assert.match(await busy.innerText(), /正在加载…/);
  await screenshot(page, 'start-busy');
  // Still downloading: the language switched now is the one the wizard opens in.
  await w(page, 'button.lang-toggle').click();
  await w(page, 'button[data-flow="park"][aria-busy="true"]').filter({ hasText: 'Loading…' }).waitFor();
  release();
  await w(page, '#hrs-step-title').waitFor({ timeout: 30000 });
  assert.equal(await w(page, '.wizard').getAttribute('data-flow'), 'park');
  assert.equal(await w(page, '.widget').getAttribute('lang'), 'en');
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget').shadowRoot.activeElement?.id === 'hrs-step-title');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('培训演示模式 on the start screen opens the full module (the trainer)', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, '.trainer').waitFor({ timeout: 30000 });
  assert.ok(own(page).includes('/pkg/hrs_widget_full_bg.wasm'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the start screen, zh, en and at 360 px (screenshots)', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await screenshot(page, 'start-zh');
  await w(page, 'button.lang-toggle').click();
  await w(page, '.start h2').waitFor();
  await screenshot(page, 'start-en');
  // The same screen drawn by the wizard module (its 返回首页) is pixel for pixel the start module's.
  await w(page, 'button.lang-toggle').click();
  await w(page, 'button.lang-toggle').blur();
  const shot = () => w(page, '.widget').screenshot({ animations: 'disabled', caret: 'hide' });
  const fromStart = await shot();
  await w(page, 'button[data-flow="park"]').click();
  await w(page, '#hrs-step-title').waitFor();
  await w(page, 'button.home').click();
  await w(page, '.start').waitFor();
  await page.evaluate(() => document.querySelector('hrs-policy-widget').shadowRoot.activeElement?.blur());
  await page.mouse.move(0, 0);
  assert.ok(fromStart.equals(await shot()), 'the start module and the wizard module draw the same start screen');
  await page.context().close();
  const phone = await openPage(browser, `${server.url}index.html`, { viewport: { width: 360, height: 740 } });
  await widgetReady(phone);
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 360 px: ${overflow}`);
  await screenshot(phone, 'start-360');
  await phone.context().close();
});

// Review R2 / R8: what the user picked on the start screen is the user's, not the host's.
test('a reload after the hand-over keeps the date typed on the start screen (and the flow)', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await typeDate(page, '2024-06-30');
  await w(page, 'button[data-flow="park"]').click();
  await w(page, '#hrs-step-title').waitFor();
  assert.equal(await w(page, '#hrs-as-of').inputValue(), '2024-06-30');
  await page.reload();
  await widgetReady(page);
  await w(page, '#hrs-step-title').waitFor();
  assert.equal(await w(page, '#hrs-as-of').inputValue(), '2024-06-30', 'the start screen\'s date after a reload');
  assert.match(await w(page, 'p.banner[role="status"]').innerText(), /该政策在所选日期有效/);
  assert.equal(await w(page, '.wizard').getAttribute('data-flow'), 'park');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a host update() after the hand-over changes only what the host changed: the user\'s language and date stay', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button.lang-toggle').click();
  await typeDate(page, '2024-06-30');
  await w(page, 'button[data-flow="park"]').click();
  await w(page, '#hrs-step-title').waitFor();
  assert.equal(await w(page, '.widget').getAttribute('lang'), 'en');
  // The portal sets a date: the date is the host's now, the language stays the user's.
  await page.evaluate(() => document.querySelector('hrs-policy-widget#widget').setAttribute('as-of', '2023-03-01'));
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .querySelector('#hrs-as-of').value === '2023-03-01');
  assert.equal(await w(page, '.widget').getAttribute('lang'), 'en', 'the user\'s English after the host set as-of');
  assert.match(await w(page, '#hrs-step-title').innerText(), /[A-Za-z]/);
  // The user goes back to Chinese and types a date again; the portal then sets its language to
  // English: the language is the host's now, the date stays the user's.
  await w(page, 'button.lang-toggle').click();
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .querySelector('.widget').getAttribute('lang') === 'zh-CN');
  await typeDate(page, '2024-06-30');
  await page.evaluate(() => document.querySelector('hrs-policy-widget#widget').setAttribute('lang', 'en'));
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .querySelector('.widget').getAttribute('lang') === 'en');
  assert.equal(await w(page, '#hrs-as-of').inputValue(), '2024-06-30', 'the user\'s date after the host set lang');
  assert.match(await w(page, 'p.banner[role="status"]').innerText(), /in force on the chosen date/i);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a date typed on the start screen while the wizard module downloads is the one the wizard opens with', async () => {
  const { page, release } = await openWithWizardHeld();
  await w(page, 'button[data-flow="organisation"]').click();
  await w(page, 'button[data-flow="organisation"][aria-busy="true"]').waitFor();
  await typeDate(page, '2023-09-15');
  release();
  await w(page, '#hrs-step-title').waitFor({ timeout: 30000 });
  assert.equal(await w(page, '.wizard').getAttribute('data-flow'), 'organisation');
  assert.equal(await w(page, '#hrs-as-of').inputValue(), '2023-09-15');
  await page.reload();
  await w(page, '#hrs-step-title').waitFor({ timeout: 30000 });
  assert.equal(await w(page, '#hrs-as-of').inputValue(), '2023-09-15', 'and after a reload');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('answers another tab saved between page load and the click are not overwritten by the hand-over (R8)', async () => {
  const first = await openPage(browser, `${server.url}index.html`);
  await widgetReady(first);
  // A second tab of the same site (same storage) starts afresh and saves a park's name.
  const second = await first.context().newPage();
  second.errors = [];
  second.on('pageerror', (e) => second.errors.push(String(e)));
  await second.goto(`${server.url}index.html`);
  await widgetReady(second);
  await w(second, 'button[data-flow="park"]').click();
  const name = w(second, '[data-name="park.name"] input');
  await name.waitFor();
  await name.click();
  await name.pressSequentially('乙园');
  await second.waitForFunction(() => /乙园/.test(localStorage.getItem('hrs-widget:v1:widget') || ''));
  // The first tab, still on its start screen, picks English and the park flow.
  await w(first, 'button.lang-toggle').click();
  await w(first, 'button[data-flow="park"]').click();
  await w(first, '#hrs-step-title').waitFor();
  assert.equal(await w(first, '[data-name="park.name"] input').inputValue(), '乙园', 'the other tab\'s answers, not an empty form');
  assert.equal(await w(first, '.widget').getAttribute('lang'), 'en', 'with the language picked here');
  await first.waitForTimeout(800); // past the save delay
  assert.match(await first.evaluate(() => localStorage.getItem('hrs-widget:v1:widget')), /乙园/, 'storage still holds it');
  assert.deepEqual(first.errors, []);
  assert.deepEqual(second.errors, []);
  await first.context().close();
});
