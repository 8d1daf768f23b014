// The results as a person reads and prints them (issue 10 items 6, 8, 9):
// - 就高从优、不重复享受 explained with the numbers (the sentence comes from the core);
// - the edition's content hash once, as a short 版本校验码 in the results' details line;
// - on a 360 px phone the amounts table stacks (each value beside its column's name), at 1280 px
//   it is a table;
// - 下一步 / 上一步 scroll to the new step's heading and put focus there; a step tab does not, and
//   typing right after any step change never loses a key;
// - the print starts with the name, the applicant and the headline; no screen chrome; citations
//   written out; the expiry notice once.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axe, launch, openPage, screenshot, SCREENSHOT_DIR, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const repo = (p) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const active = (page) => page.evaluate(() => {
  const a = document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement;
  return a ? (a.closest('[data-name]')?.dataset.name || a.id || a.tagName) : null;
});
/** The widget's visible text (innerText: what a person reads, closed details excluded). */
const visible = (page, sel = '.widget') => w(page, sel).evaluate((el) => el.innerText);

async function typeDate(page, mmddyyyy) {
  await w(page, '.policy-header input[type=date]').focus();
  await page.keyboard.type(mmddyyyy);
  await page.keyboard.press('Tab');
}

/** Opens a flow, goes to its last step (results and export) and imports an example answers file. */
async function importExample(page, flow, file) {
  await w(page, `button[data-flow="${flow}"]`).click();
  const tabs = page.locator(`${W} nav.progress button.step-link`);
  await tabs.nth((await tabs.count()) - 1).click();
  await w(page, 'input[data-action="import-answers"]').setInputFiles(repo(`src/policy/examples/${file}`));
  await w(page, '.notices').waitFor();
}

