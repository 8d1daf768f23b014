// The frame: the widget loads on its own page and inside the mock portal, shows the notice from
// policy data, honours lang / as-of, keeps its CSS to itself, and passes axe-core.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, openPage, screenshot, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const inWidget = (page, sel) => page.locator(`hrs-policy-widget ${sel}`).first();

test('stand-alone page shows the notice, its three documents and that it is not in force today', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  assert.equal(await inWidget(page, '.notice-no').textContent(), '包府办发〔2022〕55号');
  assert.equal(await page.locator('hrs-policy-widget .doc-title').count(), 3);
  const docs = await inWidget(page, '.doc-list').textContent();
  for (const t of ['行动方案', '十项措施', '管理办法']) assert.ok(docs.includes(t), `missing ${t}`);
  assert.equal(await inWidget(page, '.valid-from').textContent(), '2022-07-01');
  assert.equal(await inWidget(page, '.valid-until').textContent(), '2025-12-31');
  assert.equal(await inWidget(page, '.banner').getAttribute('data-in-force'), 'false');
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'skeleton-index-zh');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('as-of and lang attributes: in force on 2024-06-30, English text, switchable back', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await page.evaluate(() => {
    const w = document.querySelector('hrs-policy-widget');
    w.setAttribute('as-of', '2024-06-30');
    w.setAttribute('lang', 'en');
  });
  await page.waitForFunction(() =>
    document.querySelector('hrs-policy-widget').shadowRoot.querySelector('.banner')?.dataset.inForce === 'true');
  assert.match(await inWidget(page, '.widget-title').textContent(), /policy self-check/);
  assert.equal(await inWidget(page, 'input.as-of').inputValue(), '2024-06-30');
  await screenshot(page, 'skeleton-index-en');
  await inWidget(page, 'button.lang-toggle').click();
  await page.waitForFunction(() =>
    document.querySelector('hrs-policy-widget').shadowRoot.querySelector('.widget-title')?.textContent.includes('自评'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('JS mount(element, options) works for hosts that prefer code', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  const text = await page.evaluate(async () => {
    const { mount } = await import('./hrs-widget.js');
    const host = document.createElement('div');
    host.id = 'mounted';
    document.body.append(host);
    const handle = await mount(host, { lang: 'en', asOf: '2023-01-01' });
    await new Promise((r) => setTimeout(r, 50));
    const out = {
      title: host.shadowRoot.querySelector('.widget-title').textContent,
      inForce: host.shadowRoot.querySelector('.banner').dataset.inForce,
    };
    handle.unmount();
    out.afterUnmount = host.shadowRoot.childElementCount;
    return out;
  });
  assert.match(text.title, /policy self-check/);
  assert.equal(text.inForce, 'true');
  assert.equal(text.afterUnmount, 0);
  await page.context().close();
});

// Computed styles of a few widget parts: they must not depend on the host page.
async function widgetStyles(page) {
  return page.evaluate(() => {
    const root = document.querySelector('hrs-policy-widget').shadowRoot;
    const pick = (sel) => {
      const el = root.querySelector(sel);
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return { sel, fontSize: s.fontSize, lineHeight: s.lineHeight, boxSizing: s.boxSizing, display: s.display,
        color: s.color, fontFamily: s.fontFamily, letterSpacing: s.letterSpacing, height: Math.round(r.height) };
    };
    return ['.hrs-root', '.widget-title', '.notice-no', 'button.lang-toggle', 'input.as-of', '.banner'].map(pick);
  });
}

test('the widget looks the same inside a portal with hostile CSS, and leaves the portal alone', async () => {
  const viewport = { width: 900, height: 900 };
  const alone = await openPage(browser, `${server.url}index.html`, { viewport });
  await widgetReady(alone);
  const reference = await widgetStyles(alone);
  await alone.context().close();

  // The portal without the widget (its script blocked), for the host's own baseline.
  const bare = await (await browser.newContext({ viewport })).newPage();
  await bare.route('**/hrs-widget.js', (r) => r.abort());
  await bare.goto(`${server.url}embed-demo.html`);
  const hostStyles = () => bare.evaluate(() => ['#portal-button', '#portal-text', '.portal-title'].map((s) => {
    const c = getComputedStyle(document.querySelector(s));
    return { s, display: c.display, fontSize: c.fontSize, boxSizing: c.boxSizing, color: c.color };
  }));
  const hostBaseline = await hostStyles();
  const sheetsBaseline = await bare.evaluate(() => document.styleSheets.length);
  await bare.context().close();

  const portal = await openPage(browser, `${server.url}embed-demo.html`, { viewport });
  await widgetReady(portal);
  const embedded = await widgetStyles(portal);
  assert.deepEqual(embedded.map(({ height, ...s }) => s), reference.map(({ height, ...s }) => s));
  // Text-driven heights: same widths would give same heights; the portal's content box is narrower,
  // so compare the single-line parts only.
  for (const sel of ['.widget-title', 'button.lang-toggle', 'input.as-of']) {
    assert.equal(embedded.find((s) => s.sel === sel).height, reference.find((s) => s.sel === sel).height, sel);
  }
  const bareStyles = await portal.evaluate(() => ['#portal-button', '#portal-text', '.portal-title'].map((s) => {
    const c = getComputedStyle(document.querySelector(s));
    return { s, display: c.display, fontSize: c.fontSize, boxSizing: c.boxSizing, color: c.color };
  }));
  assert.deepEqual(bareStyles, hostBaseline);
  assert.equal(await portal.evaluate(() => document.styleSheets.length), sheetsBaseline);
  assert.ok(await inWidget(portal, 'button.lang-toggle').isVisible(), 'host `button {display:none}` must not hide widget buttons');
  assert.deepEqual(await axe(portal), []);
  await screenshot(portal, 'skeleton-embed-demo');
  assert.deepEqual(portal.errors, []);
  await portal.context().close();
});
