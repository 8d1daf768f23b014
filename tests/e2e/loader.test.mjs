// What the loader (www/hrs-widget.js) does around the wasm: a message instead of a blank where
// WebAssembly is missing or its code is corrupt; a crash that loses nothing; loading="lazy";
// the iframe height going only to the parent's origin; the document worker under Trusted Types.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { launch, openPage, screenshot, startServer, widgetReady } from './harness.mjs';

const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const noWasm = () => { delete window.WebAssembly; };
/** Clicks through the wizard's steps until `selector` is in the widget (step titles may change). */
async function stepWith(page, selector) {
  if ((await w(page, selector).count()) > 0) return;
  const steps = await page.locator(`${W} nav.progress button.step-link`).count();
  for (let i = 0; i < steps && (await w(page, selector).count()) === 0; i++) {
    await page.locator(`${W} nav.progress button.step-link`).nth(i).click();
    await page.waitForTimeout(50);
  }
  assert.ok((await w(page, selector).count()) > 0, `no step shows ${selector}`);
}

test('without WebAssembly the widget says so in its language, names working browsers and links the notice; the portal stays intact', async () => {
  const page = await openPage(browser, `${server.url}embed-demo.html`, { init: noWasm });
  const message = w(page, '.hrs-message[role="alert"]');
  await message.waitFor();
  assert.equal(await message.getAttribute('data-problem'), 'no-wasm');
  const text = await message.innerText();
  assert.match(text, /此浏览器无法运行本工具/);
  assert.match(text, /WebAssembly/);
  assert.match(text, /Chromium 83 及以上/);
  assert.match(text, /极速模式/);
  // The default link is the notice's own text, served next to the widget.
  const href = await w(page, '.hrs-message a').getAttribute('href');
  const notice = await page.evaluate(async (u) => (await fetch(u)).text(), href);
  assert.match(notice, /包府办发〔2022〕55号/);
  // The portal around it is untouched.
  assert.ok(await page.locator('#portal-text').isVisible());
  assert.ok(await page.locator('#portal-button').isVisible());
  await screenshot(page, 'loader-no-wasm-zh');
  // In English, with a link the host configures.
  await page.evaluate(() => {
    const el = document.createElement('hrs-policy-widget');
    el.id = 'en';
    el.setAttribute('lang', 'en');
    el.setAttribute('notice-url', 'https://example.gov.cn/notice-55.html');
    document.querySelector('main').append(el);
  });
  const en = page.locator('hrs-policy-widget#en .hrs-message');
  await en.waitFor();
  assert.match(await en.innerText(), /This browser cannot run the tool[\s\S]*Chromium 83 or later/);
  assert.equal(await page.locator('hrs-policy-widget#en .hrs-message a').getAttribute('href'), 'https://example.gov.cn/notice-55.html');
  await screenshot(page, 'loader-no-wasm-en');
  await page.context().close();
});

test('a corrupt wasm file gives a message, not a blank', async () => {
  const page = await openPage(browser, 'about:blank');
  const corrupt = (route) =>
    route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('\0asm\x01\0\0\0garbage, not a module') });
  // The first load's module (the start screen, issue 17).
  await page.route('**/hrs_widget_start_bg.wasm', corrupt);
  await page.goto(`${server.url}index.html`);
  const message = w(page, '.hrs-message[role="alert"]');
  await message.waitFor();
  assert.equal(await message.getAttribute('data-problem'), 'broken');
  assert.match(await message.innerText(), /本工具未能加载[\s\S]*请刷新重试/);
  await screenshot(page, 'loader-corrupt-wasm');
  await page.unroute('**/hrs_widget_start_bg.wasm');
  // The wizard module, corrupt when a choice on the start screen mounts it: the same message.
  await page.route('**/hrs_widget_bg.wasm', corrupt);
  await page.reload();
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await message.waitFor();
  assert.equal(await message.getAttribute('data-problem'), 'broken');
  assert.match(await message.innerText(), /本工具未能加载[\s\S]*请刷新重试/);
  await page.context().close();
});