test('organisation: 就高从优 with the numbers; check code once; amounts table at 1280 px and stacked at 360 px', async () => {
  for (const viewport of [{ width: 1280, height: 900 }, { width: 360, height: 740 }]) {
    const page = await openPage(browser, `${server.url}index.html`, { viewport });
    await widgetReady(page);
    await typeDate(page, '06302024');
    await importExample(page, 'organisation', 'organisation-both-branches.json');
    const nondup = w(page, 'ul.nondup li');
    assert.equal(
      (await nondup.locator('.nondup-why').innerText()).trim(),
      '第三条两项奖励只能拿一项，按金额高的算：知名品牌入驻奖励 10–20 万元 高于 自治区级骨干或诚信示范企业总部入驻补贴 10 万元，所以计入前者。',
    );
    // The given-up measure says so in its row, in words (no id).
    const hq = w(page, 'table.amounts tr[data-measure="measures.3.hq"]');
    assert.match(await hq.innerText(), /就高从优：让位于 第三条 知名品牌入驻奖励/);
    // The content hash: once, 8 hex digits, labelled 版本校验码, in the results' details line — not in the header.
    const text = await visible(page);
    const codes = text.match(/版本校验码 [0-9a-f]{8}\b/g) ?? [];
    assert.equal(codes.length, 1, `one 版本校验码: ${codes}`);
    assert.doesNotMatch(text, /sha256|[0-9a-f]{12}/);
    assert.doesNotMatch(await visible(page, '.policy-header'), /版本校验码|[0-9a-f]{8}/);
    assert.match(await visible(page, '.results .edition-stamp'), /^政策版本 包府办发〔2022〕55号 · 版本校验码 [0-9a-f]{8} · 评估日期 2024-06-30$/);
    // One vocabulary: the core's words, never the old ones or an id.
    assert.doesNotMatch(text, /未知|待评审|由评审判断|measures\.\d|park · 第|plan\/measures/);
    // The amounts table.
    const table = w(page, 'table.amounts');
    await table.scrollIntoViewIfNeeded();
    const cells = await page.locator(`${W} table.amounts tbody td`).evaluateAll((tds) => tds.map((td) => {
      const r = td.getBoundingClientRect();
      return { display: getComputedStyle(td).display, width: r.width, label: getComputedStyle(td, '::before').content, text: td.innerText };
    }));
    assert.ok(cells.length >= 12, `cells: ${cells.length}`);
    if (viewport.width === 360) {
      for (const c of cells) {
        assert.equal(c.display, 'grid', 'stacked: each value beside its column name');
        assert.ok(c.width > 250, `a cell as wide as the card (${c.width} px): ${c.text}`);
        assert.match(c.label, /^"(类别|金额区间|计入)"$/);
      }
      assert.equal(await w(page, 'table.amounts thead').evaluate((el) => el.getBoundingClientRect().height <= 1), true, 'the header row is only for screen readers');
      // No line of a cell is a single character: the money reads on one or two lines.
      const money = await w(page, 'table.amounts tr[data-measure="measures.3.brand"] td.money').evaluate((td) => td.getBoundingClientRect().height);
      assert.ok(money < 80, `the amount takes ${money} px`);
    } else {
      for (const c of cells) assert.equal(c.display, 'table-cell');
      const widths = await page.locator(`${W} table.amounts thead th`).evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width));
      for (const width of widths) assert.ok(width > 90, `column ${width} px`);
    }
    await table.screenshot({ path: `${SCREENSHOT_DIR}amounts-${viewport.width}.png` });
    await w(page, 'ul.nondup').screenshot({ path: `${SCREENSHOT_DIR}nondup-${viewport.width}.png` });
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('下一步 / 上一步 move to the new step heading (in view, focused); a step tab then typing at once loses no key', async () => {
  for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 900 }]) {
    const page = await openPage(browser, `${server.url}index.html`, { viewport });
    await widgetReady(page);
    await w(page, 'button[data-flow="park"]').click();
    await w(page, 'button.next').click();
    await w(page, '.wizard[data-step="1"]').waitFor();
    await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement?.id === 'hrs-step-title');
    const inView = async () => w(page, '#hrs-step-title').evaluate((h) => {
      const r = h.getBoundingClientRect();
      return r.top >= -1 && r.bottom <= window.innerHeight + 1;
    });
    assert.ok(await inView(), 'the new step heading is in view');
    // Screen readers hear the new step's title; a keyboard user tabs on from it.
    assert.match(await w(page, '#hrs-step-title').innerText(), /资格限制/);
    await w(page, 'button.next').click();
    await w(page, '.wizard[data-step="2"]').waitFor();
    await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement?.id === 'hrs-step-title');
    await w(page, 'button.back').click();
    await w(page, '.wizard[data-step="1"]').waitFor();
    await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement?.id === 'hrs-step-title');
    assert.ok(await inView());
    // What the person sees right after 上一步: the step's heading at the top of the view, focused.
    await page.screenshot({ path: `${SCREENSHOT_DIR}step-focus-${viewport.width}.png` });
    // A step tab, then straight into a field, typing at once: every key is kept, focus stays.
    for (let round = 0; round < 3; round++) {
      await w(page, 'nav.progress button.step-link:has-text("建筑面积")').click();
      const box = w(page, '[data-name="park.floor_area_m2"] input[type=text]');
      await box.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(`35${round}0`);
      await page.waitForTimeout(120); // longer than the widget's focus delay
      assert.equal(await box.inputValue(), `35${round}0`, 'no key lost');
      assert.equal(await active(page), 'park.floor_area_m2', 'focus stayed in the field');
      await w(page, 'nav.progress button.step-link:has-text("集聚规模")').click();
      const rev = w(page, '[data-name="park.revenue_this_year_yuan"] input[type=text]');
      await rev.click();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('1.2亿');
      await page.waitForTimeout(120);
      assert.equal(await rev.inputValue(), '1.2亿');
      assert.equal(await active(page), 'park.revenue_this_year_yuan');
    }
    // 下一步, then a click into a field before the heading is focused: the keys still land.
    await w(page, 'nav.progress button.step-link:has-text("建筑面积")').click();
    await w(page, 'button.next').click();
    const rev = w(page, '[data-name="park.revenue_this_year_yuan"] input[type=text]');
    await rev.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('820万');
    await page.waitForTimeout(120);
    assert.equal(await rev.inputValue(), '820万');
    assert.match(await w(page, '[data-name="park.revenue_this_year_yuan"] .readback').innerText(), /8,200,000\.00 元/);
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

/** Prints the page to PDF (A4, print media) and returns its text and the path of page 1 as PNG. */
async function printed(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  const dir = mkdtempSync(join(tmpdir(), 'hrs-results-print-'));
  writeFileSync(join(dir, `${name}.pdf`), pdf);
  const text = execFileSync('pdftotext', [join(dir, `${name}.pdf`), '-'], { encoding: 'utf8' });
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '2', join(dir, `${name}.pdf`), `${SCREENSHOT_DIR}${name}`]);
  await page.emulateMedia({ media: 'screen' });
  return text;
}
const squeeze = (s) => s.replace(/\s+/g, '');

