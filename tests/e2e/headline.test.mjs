// The results as a person reads them: one sentence at the top (computed by the core), the
// not-met items first with what it would take, each with a link that opens its step and puts
// the cursor in the field that settles it; step tabs marked where something is unmet or open;
// "not in force on this date" wins over 可以申报.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, openPage, retype, screenshot, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const W = 'hrs-policy-widget#widget';
const w = (page, sel) => page.locator(`${W} ${sel}`).first();
const focused = (page) => page.evaluate(() => {
  const a = document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement;
  return a ? (a.closest('[data-name]')?.dataset.name ?? a.id ?? a.tagName) : null;
});
async function goToStep(page, title) {
  await w(page, `nav.progress button.step-link:has-text("${title}")`).click();
  await w(page, `.step-title:has-text("${title}")`).waitFor();
}

test('park: headline, not-met items first, links to the field, step marks; 360 px too', async () => {
  for (const viewport of [{ width: 1100, height: 900 }, { width: 360, height: 740 }]) {
    const page = await openPage(browser, `${server.url}index.html`, { viewport });
    await widgetReady(page);
    // A date inside the policy's window, so the verdict is the park's own.
    await w(page, '.policy-header input[type=date]').focus();
    await page.keyboard.type('09302024');
    await page.keyboard.press('Tab');
    await w(page, 'button[data-flow="park"]').click();
    await goToStep(page, '建筑面积');
    await retype(w(page, '[data-name="park.floor_area_m2"] input[type=text]'), '2800');
    const headline = w(page, '.headline-text');
    assert.match(await headline.textContent(), /^暂不具备申报条件：1 项不符合、\d+ 项待确认。$/);
    // The first item is the not-met one, with what it would take.
    const first = w(page, '.headline ol.todo li');
    assert.equal(await first.getAttribute('data-verdict'), 'not_met');
    assert.match(await first.textContent(), /不符合.*《管理办法》第四条（二）.*建筑总面积不低于 3000 平方米.*还差 200 平方米/);
    const verdicts = await page.locator(`${W} .headline ol.todo li`).evaluateAll((ls) => ls.map((l) => l.dataset.verdict));
    assert.equal(verdicts.lastIndexOf('not_met'), 0, 'not-met first');
    // Step tabs: 建筑面积 marked unmet; 集聚规模 open.
    assert.equal(await w(page, 'nav.progress button.step-link:has-text("建筑面积")').getAttribute('data-mark'), 'bad');
    assert.equal(await w(page, 'nav.progress button.step-link:has-text("集聚规模")').getAttribute('data-mark'), 'open');
    assert.match(await w(page, 'nav.progress button.step-link:has-text("建筑面积")').textContent(), /有不符合项/);
    // The link opens the step and focuses the field.
    await goToStep(page, '运营管理');
    await w(page, '.headline ol.todo li[data-verdict="not_met"] button.goto').click();
    await w(page, '.step-title:has-text("建筑面积")').waitFor();
    await page.waitForFunction(() => document.querySelector('hrs-policy-widget#widget').shadowRoot.activeElement?.closest('[data-name]')?.dataset.name === 'park.floor_area_m2');
    assert.equal(await focused(page), 'park.floor_area_m2');
    // Typing there settles it: the headline changes at once.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3000');
    assert.doesNotMatch(await headline.textContent(), /不符合/);
    assert.equal(await w(page, 'nav.progress button.step-link:has-text("建筑面积")').getAttribute('data-mark'), 'open', 'its other questions are still open');
    // An unknown item's link: 集聚规模's roster (beyond the first six items: one click away).
    if (!(await w(page, '.headline ol.todo li[data-rule="park.4.3.firms"]').isVisible())) await w(page, '.todo-more summary').click();
    await w(page, '.headline ol.todo li[data-rule="park.4.3.firms"] button.goto').click();
    await w(page, '.step-title:has-text("集聚规模")').waitFor();
    assert.deepEqual(await axe(page), []);
    await screenshot(page, `headline-park-${viewport.width}`);
    // The parts a person looks at, at screen size: the step tabs and the headline.
    await w(page, 'nav.progress').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `artifacts/screenshots/headline-park-${viewport.width}-tabs.png` });
    await w(page, '.headline').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `artifacts/screenshots/headline-park-${viewport.width}-view.png` });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  }
});

test('not in force on the as-of date wins over 可以申报 (a passing park, today)', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, 'button[data-flow="trainer"]').click();
  await w(page, 'button[data-sample="park-passes"]').click();
  // The trainer's sample is evaluated on the chosen date (today: after the window).
  await w(page, '.headline-text').waitFor();
  const text = await w(page, '.headline-text').textContent();
  assert.match(text, /^不能据此申报：政策在 \d{4}-\d{2}-\d{2} 不在有效期内/);
  assert.equal(await w(page, '.headline').getAttribute('data-state'), 'not_in_force');
  await page.context().close();
});