test('a sample edition whose wizard module does not load gives the message and the hrs-widget-problem event, not a blank (R3)', async () => {
  const page = await openPage(browser, 'about:blank');
  // The start module does not carry the sample: the wizard module is this widget's first module.
  await page.route('**/hrs_widget_bg.wasm', (route) => route.abort());
  await page.goto(`${server.url}index.html`);
  await widgetReady(page);
  const problem = await page.evaluate(() => new Promise((resolve) => {
    const el = document.createElement('hrs-policy-widget');
    el.id = 'sample';
    el.setAttribute('edition', 'sample-successor');
    el.setAttribute('storage-key', 'hrs-e2e-sample-broken');
    el.addEventListener('hrs-widget-problem', (e) => resolve(e.detail.problem));
    el.addEventListener('hrs-widget-ready', () => resolve('ready'));
    document.querySelector('main').append(el);
  }));
  assert.equal(problem, 'broken');
  const message = page.locator('hrs-policy-widget#sample .hrs-message[role="alert"]');
  await message.waitFor();
  assert.equal(await message.getAttribute('data-problem'), 'broken');
  assert.match(await message.innerText(), /本工具未能加载[\s\S]*请刷新重试/);
  assert.ok(!page.errors.some((e) => /Uncaught|unhandled/i.test(e)), `no unhandled rejection: ${page.errors}`);
  await screenshot(page, 'loader-sample-broken-wizard');
  await page.context().close();
});

test('after a choice, a wizard module that does not load says so and sends hrs-widget-problem (R3)', async () => {
  const page = await openPage(browser, 'about:blank');
  await page.route('**/hrs_widget_bg.wasm', (route) => route.abort());
  await page.goto(`${server.url}index.html`);
  await widgetReady(page);
  await page.evaluate(() => {
    window.problems = [];
    document.querySelector('hrs-policy-widget#widget')
      .addEventListener('hrs-widget-problem', (e) => window.problems.push(e.detail.problem));
  });
  await w(page, 'button[data-flow="park"]').click();
  const message = w(page, '.hrs-message[role="alert"]');
  await message.waitFor();
  assert.equal(await message.getAttribute('data-problem'), 'broken');
  assert.match(await message.innerText(), /本工具未能加载/);
  assert.deepEqual(await page.evaluate(() => window.problems), ['broken']);
  await page.context().close();
});

test('a trap while the start screen shows does not claim that answers were saved (L5)', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').waitFor();
  // The loader's trap path, as a wasm `unreachable` reaches it (the start module has no test hook).
  await page.evaluate(() => window.dispatchEvent(new ErrorEvent('error',
    { error: new WebAssembly.RuntimeError('unreachable') })));
  const notice = w(page, '.hrs-message[data-problem="crashed"]');
  await notice.waitFor();
  const text = await notice.innerText();
  assert.match(text, /出错了，请刷新后重试/);
  assert.doesNotMatch(text, /已保存/);
  await page.context().close();
});

test('a trap inside the widget shows the crash notice with a reload button, and nothing typed is lost', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await stepWith(page, '[data-name="park.floor_area_m2"] input[type=text]');
  const area = w(page, '[data-name="park.floor_area_m2"] input[type=text]');
  await area.click();
  await area.pressSequentially('2999');
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
    .querySelector('li.condition[data-rule="park.4.2.area"]')?.dataset.verdict === 'not_met');
  // The test-only hook: the next render panics (a wasm trap). The last change is typed right after,
  // so it never reaches the save timer: only the loader's crash path can keep it.
  await page.evaluate(async () => (await import('/pkg/hrs_widget.js')).__testOnlyTrapNextRender());
  await area.pressSequentially('0');
  const notice = w(page, '.hrs-message[data-problem="crashed"]');
  await notice.waitFor();
  assert.equal(await notice.getAttribute('role'), 'alert');
  assert.match(await notice.innerText(), /出错了，您填写的内容已保存在本机，可刷新继续/);
  assert.ok(page.errors.some((e) => /RuntimeError|unreachable/.test(e)), `the trap happened: ${page.errors}`);
  const saved = await page.evaluate(() => localStorage.getItem('hrs-widget:v1:widget'));
  assert.match(saved, /29990/, 'the last change is saved');
  await screenshot(page, 'loader-crashed');
  page.errors.length = 0;
  await w(page, '.hrs-message button').click();
  await widgetReady(page);
  await w(page, '[data-name="park.floor_area_m2"] input[type=text]').waitFor();
  assert.equal(await w(page, '[data-name="park.floor_area_m2"] input[type=text]').inputValue(), '29990');
  assert.equal(await w(page, 'li.condition[data-rule="park.4.2.area"]').getAttribute('data-verdict'), 'met');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('loading="lazy" fetches nothing until the widget is near the viewport', async () => {
  const page = await openPage(browser, `${server.url}lazy-demo.html`);
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const own = () => page.requests.filter((u) => /\/(pkg\/|hrs-widget\.css)/.test(u));
  assert.deepEqual(own(), [], 'before scrolling: only the loader itself');
  assert.equal(await page.locator(W).evaluate((el) => el.innerText), '', 'the fallback text is hidden meanwhile');
  await page.locator('#tool').scrollIntoViewIfNeeded();
  await widgetReady(page);
  const after = own().map((u) => new URL(u).pathname);
  for (const f of ['/pkg/hrs_widget_start.js', '/pkg/hrs_widget_start_bg.wasm', '/hrs-widget.css']) assert.ok(after.includes(f), `${f} fetched after scrolling`);
  // Without the attribute the default stays eager: index.html fetches at once.
  await page.goto(`${server.url}index.html`);
  await widgetReady(page);
  await page.context().close();
});

