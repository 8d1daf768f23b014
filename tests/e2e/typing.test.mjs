// Typing as a person does, in zh-CN: every field kind (text, money, area, count, date, roster cell)
// typed key by key; the whole value stays in the box, focus stays in the field, and the line under
// it says what the number was read as. Input-method composition (synthetic events and Chromium's
// own IME emulation over CDP) commits nothing until the composition ends, then keeps it whole.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, openPage, screenshot, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const input = (page, path) => w(page, `[data-name="${path}"] input:not([type=checkbox]):not([type=radio])`);
const readBack = (page, path) => w(page, `[data-name="${path}"] .readback`);
const focusedId = (page) => page.evaluate(() =>
  document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement?.id ?? null);
async function goToStep(page, title) {
  await w(page, `nav.progress button.step-link:has-text("${title}")`).click();
  await w(page, `.step-title:has-text("${title}")`).waitFor();
}
/** Clicks the field, types `text` key by key, checks focus never left and the whole text is kept. */
async function typeInto(page, path, text) {
  const box = input(page, path);
  await box.click();
  const id = await box.getAttribute('id');
  for (const ch of text) {
    await box.pressSequentially(ch);
    assert.equal(await focusedId(page), id, `focus left ${path} after typing ${JSON.stringify(ch)}`);
  }
  assert.equal(await box.inputValue(), text, `${path} keeps the whole typed text`);
  return box;
}
async function clear(page, path) {
  const box = input(page, path);
  await box.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
}

