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
  // A sample is told at its own date (inside the window); move the date past 2025-12-31 as a
  // trainer would, key by key.
  await w(page, '.policy-header input[type=date]').focus();
  await page.keyboard.type('06302026');
  await page.keyboard.press('Tab');
  await w(page, '.headline-text').waitFor();
  const text = await w(page, '.headline-text').textContent();
  assert.match(text, /^不能据此申报：政策在 2026-06-30 不在有效期内/);
  assert.equal(await w(page, '.headline').getAttribute('data-state'), 'not_in_force');
  await page.context().close();
});

test('organisation: questions that do not apply are not asked; "没有" settles 第七条; hidden answers come back', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await w(page, '.policy-header input[type=date]').focus();
  await page.keyboard.type('09302024');
  await page.keyboard.press('Tab');
  await w(page, 'button[data-flow="organisation"]').click();
  await goToStep(page, '财力贡献奖补');
  const follow = '[data-name="organisation.district_has_contribution_policy"]';
  assert.equal(await page.locator(`${W} ${follow}`).count(), 0, 'not asked before 是');
  await w(page, '[data-name="organisation.resident_in_park"] input[value="yes"]').check();
  await w(page, follow).waitFor();
  await w(page, `${follow} input[value="no"]`).check();
  assert.equal(await w(page, '.measure[data-measure="measures.2"]').getAttribute('data-eligibility'), 'not_eligible');
  // Back to 否: the follow-up goes away and its answer no longer counts…
  await w(page, '[data-name="organisation.resident_in_park"] input[value="no"]').check();
  assert.equal(await page.locator(`${W} ${follow}`).count(), 0);
  // …and coming back to 是 restores it.
  await w(page, '[data-name="organisation.resident_in_park"] input[value="yes"]').check();
  assert.ok(await w(page, `${follow} input[value="no"]`).isChecked(), 'the hidden answer was kept');
  // 第七条: an explicit 没有 settles it as not applicable (not 待确认 forever).
  await goToStep(page, '招才引智');
  assert.equal(await w(page, '.measure[data-measure="measures.7"]').getAttribute('data-eligibility'), 'unknown');
  await w(page, '[data-name="organisation.has_placements"] input[value="no"]').check();
  assert.equal(await page.locator(`${W} [data-name="organisation.placements"]`).count(), 0);
  assert.equal(await w(page, '.measure[data-measure="measures.7"]').getAttribute('data-eligibility'), 'not_eligible');
  assert.equal(await page.locator(`${W} .headline li[data-rule="measures.7"]`).count(), 0, 'no longer to confirm');
  assert.deepEqual(await axe(page), []);
  await screenshot(page, 'relevance-organisation');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
