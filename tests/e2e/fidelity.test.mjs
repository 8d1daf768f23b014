// Issue 11, policy fidelity, on screen: the HR-service firm count's breakdown (可核验 / 待核)
// with the rows to fix named, and a 第九条 bar ending after the notice's validity saying the
// notice will no longer be in force then. Typed key by key, asserted on the visible text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { axe, launch, openPage, screenshot, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const card = (page, rule) => w(page, `li.condition[data-rule="${rule}"]`);
async function goToStep(page, title) {
  await w(page, `nav.progress button.step-link:has-text("${title}")`).click();
  await w(page, `.step-title:has-text("${title}")`).waitFor();
}
async function waitText(locator, re) {
  for (let i = 0; i < 50; i++) {
    const t = await locator.innerText();
    if (re.test(t)) return t;
    await new Promise((r) => setTimeout(r, 100));
  }
  return locator.innerText();
}

test('the firm count shows N 家可核验 + M 家待核 and names the row to fix; a bar past 2025-12-31 says the notice will no longer be in force', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await page.evaluate(() => document.querySelector('hrs-policy-widget').setAttribute('as-of', '2024-09-30'));
  await w(page, 'button[data-flow="park"]').click();
  await goToStep(page, '结果与导出');
  await w(page, 'input[data-action="import-answers"]').setInputFiles(repo('src/policy/examples/park-passes.json'));

  await goToStep(page, '集聚规模');
  const firms = card(page, 'park.4.3.firms');
  assert.equal(await firms.getAttribute('data-verdict'), 'met');
  assert.match(await firms.innerText(), /计入 20 家 = 20 家可核验 \+ 0 家待核/);

  // Type a code whose check character is wrong into row 1: it can no longer be verified.
  const code = w(page, '[data-name="park.roster[0].uscc"] input');
  await code.click();
  await code.press('Control+A');
  await code.press('Backspace');
  await code.pressSequentially('91150200MA0000000D');
  await code.press('Tab');
  const text = await waitText(firms, /19 家可核验/);
  assert.match(text, /计入 20 家 = 19 家可核验 \+ 1 家待核/);
  assert.equal(await firms.getAttribute('data-verdict'), 'for_reviewers');
  assert.match(await firms.locator('.gap').innerText(), /第 1 行 鹿城人力资源有限公司（统一社会信用代码未通过 GB 32100-2015 校验/);
  // The reading note is in the citation's details, labelled as this tool's reading.
  await firms.locator('details.citation summary').click();
  assert.match(await firms.locator('.reading').innerText(), /本工具的解读（非原文）.*上下游服务业态/s);
  await screenshot(page, 'fidelity-firm-count');

  // 第九条: cancelled on 2023-03-01 → barred through 2026-03-01, after the notice's end.
  await goToStep(page, '第九条');
  await w(page, '[data-name="park.previously_cancelled"] input[value="yes"]').check();
  const date = w(page, '[data-name="park.cancelled_on"] input');
  // This headless Chromium lays a date field out month / day / year whatever the page's locale:
  // focus its first segment and type the digits as a person would.
  await date.focus();
  await page.keyboard.type('03012023');
  assert.equal(await date.inputValue(), '2023-03-01');
  await date.press('Tab');
  const barred = card(page, 'park.9.barred');
  const bar = await waitText(barred, /不再有效/);
  assert.equal(await barred.getAttribute('data-verdict'), 'not_met');
  assert.match(bar, /至 2026-03-01（含）不予重新认定/);
  assert.match(bar, /2026-03-02 起可重新申请认定；届时本通知已不再有效（有效期至 2025-12-31）/);
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'fidelity-bar-after-validity');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