test('every field kind keeps what is typed key by key, with its read-back (zh-CN)', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();

  // Text.
  await typeInto(page, 'park.name', '包头市人力资源服务产业园');
  // Money, as people write it.
  await goToStep(page, '集聚规模');
  const money = 'park.revenue_this_year_yuan';
  for (const [typed, shown] of [
    ['8200000', '= 8,200,000.00 元 / 820 万元'],
    ['8,200,000', '= 8,200,000.00 元 / 820 万元'],
    ['820万', '= 8,200,000.00 元 / 820 万元'],
    ['820万元', '= 8,200,000.00 元 / 820 万元'],
    ['１.２亿', '= 120,000,000.00 元 / 12000 万元'],
    ['８２０００００', '= 8,200,000.00 元 / 820 万元'],
  ]) {
    await clear(page, money);
    await typeInto(page, money, typed);
    assert.equal((await readBack(page, money).textContent()).trim(), shown, typed);
    assert.equal(await input(page, money).getAttribute('aria-invalid'), 'false', typed);
  }
  await screenshot(page, 'typing-money-readback');
  // Refused with a plain message, the typed text kept.
  for (const [typed, msg] of [['三百万', /请输入数字/], ['-5', /不能为负数/], ['1000000亿零', /请输入数字/], ['200万亿', /金额过大/], ['0.001', /分/]]) {
    await clear(page, money);
    await typeInto(page, money, typed);
    assert.match(await w(page, `[data-name="${money}"] .field-error`).textContent(), msg, typed);
    assert.equal(await readBack(page, money).textContent(), '', `${typed}: no read-back for a refused number`);
  }
  await clear(page, money);
  await typeInto(page, money, '1.2亿');
  assert.equal(await w(page, `[data-name="${money}"] .field-error`).textContent(), '');

  // Roster cell (a money column and a text column).
  await w(page, 'button.add-row').click();
  await typeInto(page, 'park.roster[0].name', '包头某人力资源有限公司');
  await typeInto(page, 'park.roster[0].revenue_yuan', '820万');
  assert.equal((await readBack(page, 'park.roster[0].revenue_yuan').textContent()).trim(), '= 8,200,000.00 元 / 820 万元');

  // Area.
  await goToStep(page, '建筑面积');
  await typeInto(page, 'park.floor_area_m2', '3500平方米');
  assert.equal((await readBack(page, 'park.floor_area_m2').textContent()).trim(), '= 3,500 平方米');
  assert.equal(await w(page, 'li.condition[data-rule="park.4.2.area"]').getAttribute('data-verdict'), 'met');
  await clear(page, 'park.floor_area_m2');
  await typeInto(page, 'park.floor_area_m2', '2,999㎡');
  assert.equal(await w(page, 'li.condition[data-rule="park.4.2.area"]').getAttribute('data-verdict'), 'not_met');

  // Count.
  await goToStep(page, '经济社会效益');
  await typeInto(page, 'park.events_held', '12');
  await clear(page, 'park.events_held');
  await typeInto(page, 'park.events_held', '3场');
  assert.equal((await readBack(page, 'park.events_held').textContent()).trim(), '= 3');
  await clear(page, 'park.events_held');
  await typeInto(page, 'park.events_held', '2.5');
  assert.match(await w(page, '[data-name="park.events_held"] .field-error').textContent(), /整数/);

  // Date: typed into the date box with the keyboard. The box's segment order follows the
  // browser's own UI language (en-US in this headless Chromium: month, day, year), not the page's.
  await goToStep(page, '资格限制');
  await w(page, '[data-name="park.previously_cancelled"] input[value="yes"]').check();
  const date = w(page, '[data-name="park.cancelled_on"] input[type=date]');
  await date.focus();
  await page.keyboard.type('03012023');
  await page.keyboard.press('Tab');
  assert.equal(await date.inputValue(), '2023-03-01');

  // Everything typed is still there after moving around the steps.
  await goToStep(page, '集聚规模');
  assert.equal(await input(page, money).inputValue(), '1.2亿');
  assert.equal(await input(page, 'park.roster[0].name').inputValue(), '包头某人力资源有限公司');
  await goToStep(page, '基本信息');
  assert.equal(await input(page, 'park.name').inputValue(), '包头市人力资源服务产业园');
  assert.deepEqual(await axe(page), []);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('input method: nothing is committed while composing; the composed text is kept whole', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await goToStep(page, '集聚规模');
  const money = 'park.revenue_this_year_yuan';
  await input(page, money).click();
  // Synthetic composition: full-width digits through an input method.
  await page.evaluate(() => {
    const root = document.querySelector('hrs-policy-widget#widget').shadowRoot;
    const el = root.querySelector('[data-name="park.revenue_this_year_yuan"] input[type=text]');
    el.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, composed: true, data: '' }));
    for (const part of ['８', '８２', '８２０']) {
      el.value = part;
      el.dispatchEvent(new CompositionEvent('compositionupdate', { bubbles: true, composed: true, data: part }));
      el.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, isComposing: true, data: part, inputType: 'insertCompositionText' }));
    }
  });
  await page.waitForTimeout(100);
  assert.equal(await input(page, money).inputValue(), '８２０', 'the half-composed text stays in the box');
  assert.equal(await readBack(page, money).textContent(), '', 'nothing committed while composing');
  await page.evaluate(() => {
    const root = document.querySelector('hrs-policy-widget#widget').shadowRoot;
    const el = root.querySelector('[data-name="park.revenue_this_year_yuan"] input[type=text]');
    el.value = '８２０万';
    el.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, composed: true, data: '８２０万' }));
  });
  await readBack(page, money).filter({ hasText: '820 万元' }).waitFor();
  assert.equal(await input(page, money).inputValue(), '８２０万');

  // Chromium's own IME emulation (CDP): a name composed in pinyin, then committed.
  await goToStep(page, '基本信息');
  await input(page, 'park.name').click();
  const cdp = await page.context().newCDPSession(page);
  for (const t of ['b', 'ba', 'bao', 'bao t', 'bao to', 'bao tou']) {
    await cdp.send('Input.imeSetComposition', { text: t, selectionStart: t.length, selectionEnd: t.length });
  }
  assert.equal(await input(page, 'park.name').inputValue(), 'bao tou');
  await cdp.send('Input.insertText', { text: '包头' });
  await cdp.send('Input.imeSetComposition', { text: 'shi', selectionStart: 3, selectionEnd: 3 });
  await cdp.send('Input.insertText', { text: '市' });
  assert.equal(await input(page, 'park.name').inputValue(), '包头市');
  // The committed text is the answer: it survives leaving the step and coming back.
  await goToStep(page, '资格限制');
  await goToStep(page, '基本信息');
  assert.equal(await input(page, 'park.name').inputValue(), '包头市');
  await screenshot(page, 'typing-ime');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
