// Issue 17 item 5: the first load is the start module (tests/e2e/start.test.mjs), then the
// wizard's module (hrs_widget); the trainer and the comparison are in the full module
// (hrs_widget_full), fetched when a user opens 培训 or 对比 and mounted in the wizard's place. Nothing typed, nor the language or the date on screen, is lost
// across the switch — with localStorage and with a widget that keeps nothing in it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, screenshot, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const NAME = '[data-name="park.name"] input';
const FULL = '/pkg/hrs_widget_full_bg.wasm';

async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1000, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.errors = [];
  page.fetched = [];
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (r) => page.fetched.push(new URL(r.url()).pathname));
  await page.goto(url);
  return page;
}

test('the first load has no trainer or comparison; opening the trainer fetches them, and what was typed, the language and the date survive the switch', async () => {
  const page = await open(`${server.url}index.html`);
  await widgetReady(page);
  assert.ok(!page.fetched.includes(FULL), 'the full module is not part of the first load');

  await w(page, 'button[data-flow="park"]').click();
  await w(page, NAME).waitFor();
  assert.ok(page.fetched.includes('/pkg/hrs_widget_bg.wasm'), 'the wizard module is fetched');
  assert.ok(!page.fetched.includes(FULL), 'the full module is not part of the wizard');
  const name = w(page, NAME);
  await name.click();
  await name.pressSequentially('甲园二期');
  // The date on screen and the language are the user's too, not only the answers.
  const date = w(page, '#hrs-as-of');
  await date.fill('2024-06-30'); // a date input takes no key-by-key typing in Chromium
  await w(page, 'button.lang-toggle').click();
  await w(page, 'button.home').click();

  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, '.trainer').waitFor({ timeout: 30000 });
  assert.ok(page.fetched.includes(FULL), 'the full module is fetched when the trainer is opened');
  assert.equal(await w(page, '.widget').getAttribute('lang'), 'en', 'the language chosen stays');
  await screenshot(page, 'on-demand-trainer');

  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="park"]').click();
  assert.equal(await w(page, NAME).inputValue(), '甲园二期', 'what was typed before the switch is there');
  assert.equal(await w(page, '#hrs-as-of').inputValue(), '2024-06-30', 'the date chosen stays');
  // And it is the full module that is running now: the comparison opens without another fetch.
  const before = page.fetched.filter((f) => f === FULL).length;
  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="compare"]').click();
  await w(page, '.compare').waitFor();
  assert.equal(page.fetched.filter((f) => f === FULL).length, before);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('a reload while the trainer is open starts the full module again, and a widget that keeps nothing in storage still hands its answers over', async () => {
  const page = await open(`${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, '.trainer').waitFor({ timeout: 30000 });
  await page.reload();
  await w(page, '.trainer').waitFor({ timeout: 30000 });

  // mount() with storageKey: false: the state goes across in the call, not through storage.
  await page.evaluate(async () => {
    const { mount } = await import('/hrs-widget.js');
    const host = document.createElement('div');
    host.id = 'nokeep';
    document.body.append(host);
    window.nokeep = await mount(host, { storageKey: false });
  });
  const n = (sel) => page.locator(`#nokeep ${sel}`).first();
  await n('button[data-flow="organisation"]').click();
  const org = n('[data-name="organisation.name"] input');
  await org.click();
  await org.pressSequentially('乙机构');
  await n('button.home').click();
  await n('button[data-flow="compare"]').click();
  await n('.compare').waitFor({ timeout: 30000 });
  await n('button[data-action="home"]').click();
  await n('button[data-flow="organisation"]').click();
  assert.equal(await n('[data-name="organisation.name"] input').inputValue(), '乙机构');
  assert.equal(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes('nokeep')).length), 0,
    'nothing of the widget that keeps nothing went to localStorage');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('when the full module cannot be fetched, the first module says so and the way back to the start works', async () => {
  const page = await open(`${server.url}index.html`);
  await page.route(`**${FULL}`, (route) => route.abort());
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  const name = w(page, NAME);
  await name.click();
  await name.pressSequentially('丙园');
  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="compare"]').click();
  const alert = w(page, '.on-demand [role="alert"]');
  await alert.waitFor({ timeout: 30000 });
  assert.match(await alert.textContent(), /培训和对比功能未能载入.*您填写的内容已保存/);
  await screenshot(page, 'on-demand-failed');
  await w(page, '.on-demand button.home').click();
  await w(page, 'button[data-flow="park"]').click();
  assert.equal(await w(page, NAME).inputValue(), '丙园');
  await page.context().close();
});
