// Embedding entry point for portals. Two ways to embed:
//   <script type="module" src=".../hrs-widget.js"></script>
//   <hrs-policy-widget lang="zh-CN|en" as-of="YYYY-MM-DD"></hrs-policy-widget>
// or, for hosts that prefer code:
//   import { mount } from '.../hrs-widget.js';
//   const handle = await mount(element, { lang: 'en', asOf: '2024-06-30' });
//   handle.update({ lang: 'zh-CN' }); handle.unmount();
// The widget renders inside a shadow root with its own stylesheet, so host CSS cannot reach in
// and widget CSS cannot leak out. It fetches only its own files (relative to this script).
import init, { mount_widget } from './pkg/hrs_widget.js';

const base = new URL('.', import.meta.url);
let wasmReady = null;
const loadWasm = () =>
  (wasmReady ??= init({ module_or_path: new URL('pkg/hrs_widget_bg.wasm', base) }));

// The document module (DOCX / XLSX / ZIP, roster import) is fetched only when first needed, and
// runs in a worker (www/hrs-docs-worker.js) so long rosters never freeze the page. Where a worker
// cannot start (an old browser, or this script served from another origin than the page), the
// same module runs in the page instead. Either way its functions return promises.
const DOCS_FUNCTIONS = ['park_package', 'organisation_package', 'package_file_name', 'import_roster',
  'compare_xlsx', 'parks_workbook_template', 'import_parks_workbook']; // last three: issue 16

let pageDocs = null;
const loadDocsInPage = () =>
  (pageDocs ??= import(new URL('pkg/hrs_docs.js', base).href)
    .then(async (m) => {
      await m.default({ module_or_path: new URL('pkg/hrs_docs_bg.wasm', base) });
      return m;
    })
    .catch((e) => {
      pageDocs = null; // let a later click try again
      throw e;
    }));

function startDocsWorker() {
  let worker;
  try {
    worker = new Worker(new URL('hrs-docs-worker.js', base), { type: 'module' });
  } catch {
    return null;
  }
  const pending = new Map();
  let next = 0;
  let broken = false;
  worker.addEventListener('message', ({ data }) => {
    const call = pending.get(data?.id);
    if (!call) return;
    pending.delete(data.id);
    if (data.ok) call.resolve(data.value);
    else call.reject(new Error(data.message));
  });
  // The worker script itself failed to load or crashed: the calls in flight go to the page.
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    broken = true;
    worker.terminate();
    for (const call of pending.values()) call.fallback();
    pending.clear();
  });
  const inPage = async (fn, args) => (await loadDocsInPage())[fn](...args);
  const call = (fn, args) =>
    broken
      ? inPage(fn, args)
      : new Promise((resolve, reject) => {
        const id = next++;
        pending.set(id, { resolve, reject, fallback: () => inPage(fn, args).then(resolve, reject) });
        worker.postMessage({ id, fn, args });
      });
  return Object.fromEntries(DOCS_FUNCTIONS.map((fn) => [fn, (...args) => call(fn, args)]));
}

let docsReady = null;
const loadDocs = () =>
  (docsReady ??= Promise.resolve(startDocsWorker()).then((viaWorker) => viaWorker ?? loadDocsInPage()))
    .catch((e) => {
      docsReady = null;
      throw e;
    });

function loadStylesheet(root) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('hrs-widget.css', base).href;
  const loaded = new Promise((ok) => {
    link.addEventListener('load', ok, { once: true });
    link.addEventListener('error', ok, { once: true }); // render unstyled rather than not at all
  });
  root.append(link);
  return loaded;
}

const normalise = (options = {}) => ({
  lang: typeof options.lang === 'string' && options.lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN',
  asOf: typeof options.asOf === 'string' && options.asOf !== '' ? options.asOf : null,
});

// Each widget keeps its answers under its own key, so two widgets on a page don't interfere.
// storageKey: false keeps nothing in localStorage.
const storageKeyFor = (element, options) =>
  options.storageKey === false
    ? null
    : typeof options.storageKey === 'string'
      ? options.storageKey
      : `hrs-widget:v1:${element.id || 'default'}`;

export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('mount: element must be a DOM element');
  const root = element.shadowRoot ?? element.attachShadow({ mode: 'open' });
  root.replaceChildren();
  // The wasm and the stylesheet load side by side.
  await Promise.all([loadWasm(), loadStylesheet(root)]);
  const container = document.createElement('div');
  container.className = 'hrs-root';
  root.append(container);
  let opts = normalise(options);
  let app = mount_widget(container, opts.lang, opts.asOf, storageKeyFor(element, options), loadDocs);
  return {
    update(next = {}) {
      opts = normalise({ ...opts, ...next });
      app.update(opts.lang, opts.asOf);
    },
    unmount() {
      app.destroy();
      root.replaceChildren();
    },
  };
}

class HrsPolicyWidget extends HTMLElement {
  static observedAttributes = ['lang', 'as-of'];
  #handle = null;
  #pending = null;

  #options() {
    return {
      lang: this.getAttribute('lang') ?? undefined,
      asOf: this.getAttribute('as-of') ?? undefined,
      storageKey: this.getAttribute('storage-key') ?? undefined,
    };
  }
  connectedCallback() {
    if (this.#pending) return;
    const asked = this.#options();
    this.#pending = mount(this, asked).then((h) => {
      this.#handle = h;
      // Attributes may have changed while loading.
      const now = this.#options();
      if (now.lang !== asked.lang || now.asOf !== asked.asOf) h.update(now);
      this.dispatchEvent(new CustomEvent('hrs-widget-ready', { bubbles: true }));
    });
  }
  attributeChangedCallback() {
    this.#handle?.update(this.#options());
  }
  disconnectedCallback() {
    this.#handle?.unmount();
    this.#handle = null;
    this.#pending = null;
  }
}

if (!customElements.get('hrs-policy-widget')) customElements.define('hrs-policy-widget', HrsPolicyWidget);

// Inside an iframe, tell the host page how tall the content is, so it can size the frame
// (see README: "Embedding in an iframe"). Only a height is sent, never answers.
if (window.parent !== window && typeof ResizeObserver !== 'undefined') {
  let last = 0;
  const post = () => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'hrs-widget:height', height }, '*');
    }
  };
  new ResizeObserver(post).observe(document.documentElement);
}