test('the iframe height goes only to the parent origin the host passes, and holds nothing but the height', async () => {
  // Listening from before the page's own scripts run (top page only), so no message is missed.
  const listen = () => {
    if (window.top !== window) return;
    window.__heights = { right: [], wrong: [] };
    window.addEventListener('message', (e) => {
      const which = e.source === document.getElementById('hrs-frame')?.contentWindow ? 'right'
        : e.source === document.getElementById('wrong')?.contentWindow ? 'wrong' : null;
      if (which) window.__heights[which].push(e.data);
    });
  };
  const page = await openPage(browser, `${server.url}iframe-demo.html`, { init: listen });
  await page.evaluate(() => {
    const wrong = document.createElement('iframe');
    wrong.id = 'wrong';
    wrong.src = 'index.html?parent-origin=https://portal.example.gov.cn';
    document.querySelector('main').append(wrong);
  });
  const frame = page.frameLocator('#hrs-frame');
  await frame.locator('hrs-policy-widget .policy-header').waitFor();
  await page.frameLocator('#wrong').locator('hrs-policy-widget .policy-header').waitFor();
  await frame.locator('hrs-policy-widget button[data-flow="park"]').click();
  await page.waitForFunction(() => window.__heights.right.length >= 2);
  await page.waitForFunction(() => parseInt(document.getElementById('hrs-frame').style.height, 10) > 400);
  await page.waitForTimeout(300);
  const heights = await page.evaluate(() => window.__heights);
  assert.deepEqual(heights.wrong, [], 'a parent of another origin than the one passed gets nothing');
  for (const m of heights.right) {
    assert.deepEqual(Object.keys(m).sort(), ['height', 'type']);
    assert.equal(m.type, 'hrs-widget:height');
    assert.ok(Number.isInteger(m.height));
  }
  const inner = await frame.locator('html').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  assert.equal(await page.evaluate(() => parseInt(document.getElementById('hrs-frame').style.height, 10)), inner);
  await page.context().close();
});

test('under Trusted Types the document module still runs in its worker (policy "hrs-widget")', async () => {
  const page = await openPage(browser, 'about:blank');
  const csp = "require-trusted-types-for 'script'; trusted-types hrs-widget";
  await page.route('**/index.html', async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': csp } });
  });
  await page.goto(`${server.url}index.html`);
  await widgetReady(page);
  assert.equal(await page.evaluate(() => typeof trustedTypes), 'object');
  await w(page, 'button[data-flow="park"]').click();
  await stepWith(page, 'input[type=file][data-action="import-roster"]');
  const worker = page.waitForEvent('worker', { timeout: 20000 });
  await w(page, 'input[type=file][data-action="import-roster"]').setInputFiles(repo('tests/fixtures/roster/utf8.csv'));
  assert.match((await worker).url(), /\/hrs-docs-worker\.js$/);
  await w(page, '.import-report[data-rows]').waitFor({ timeout: 20000 });
  assert.deepEqual(page.errors.filter((e) => /Trusted|TrustedScriptURL|Content Security Policy/i.test(e)), []);
  await page.context().close();
});
