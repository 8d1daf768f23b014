#!/usr/bin/env node
// Package generation in Chromium (README figures; a benchmark, not a test):
//   scripts/build.sh && node scripts/bench-package.mjs [--rows 300] [--runs 10]
// Serves www/ (scripts/serve.mjs), loads the document module on demand as the widget does,
// builds the park package for a generated N-row roster `runs` times and prints the median time,
// plus the size of the lazily loaded module and of the widget's first load (raw and gzip -9).
import { readFile, stat } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { launch, startServer } from '../tests/e2e/harness.mjs';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const ROWS = arg('--rows', 300);
const RUNS = arg('--runs', 10);
const TARGET_MS = 300;
const root = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));

// GB 32100-2015 check character, to give every generated row a valid code.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const uscc = (head) => {
  const sum = [...head].reduce((s, c, i) => s + CHARSET.indexOf(c) * WEIGHTS[i], 0);
  return head + CHARSET[(31 - (sum % 31)) % 31];
};

async function answersWithRows(n) {
  const a = JSON.parse(await readFile(root('src/policy/examples/park-passes.json'), 'utf8'));
  const formats = ['platform', 'high_end', 'traditional', 'labour_cooperation', 'new_formats', 'up_downstream'];
  a.park.roster = Array.from({ length: n }, (_, i) => ({
    name: `包头第${i + 1}人力资源服务有限公司`,
    uscc: uscc(`91150200MA${String(1000 + i).padStart(7, '0')}`),
    service_format: formats[i % formats.length],
    hr_service_firm: i % 5 !== 0,
    revenue_yuan: String(1000000 + 12345 * i),
    main_business: '招聘、派遣、外包',
  }));
  return JSON.stringify(a);
}

async function size(path) {
  try {
    const bytes = await readFile(root(path));
    return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  } catch {
    return null;
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

if (!(await stat(root('www/pkg/hrs_docs_bg.wasm')).catch(() => null))) {
  console.error('www/pkg/hrs_docs_bg.wasm is missing: run scripts/build.sh first');
  process.exit(1);
}

const answers = await answersWithRows(ROWS);
const server = await startServer();
const browser = await launch();
try {
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${server.url}index.html`);
  const r = await page.evaluate(async ({ answers, runs }) => {
    const t0 = performance.now();
    const docs = await import('/pkg/hrs_docs.js');
    await docs.default();
    const load = performance.now() - t0;
    const first = performance.now();
    let zip = docs.park_package(answers, '2024-06-30', 'bench');
    const firstCall = performance.now() - first;
    const times = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      zip = docs.park_package(answers, '2024-06-30', 'bench');
      times.push(performance.now() - s);
    }
    return { load, firstCall, times, zipBytes: zip.length };
  }, { answers, runs: RUNS });
  if (errors.length) throw new Error(errors.join('\n'));

  const docsWasm = await size('www/pkg/hrs_docs_bg.wasm');
  const docsJs = await size('www/pkg/hrs_docs.js');
  const widgetWasm = await size('www/pkg/hrs_widget_bg.wasm');
  const widgetJs = await size('www/pkg/hrs_widget.js');
  const med = median(r.times);
  console.log(`park package, ${ROWS}-row roster, Chromium (${RUNS} runs after one warm-up):`);
  console.log(`  median ${med.toFixed(1)} ms  (min ${Math.min(...r.times).toFixed(1)}, max ${Math.max(...r.times).toFixed(1)}; first call ${r.firstCall.toFixed(1)} ms)`);
  console.log(`  target ≤ ${TARGET_MS} ms: ${med <= TARGET_MS ? 'met' : 'NOT met'}`);
  console.log(`  ZIP ${kb(r.zipBytes)}; module fetch + instantiate ${r.load.toFixed(1)} ms (local server)`);
  console.log(`document module (loaded on demand): hrs_docs_bg.wasm ${kb(docsWasm.raw)} raw, ${kb(docsWasm.gzip)} gzip -9; hrs_docs.js ${kb(docsJs.raw)} raw, ${kb(docsJs.gzip)} gzip`);
  if (widgetWasm && widgetJs) {
    console.log(`widget first load (unchanged by the document module): hrs_widget_bg.wasm ${kb(widgetWasm.raw)} raw, ${kb(widgetWasm.gzip)} gzip -9; hrs_widget.js ${kb(widgetJs.raw)} raw, ${kb(widgetJs.gzip)} gzip`);
  }
} finally {
  await browser.close();
  server.close();
}