test('print of the results: name, applicant, headline first; no screen chrome; citations written out; expiry notice once', async () => {
  // A park, evaluated today (after the notice's last day): the headline says so, once.
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await importExample(page, 'park', 'park-passes.json');
  const headline = (await w(page, '.headline-text').innerText()).trim();
  assert.match(headline, /^不能据此申报/);
  const text = squeeze(await printed(page, 'print-park'));
  const at = (s) => text.indexOf(squeeze(s));
  // The print begins with the park's name (pdftotext reads the large bold name before its
  // "园区：" label), then the applicant, then the headline.
  assert.ok(text.startsWith(squeeze('包头市人力资源服务产业园（示例）')), text.slice(0, 200));
  assert.ok(at('申报主体：昆都仑区人民政府') > 0 && at('申报主体：昆都仑区人民政府') < 60, text.slice(0, 200));
  assert.ok(at('申报主体：昆都仑区人民政府') < at(headline));
  for (const chrome of ['第10步，共10步', '结果随答案实时更新', '下一步', '上一步', '返回首页', '导出答案文件', '导入答案文件', '有效期：', '评估结果']) {
    assert.equal(at(chrome), -1, `no screen chrome in the print: ${chrome}`);
  }
  // Citations written out: the article in words and its original sentence.
  assert.ok(at('《管理办法》第四条（二）：“园区建筑总面积原则上不低于3000平方米”') > 0, 'the original sentence is printed');
  // The expiry notice once (the headline says it).
  assert.equal(text.split('不在有效期内').length - 1, 1, 'the expiry notice once');
  assert.equal(text.split('版本校验码').length - 1, 1, 'the check code once');
  // The signature block closes it.
  assert.ok(at('负责人签字') > at(headline));
  assert.deepEqual(page.errors, []);
  await page.context().close();

  // An organisation, in force: its name and code first, then the headline; 就高从优 with the numbers.
  const org = await openPage(browser, `${server.url}index.html`);
  await widgetReady(org);
  await typeDate(org, '06302024');
  await importExample(org, 'organisation', 'organisation-both-branches.json');
  const orgHeadline = (await w(org, '.headline-text').innerText()).trim();
  const todo = await org.locator(`${W} .headline ol.todo:not(.todo-print) li .label`).evaluateAll((ls) => ls.map((l) => l.textContent));
  assert.ok(todo.length > 6, `more items than shown at once: ${todo.length}`);
  const t2 = squeeze(await printed(org, 'print-organisation'));
  const at2 = (s) => t2.indexOf(squeeze(s));
  assert.ok(t2.startsWith(squeeze('示例人力资源服务股份有限公司（总部）')), t2.slice(0, 200));
  assert.ok(at2('申报主体：示例人力资源服务股份有限公司（总部）（91150291MA0Q1W2E39）') > 0, t2.slice(0, 300));
  assert.ok(at2('申报主体：') < at2(orgHeadline), 'applicant before the headline');
  assert.ok(at2('第三条两项奖励只能拿一项，按金额高的算') > at2(orgHeadline));
  assert.equal(at2('不在有效期内'), -1);
  // Every item to settle is on paper, also those behind "另有 N 项待确认" on screen.
  for (const label of todo) assert.ok(at2(label) > at2(orgHeadline), `printed: ${label}`);
  assert.equal(at2('项待确认▶'), -1);
  assert.equal(at2('结果随答案实时更新'), -1);
  assert.deepEqual(org.errors, []);
  await org.context().close();
});

test('one vocabulary on screen: no old verdict word, no internal id, no hash on any step of any shipped example (zh-CN)', async () => {
  const examples = readdirSync(repo('src/policy/examples')).filter((f) => f.endsWith('.json'));
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await typeDate(page, '06302024');
  const bad = /未知|待评审|由评审判断|sha256|(?<![\w./-])(measures|park|organisation|nodup)\.[0-9a-z]|park · 第|plan\/measures/;
  const seen = [];
  for (const file of examples) {
    const flow = file.startsWith('park') ? 'park' : 'organisation';
    await w(page, 'button.home').click().catch(() => {});
    await importExample(page, flow, file);
    const tabs = page.locator(`${W} nav.progress button.step-link`);
    const n = await tabs.count();
    for (let i = 0; i < n; i++) {
      await tabs.nth(i).click();
      await w(page, `.wizard[data-step="${i}"]`).waitFor();
      const text = await visible(page);
      const m = text.match(bad);
      assert.equal(m, null, `${file}, step ${i + 1}: ${m?.[0]} in …${m ? text.slice(Math.max(0, m.index - 60), m.index + 60) : ''}…`);
    }
    seen.push(`${file}: ${n} steps`);
  }
  assert.ok(seen.length >= 10, seen.join('\n'));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
