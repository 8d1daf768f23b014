// Issue 15: a second, different edition runs in the widget with no Rust of its own. The made-up
// `sample-successor` edition (src/policy/editions/sample-successor.json) is chosen by the host's
// `edition` attribute; its new questions (专精特新 level, staff count, earlier tier award) are
// shown and answered key by key, and its tiered award with top-up and its own non-duplication
// group come out in the results, cited in words.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axe, launch, openPage, screenshot, startServer, widgetReady } from './harness.mjs';

let server, browser;
before(async () => { server = await startServer(); browser = await launch(); });
after(async () => { await browser?.close(); server?.close(); });

const S = 'hrs-policy-widget#sample';
const w = (page, sel) => page.locator(`${S} ${sel}`).first();
async function type(page, sel, text) {
  const input = w(page, sel);
  await input.click();
  await input.pressSequentially(text);
  await input.press('Tab');
}
async function goToStep(page, title) {
  await w(page, `nav.progress button.step-link:has-text("${title}")`).click();
  await w(page, `.step-title:has-text("${title}")`).waitFor();
}

test('the sample successor edition, chosen by the edition attribute, asks its new questions and computes its tiered award', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  // A second widget on the page (in its main landmark), asking for the sample edition by name.
  await page.evaluate(() => {
    const el = document.createElement('hrs-policy-widget');
    el.id = 'sample';
    el.setAttribute('edition', 'sample-successor');
    el.setAttribute('as-of', '2026-12-05');
    el.setAttribute('storage-key', 'hrs-e2e-sample');
    document.querySelector('main').append(el);
  });
  await widgetReady(page, S);
  // Labelled plainly as a sample; the default widget beside it still shows the 2022 notice.
  assert.match(await w(page, '.edition-title').textContent(), /【样例，非真实文件】/);
  assert.match(await w(page, '.notice-no').textContent(), /样例〔2026〕1号（虚构）/);
  assert.match(await page.locator('hrs-policy-widget#widget .notice-no').first().textContent(), /包府办发〔2022〕55号/);

  await w(page, 'button[data-flow="organisation"]').click();
  await w(page, '.step-title').waitFor();
  await w(page, '[data-name="organisation.hr_service_organisation"] label:has-text("是")').click();
  await w(page, '[data-name="organisation.registered_in_city"] label:has-text("是")').click();

  await goToStep(page, '营收晋档');
  await type(page, '[data-name="organisation.revenue_yuan"] input[type=text]', '6亿');
  const earlier = w(page, '[data-name="organisation.tier_award_received_yuan"]');
  assert.match(await earlier.textContent(), /此前已获营收档位奖励/);
  await type(page, '[data-name="organisation.tier_award_received_yuan"] input[type=text]', '100000');

  await goToStep(page, '专精特新');
  const level = w(page, '[data-name="organisation.specialised_level"]');
  assert.match(await level.textContent(), /专精特新中小企业认定级别/);
  await w(page, '[data-name="organisation.specialised_level"] select').selectOption({ label: '自治区级' });

  await goToStep(page, '规模企业');
  await w(page, '[data-name="organisation.resident_in_park"] label:has-text("是")').click();
  assert.match(await w(page, '[data-name="organisation.staff_count"]').textContent(), /从业人员数/);
  await type(page, '[data-name="organisation.staff_count"] input[type=text]', '620');
  await screenshot(page, 'sample-edition-questions');

  await goToStep(page, '结果与导出');
  const results = w(page, 'section.results');
  await results.waitFor();
  await page.waitForFunction((sel) => {
    const t = document.querySelector(sel)?.shadowRoot?.querySelector('section.results')?.textContent ?? '';
    return t.includes('补差');
  }, S);
  const text = await results.textContent();
  assert.match(text, /营业收入晋档奖励/);
  assert.match(text, /补差 20 万元/, 'the tier (30 万元) less what was paid (10 万元)');
  assert.match(text, /自治区级专精特新奖励/);
  assert.match(text, /第二条/, 'cited in words');
  assert.doesNotMatch(text, /measures\.2\.region/, 'never an internal id');
  await screenshot(page, 'sample-edition-results');
  const violations = await axe(page);
  assert.deepEqual(violations, [], JSON.stringify(violations, null, 1));
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test('the sample edition names its own documents: the header sentence and every citation, zh and en', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await page.evaluate(() => {
    const el = document.createElement('hrs-policy-widget');
    el.id = 'sample';
    el.setAttribute('edition', 'sample-successor');
    el.setAttribute('as-of', '2026-12-05');
    document.querySelector('main').append(el);
  });
  await widgetReady(page, S);
  // The header's sentence counts the edition's own documents (two), the 2022 widget beside it three.
  assert.equal((await w(page, '.policy-header p:not([class])').textContent()).trim(), '本通知包含两个文件');
  assert.deepEqual(
    (await page.locator(`${S} .doc-list .doc-title`).allTextContents()).map((t) => t.trim()),
    ['包头市支持人力资源服务业发展若干措施（样例）', '包头市市级人力资源服务产业园管理办法（样例）'],
  );
  assert.equal(
    (await page.locator('hrs-policy-widget#widget .policy-header p:not([class])').first().textContent()).trim(),
    '本通知包含三个文件',
  );
  // A step's citation and the results' citations name the sample's documents, never 2022's.
  await w(page, 'button[data-flow="organisation"]').click();
  await w(page, '.step-title').waitFor();
  await w(page, '[data-name="organisation.hr_service_organisation"] label:has-text("是")').click();
  await goToStep(page, '营收晋档');
  assert.match(await w(page, '.step-title .step-cite').textContent(), /^《若干措施（样例）》第/);
  await type(page, '[data-name="organisation.revenue_yuan"] input[type=text]', '6亿');
  await goToStep(page, '结果与导出');
  await w(page, 'section.results').waitFor();
  await page.waitForFunction((sel) => {
    const t = document.querySelector(sel)?.shadowRoot?.querySelector('section.results')?.textContent ?? '';
    return t.includes('营业收入晋档奖励');
  }, S);
  const cites = (await page.locator(`${S} section.results .cite`).allTextContents()).map((t) => t.trim());
  assert.ok(cites.length > 3, `citations shown: ${cites.length}`);
  for (const c of cites) {
    assert.match(c, /^《(若干措施|管理办法)（样例）》/, c);
    assert.doesNotMatch(c, /十项措施|行动方案/, c);
  }
  await screenshot(page, 'sample-edition-citations-zh');
  // In English: the same, in words.
  await w(page, 'button.lang-toggle').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.policy-header p:not([class])')?.textContent.includes('two'), S);
  assert.equal((await w(page, '.policy-header p:not([class])').textContent()).trim(), 'The notice carries two documents');
  const en = (await page.locator(`${S} section.results .cite`).allTextContents()).map((t) => t.trim());
  for (const c of en) {
    assert.match(c, /^(Support|Park) Measures \(sample\) /, c);
    assert.doesNotMatch(c, /Ten Measures|Action Plan/, c);
  }
  await screenshot(page, 'sample-edition-citations-en');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

// Issue 15: a field only the sample edition declares is named by its label wherever the widget
// speaks of it (a gap, a reason, a step to settle), never by its internal path — on every step
// of both flows and in the results, in Chinese and in English.
test('the sample edition shows no internal path (organisation.… / park.…) on any step', async () => {
  const page = await openPage(browser, `${server.url}index.html`);
  await widgetReady(page);
  await page.evaluate(() => {
    const el = document.createElement('hrs-policy-widget');
    el.id = 'sample';
    el.setAttribute('edition', 'sample-successor');
    el.setAttribute('as-of', '2026-12-05');
    document.querySelector('main').append(el);
  });
  await widgetReady(page, S);
  // What a person sees: the rendered text of the widget's shadow root (hidden parts excluded).
  const visible = () => page.evaluate((sel) => Array.from(document.querySelector(sel).shadowRoot.children)
    .map((e) => e.innerText ?? '').join('\n'), S);
  const PATH = /(organisation|park)\.[a-z_[]/;
  const everyStep = async (flow, lang) => {
    const links = page.locator(`${S} nav.progress button.step-link`);
    const n = await links.count();
    assert.ok(n > 2, `${flow}: steps shown`);
    for (let i = 0; i < n; i++) {
      await links.nth(i).click();
      await w(page, '.step-title').waitFor();
      const seen = await visible();
      assert.doesNotMatch(seen, PATH, `${flow} step ${i + 1} (${lang}): ${seen.match(PATH)?.input.slice(Math.max(0, seen.search(PATH) - 60), seen.search(PATH) + 60)}`);
    }
  };
  await w(page, 'button[data-flow="organisation"]').click();
  await w(page, '.step-title').waitFor();
  // One answer given, everything else left open: the gaps name the open fields.
  await w(page, '[data-name="organisation.hr_service_organisation"] label:has-text("是")').click();
  await everyStep('organisation', 'zh');
  assert.match(await w(page, 'section.results').textContent(), /专精特新/);
  await screenshot(page, 'sample-edition-no-paths-zh');
  await w(page, 'button.lang-toggle').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.policy-header p:not([class])')?.textContent.includes('two'), S);
  await everyStep('organisation', 'en');
  await screenshot(page, 'sample-edition-no-paths-en');
  await w(page, 'button.lang-toggle').click();
  await page.waitForFunction((sel) => document.querySelector(sel)?.shadowRoot?.querySelector('.policy-header p:not([class])')?.textContent.includes('两个'), S);
  // The park flow, nothing answered.
  await w(page, 'button.home').click();
  await w(page, 'button[data-flow="park"]').click();
  await w(page, '.step-title').waitFor();
  await everyStep('park', 'zh');
  assert.deepEqual(page.errors, []);
  await page.context().close();
});
