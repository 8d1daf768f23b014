// Trainer mode as it is used projected in a room (issue 14), at 1280×720 and 1920×1080: large type
// that really enlarges, the presenter layout (what-if toggles beside the live verdicts, changes
// highlighted, keyboard driven), samples that tell a story, the article browser with contents and
// search, the self-test for officials, English chrome. And issue 12 item 2: a trainer sample never
// touches the user's own answers. axe-core must report 0 violations; screenshots are looked at.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { axe, launch, openPage, SCREENSHOT_DIR, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const all = (page, sel) => page.locator(`${W} ${sel}`);
const HD = { width: 1280, height: 720 };
const FULL_HD = { width: 1920, height: 1080 };

async function noAxe(page, where) {
  const v = await axe(page);
  assert.deepEqual(v, [], `axe violations on ${where}: ${JSON.stringify(v)}`);
}
/** What the room sees: the viewport only (and the whole page beside it). */
async function shots(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png` });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}-full.png`, fullPage: true });
}
/** Computed font size (px) of the first element matching `sel` inside the widget. */
const fontSize = (page, sel) => page.evaluate((sel) => {
  const el = document.querySelector('hrs-policy-widget#widget').shadowRoot.querySelector(sel);
  return el ? parseFloat(getComputedStyle(el).fontSize) : NaN;
}, sel);
/** Nothing scrolls sideways: the page, and every box inside the widget that could. */
const sideways = (page) => page.evaluate(() => {
  const out = [];
  const doc = document.scrollingElement;
  if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
  const root = document.querySelector('hrs-policy-widget#widget').shadowRoot;
  for (const el of root.querySelectorAll('*')) {
    const s = getComputedStyle(el);
    if (['auto', 'scroll'].includes(s.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) {
      out.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`);
    }
  }
  return out;
});
/** The element's box lies inside the viewport. */
async function inViewport(page, locator, what) {
  const box = await locator.boundingBox();
  const vp = page.viewportSize();
  assert.ok(box, `${what} has no box`);
  assert.ok(box.y >= 0 && box.y + Math.min(box.height, 60) <= vp.height && box.x >= 0 && box.x + box.width <= vp.width,
    `${what} is outside the ${vp.width}×${vp.height} viewport: ${JSON.stringify(box)}`);
  return box;
}
async function openTrainer(page) {
  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, '.trainer').waitFor();
}
const verdict = (page, rule) => w(page, `.presenter-results li.condition[data-rule="${rule}"]`).getAttribute('data-verdict');

test('large type enlarges body text, inputs, table cells and badges by ≥ 150 %, survives reload, no sideways scroll at 1280×720', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: HD });
  await widgetReady(page);
  await openTrainer(page);
  await w(page, 'button[data-sample="organisation-capped"]').click();
  await w(page, '.presenter-results table.amounts td').waitFor();
  const pieces = {
    'body text': '.policy-header p:not([class])',
    'an input': '#hrs-as-of',
    'a table cell': '.presenter-results table.amounts td',
    'a badge': '.presenter-results .badge',
    'a button': 'button.home',
  };
  const normal = {};
  for (const [k, sel] of Object.entries(pieces)) normal[k] = await fontSize(page, sel);
  await w(page, 'button.large-toggle').click();
  assert.equal(await w(page, 'button.large-toggle').getAttribute('aria-pressed'), 'true');
  const large = {};
  for (const [k, sel] of Object.entries(pieces)) large[k] = await fontSize(page, sel);
  for (const k of Object.keys(pieces)) {
    assert.ok(large[k] / normal[k] >= 1.5 - 1e-9, `${k}: ${normal[k]}px → ${large[k]}px is less than 150 %`);
  }
  console.log('font sizes (px) normal → large:', JSON.stringify(Object.fromEntries(Object.keys(pieces).map((k) => [k, `${normal[k]} → ${large[k]}`]))));
  assert.deepEqual(await sideways(page), [], 'sideways scroll in large type at 1280×720');
  await shots(page, 'trainer-large-type-1280x720');
  // Saved with the state: a reload keeps large type (and the trainer's sample).
  await page.waitForTimeout(400);
  await page.reload();
  await widgetReady(page);
  // The saved trainer state opens the wizard module, which hands over to the full one (issue 17):
  // the trainer is there once the full module has restored the state.
  await w(page, '.trainer').waitFor({ timeout: 30000 });
  assert.equal(await w(page, 'button.large-toggle').getAttribute('aria-pressed'), 'true');
  assert.equal(await fontSize(page, '#hrs-as-of'), large['an input']);
  assert.equal(await w(page, 'button[data-sample="organisation-capped"]').getAttribute('aria-pressed'), 'true');
  // Every screen reflows: the start screen and the park wizard too.
  await w(page, 'button.home').click();
  assert.deepEqual(await sideways(page), [], 'start screen');
  await w(page, 'button[data-flow="park"]').click();
  for (let i = 0; i < 10; i++) {
    await w(page, `nav.progress li:nth-child(${i + 1}) button`).click();
    assert.deepEqual(await sideways(page), [], `park step ${i + 1}`);
  }
  await shots(page, 'wizard-large-type-1280x720');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

for (const viewport of [HD, FULL_HD]) {
  const size = `${viewport.width}x${viewport.height}`;
  test(`presenter at ${size}: toggles and live verdicts on one screen in large type; a keyboard flip of 第四条(三) is highlighted`, async () => {
    const page = await openPage(browser, `${server.url}index.html`, { viewport });
    await widgetReady(page);
    await w(page, 'button.large-toggle').click();
    await openTrainer(page);
    await w(page, 'button[data-sample="park-passes"]').click();
    // The chosen sample is marked, and tells its story with what to show.
    assert.equal(await w(page, 'button[data-sample="park-passes"]').getAttribute('aria-pressed'), 'true');
    assert.equal(await w(page, 'button[data-sample="park-one-firm-short"]').getAttribute('aria-pressed'), 'false');
    assert.match(await w(page, '.chosen-sample').textContent(), /20 家人力资源服务企业/);
    assert.match(await w(page, '.chosen-sample .show-hint').textContent(), /演示要点：/);
    assert.match(await w(page, '.chosen-sample').textContent(), /2024-09-30/);
    assert.equal(await w(page, '#hrs-as-of').inputValue(), '2024-09-30', 'the sample is told at its date');
    await page.waitForTimeout(300);
    const chain = w(page, 'button.what-if-toggle[data-name="park.complete_service_chain"]');
    // Toggles and live verdicts share the screen as soon as a sample is chosen.
    await inViewport(page, w(page, 'button.what-if-toggle'), 'the first toggle');
    await inViewport(page, w(page, '.presenter-results .summary'), 'the results summary');
    await inViewport(page, w(page, '.presenter-results li.condition'), 'the first verdict');
    // Keyboard only, as from a presenter remote: focus the first toggle, arrow down to the
    // chain toggle, Enter flips it.
    await w(page, 'button.what-if-toggle').focus();
    const names = await all(page, 'button.what-if-toggle').evaluateAll((bs) => bs.map((b) => b.dataset.name));
    const at = names.indexOf('park.complete_service_chain');
    assert.ok(at > 0, `no chain toggle among ${names}`);
    for (let i = 0; i < at; i++) await page.keyboard.press('ArrowDown');
    const focused = await page.evaluate(() => document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement?.dataset.name);
    assert.equal(focused, 'park.complete_service_chain', 'arrow keys move between toggles');
    assert.equal(await chain.getAttribute('aria-pressed'), 'true');
    const before = await verdict(page, 'park.4.3.chain');
    await page.keyboard.press('Enter');
    assert.equal(await chain.getAttribute('aria-pressed'), 'false');
    assert.equal(await verdict(page, 'park.4.3.chain'), 'not_met');
    // The change is named in words and its card highlighted, both on screen with the toggle.
    const card = w(page, '.presenter-results li.condition[data-rule="park.4.3.chain"]');
    await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
      .querySelector('.presenter-results li.condition[data-rule="park.4.3.chain"][data-changed]'));
    const changes = await w(page, '.presenter-changes').textContent();
    assert.match(changes, /《管理办法》第四条（三）/);
    assert.match(changes, /→\s*不符合/);
    assert.doesNotMatch(changes, /park\.4/, 'no rule ids');
    await inViewport(page, chain, 'the chain toggle after the flip');
    await inViewport(page, card, 'the flipped 第四条(三) card');
    const outline = await card.evaluate((el) => getComputedStyle(el).outlineStyle);
    assert.equal(outline, 'solid', 'the changed card is highlighted');
    await shots(page, `trainer-presenter-${size}`);
    await noAxe(page, `presenter ${size}`);
    // Space flips it back; after a few seconds the highlight is gone.
    await page.keyboard.press('Space');
    assert.equal(await chain.getAttribute('aria-pressed'), 'true');
    assert.equal(await verdict(page, 'park.4.3.chain'), before);
    await page.waitForTimeout(4600);
    assert.equal(await all(page, '[data-changed]').count(), 0, 'the highlight fades');
    // An amount that moves is highlighted too (organisation sample, contribution cap).
    await w(page, 'button[data-sample="organisation-capped"]').click();
    const contribution = w(page, '.what-if [data-name="organisation.local_contribution_two_years_yuan"] input[type=text]');
    await contribution.fill('');
    await contribution.pressSequentially('90000');
    assert.equal(await contribution.inputValue(), '90000', 'typing keeps the focus in the field');
    await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot
      .querySelector('.presenter-changes')?.textContent.includes('· 9 万元'));
    assert.ok(await all(page, '.presenter-results [data-measure="measures.3.brand"][data-changed]').count() > 0);
    assert.match(await w(page, '.presenter-changes').textContent(), /《十项措施》第三条.*→\s*可享受 · 9 万元/);
    await shots(page, `trainer-presenter-amount-${size}`);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
}

test('issue 12 item 2: a trainer sample never overwrites the user\'s answers; leaving the trainer and reloading shows what was typed', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: HD });
  await widgetReady(page);
  await w(page, 'button[data-flow="park"]').click();
  await w(page, 'nav.progress button.step-link:has-text("建筑面积")').click();
  // Moving to a step focuses its heading; a person starts typing after the step is shown.
  await w(page, '.step-title:has-text("建筑面积")').waitFor();
  const area = w(page, '[data-name="park.floor_area_m2"] input[type=text]');
  await area.click();
  await area.pressSequentially('4321');
  const investor = w(page, '[data-name="park.investor"] input[type=text]');
  await investor.pressSequentially('我的投资公司');
  await w(page, 'button.home').click();
  const asOf = await w(page, '#hrs-as-of').inputValue();
  await openTrainer(page);
  await w(page, 'button[data-sample="park-passes"]').click();
  await w(page, 'button.what-if-toggle[data-name="park.physically_concentrated"]').click();
  await w(page, '.what-if [data-name="park.floor_area_m2"] input[type=text]').fill('');
  await w(page, '.what-if [data-name="park.floor_area_m2"] input[type=text]').pressSequentially('2999');
  assert.equal(await verdict(page, 'park.4.2.area'), 'not_met');
  await w(page, 'button.home').click();
  assert.equal(await w(page, '#hrs-as-of').inputValue(), asOf, 'the user\'s evaluation date comes back');
  await w(page, 'button[data-flow="park"]').click();
  await w(page, 'nav.progress button.step-link:has-text("建筑面积")').click();
  assert.equal(await area.inputValue(), '4321');
  assert.equal(await investor.inputValue(), '我的投资公司');
  assert.equal(await w(page, '[data-name="park.physically_concentrated"] input:checked').count(), 0, 'the sample\'s toggle did not leak');
  await page.waitForTimeout(400);
  await page.reload();
  await widgetReady(page);
  await w(page, 'nav.progress button.step-link:has-text("建筑面积")').click();
  assert.equal(await area.inputValue(), '4321');
  assert.equal(await investor.inputValue(), '我的投资公司');
  const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('hrs-widget:v1:widget')));
  assert.equal(saved.park.park.floor_area_m2, '4321');
  assert.equal(saved.park.park.name, undefined, 'no sample field in the user\'s answers');
  // The trainer still shows its sample, with its own change.
  await w(page, 'button.home').click();
  await openTrainer(page);
  assert.equal(await w(page, 'button[data-sample="park-passes"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await verdict(page, 'park.4.2.area'), 'not_met');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('article browser: contents, one block per article, search "三年内" finds 第九条 of the park measures, clauses say in words what the widget does and jump to a sample', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: HD });
  await widgetReady(page);
  await w(page, 'button.large-toggle').click();
  await openTrainer(page);
  await w(page, 'details.article-browser summary').click();
  await w(page, '.articles article').waitFor();
  // Contents: the three documents, the park measures' four chapters, every article.
  assert.equal(await all(page, '.article-contents .contents-doc').count(), 3);
  assert.equal(await all(page, '.article-contents .chapter-name').count(), 4);
  const blocks = await all(page, '.articles article').count();
  assert.ok(blocks > 30 && blocks < 60, `${blocks} article blocks`);
  // One block per article, its clauses inside (第四条 holds six clauses).
  const art4 = w(page, 'article[data-doc="park"][data-article="第四条"]');
  assert.equal(await art4.locator('.clause[data-clause]').count(), 6);
  assert.match(await art4.locator('.clause[data-clause="(三)"] .widget-use').textContent(), /本条用于判断：人力资源服务企业不少于 20 个；园区年度营业收入不低于 1 亿元/);
  // The notice's wrapped title is one paragraph.
  assert.match(await w(page, 'article[data-doc="notice"]').textContent(), /包头市人民政府办公室关于印发《包头市人力资源服务业高质量发展行动方案》《包头市支持人力资源服务业发展十项措施》《包头市市级人力资源服务产业园管理办法》的通知/);
  // No rule ids anywhere in the browser.
  assert.doesNotMatch(await w(page, '.article-browser').textContent(), /\b(park|measures|plan)\.\d/);
  await shots(page, 'trainer-articles-1280x720');
  // Contents jump: 第十条 of the Ten Measures comes into view.
  await w(page, '.article-contents .contents-doc:nth-child(2) button:has-text("第十条")').click();
  await inViewport(page, w(page, 'article[data-doc="measures"][data-article="第十条"] h5'), '第十条 heading');
  // Search, typed key by key.
  await w(page, '#hrs-article-search').pressSequentially('三年内');
  await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot.querySelectorAll('.articles article').length < 5);
  const hits = await all(page, '.articles article').evaluateAll((as) => as.map((a) => `${a.dataset.doc} ${a.dataset.article}`));
  assert.ok(hits.includes('park 第九条'), `hits: ${hits}`);
  assert.match(await w(page, '.search-hits').textContent(), /包含“三年内”/);
  assert.equal(await w(page, 'article[data-article="第九条"] mark').textContent(), '三年内');
  const nine = w(page, 'article[data-doc="park"][data-article="第九条"]');
  assert.match(await nine.locator('.widget-use').first().textContent(), /判断：未处于取消资格后三年内/);
  await shots(page, 'trainer-articles-search-1280x720');
  await noAxe(page, 'article browser');
  // …and jumps to the sample where it matters.
  await nine.locator('button.show-sample').click();
  assert.equal(await w(page, 'button[data-sample="park-cancelled"]').getAttribute('aria-pressed'), 'true');
  assert.equal(await verdict(page, 'park.9.barred'), 'not_met');
  // Nothing found says so.
  await w(page, '#hrs-article-search').fill('');
  await w(page, '#hrs-article-search').pressSequentially('不存在的词');
  assert.match(await w(page, '.search-hits').textContent(), /没有“不存在的词”/);
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('self-test for officials: a summary, cases grouped by article, each a sentence with its expected answer, expandable to its inputs', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: HD });
  await widgetReady(page);
  await openTrainer(page);
  await w(page, 'details.self-test summary').click();
  const summary = w(page, '.self-test-summary');
  await summary.waitFor();
  const n = await all(page, '.self-test li.case').count();
  assert.ok(n >= 130, `${n} cases`);
  assert.match(await summary.textContent(), new RegExp(`本计算器用 ${n} 个条文案例自检：全部通过`));
  assert.equal(await summary.getAttribute('data-fail'), '0');
  const groups = await all(page, '.case-group h4').allTextContents();
  assert.ok(groups.length >= 12, `${groups.length} groups`);
  assert.ok(groups.some((g) => g.startsWith('《管理办法》第四条')), groups.join(' | '));
  assert.ok(groups.some((g) => g.startsWith('《十项措施》第三条')), groups.join(' | '));
  // A case reads as the policy's sentence with its expected answer, and opens to its inputs.
  const area = w(page, '.case-group[data-article="第四条"] li.case:has-text("2999 平方米")');
  assert.match(await area.locator('summary').textContent(), /2999 平方米.*→.*《管理办法》第四条（二）.*不符合/);
  await area.locator('summary').click();
  assert.match(await area.locator('.case-inputs').textContent(), /园区建筑总面积.*2999/);
  const text = await w(page, '.self-test').textContent();
  assert.doesNotMatch(text, /\b(park|measures)\.\d/, 'no rule ids');
  assert.doesNotMatch(text, /holds in the passing/, 'no templated texts');
  await shots(page, 'trainer-self-test-1280x720');
  await noAxe(page, 'self-test');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('English trainer: English punctuation and one money system (CNY) throughout', async () => {
  const page = await openPage(browser, `${server.url}index.html`, { viewport: FULL_HD });
  await widgetReady(page);
  await w(page, 'button.lang-toggle').click();
  await openTrainer(page);
  await w(page, 'button[data-sample="organisation-capped"]').click();
  await w(page, 'details.self-test summary').click();
  await w(page, 'details.article-browser summary').click();
  await w(page, '.self-test-summary').waitFor();
  await w(page, '.articles article').waitFor();
  assert.match(await w(page, '.self-test-summary').textContent(), /This calculator checks itself against \d+ cases drawn from the articles: all pass/);
  // English text outside quoted originals (lang="zh-CN") and article numbers.
  const english = await page.evaluate(() => {
    const root = document.querySelector('hrs-policy-widget#widget').shadowRoot;
    const out = [];
    const walk = (n) => {
      for (const c of n.childNodes) {
        if (c.nodeType === 3) {
          if (!c.parentElement.closest('[lang="zh-CN"]') && c.textContent.trim()) out.push(c.textContent);
        } else if (c.nodeType === 1 && !['STYLE', 'SCRIPT'].includes(c.tagName)) walk(c);
      }
    };
    walk(root);
    return out.join('\n');
  });
  const bad = english.split('\n').filter((t) => /[：；，。（）]|万元/.test(t.replace(/[（(][一二三四五六七八九十]+[)）]/g, '')));
  assert.deepEqual(bad, [], 'Chinese punctuation or 万元 in English chrome');
  assert.match(english, /CNY 100,000\.00–126,500\.00/);
  await shots(page, 'trainer-english-1920x1080');
  await noAxe(page, 'English trainer');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
