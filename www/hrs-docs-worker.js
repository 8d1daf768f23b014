// The document module (DOCX / XLSX / ZIP builders, roster import) in a worker, so that reading a
// 10,000-row roster or building its package never freezes the page. Started by hrs-widget.js on
// first use; it answers { id, fn, args } messages with { id, ok, value } or { id, ok: false,
// message }. It fetches only the widget's own files and sends nothing anywhere.
import init, * as docs from './pkg/hrs_docs.js';

const FUNCTIONS = new Set(['park_package', 'organisation_package', 'package_file_name', 'import_roster',
  'compare_xlsx', 'parks_workbook_template', 'import_parks_workbook', // issue 16
  'roster_template']); // issue 10
const ready = init({ module_or_path: new URL('pkg/hrs_docs_bg.wasm', import.meta.url) });

self.addEventListener('message', async ({ data }) => {
  const { id, fn, args } = data ?? {};
  try {
    await ready;
    if (!FUNCTIONS.has(fn) || !Array.isArray(args)) throw new Error(`unknown call ${String(fn)}`);
    const value = docs[fn](...args);
    self.postMessage({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (e) {
    self.postMessage({ id, ok: false, message: e instanceof Error ? e.message : String(e) });
  }
});
