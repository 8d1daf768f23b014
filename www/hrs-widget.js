// Embedding entry point for portals. Two ways to embed:
//   <script type="module" src=".../hrs-widget.js"></script>
//   <hrs-policy-widget lang="zh-CN|en" as-of="YYYY-MM-DD"></hrs-policy-widget>
//   edition="sample-successor" (read at mount) shows a bundled edition other than the default.
// or, for hosts that prefer code:
//   import { mount } from '.../hrs-widget.js';
//   const handle = await mount(element, { lang: 'en', asOf: '2024-06-30' });
//   handle.update({ lang: 'zh-CN' }); handle.unmount();
// The widget renders inside a shadow root with its own stylesheet, so host CSS cannot reach in
// and widget CSS cannot leak out. It fetches only its own files (relative to this script).
//
// Browser floor: Chromium 83 (the 信创 browsers' cores), tested in real builds
// (tests/e2e/old-chromium.test.mjs). So this file uses nothing newer without a check: no `??=`,
// no `replaceChildren`, no private methods (Chrome 84), no static class fields. Where the widget
// cannot run at all (no WebAssembly, or its code fails to load), the element says so in the chosen
// language, without wasm; if the running widget traps, every widget on the page shows a notice
// that what was entered is kept, with a reload button.

const base = new URL('.', import.meta.url);
const clear = (node) => {
  while (node.firstChild) node.removeChild(node.firstChild);
};

// ---- the widget module -------------------------------------------------------------------------

/** Why the widget cannot run: 'no-wasm' (the browser has no WebAssembly), 'csp' (the page's
 * Content-Security-Policy forbids compiling it) or 'broken' (its code did not load or compile). */
class LoadProblem extends Error {
  constructor(kind, cause) {
    super(`${kind}: ${cause ? String(cause.message || cause) : ''}`);
    this.kind = kind;
  }
}

const hasWasm = () => typeof WebAssembly === 'object' && WebAssembly !== null
  && typeof WebAssembly.instantiate === 'function';

// Two builds of the widget (issue 17): the first module (hrs_widget) holds everything up to and
// through the wizard; the full module (hrs_widget_full: the same plus the trainer and the
// comparison) is fetched only when a user opens 培训 or 对比, and then mounted in the first one's
// place with the state it hands over. Each is loaded once per page, on first use.
const modules = {};
// The glue is imported dynamically (not statically) so that a browser without WebAssembly, or a
// lazy widget far down a page, fetches nothing more than this file.
const loadWasm = (name = 'hrs_widget') => {
  if (!modules[name]) {
    modules[name] = (async () => {
      if (!hasWasm()) throw new LoadProblem('no-wasm');
      let m;
      try {
        m = await import(new URL(`pkg/${name}.js`, base).href);
        await m.default({ module_or_path: new URL(`pkg/${name}_bg.wasm`, base) });
      } catch (e) {
        // Chromium < 97 knows no 'wasm-unsafe-eval': under a CSP without 'unsafe-eval' it refuses
        // to compile any wasm ("Wasm code generation disallowed by embedder").
        const csp = /disallowed by embedder|Content Security Policy|unsafe-eval/i.test(String(e && e.message));
        throw new LoadProblem(csp ? 'csp' : 'broken', e);
      }
      return m;
    })();
    modules[name].catch(() => {
      modules[name] = null; // a later mount tries again
    });
  }
  return modules[name];
};

// ---- the document module ------------------------------------------------------------------------

// The document module (DOCX / XLSX / ZIP, roster import) is fetched only when first needed, and
// runs in a worker (www/hrs-docs-worker.js) so long rosters never freeze the page. Where a worker
// cannot start (an old browser, or this script served from another origin than the page), the
// same module runs in the page instead. Either way its functions return promises.
const DOCS_FUNCTIONS = ['park_package', 'organisation_package', 'package_file_name', 'import_roster',
  'compare_xlsx', 'parks_workbook_template', 'import_parks_workbook', // issue 16
  'roster_template']; // issue 10

let pageDocs = null;
const loadDocsInPage = () => {
  if (!pageDocs) {
    pageDocs = import(new URL('pkg/hrs_docs.js', base).href)
      .then(async (m) => {
        await m.default({ module_or_path: new URL('pkg/hrs_docs_bg.wasm', base) });
        return m;
      })
      .catch((e) => {
        pageDocs = null; // let a later click try again
        throw e;
      });
  }
  return pageDocs;
};

// Pages under Trusted Types (`require-trusted-types-for 'script'`) refuse a plain URL for a
// worker. The worker's URL then goes through a policy named 'hrs-widget' that lets through exactly
// this one URL; a portal's CSP names it: `trusted-types hrs-widget` (README, "Strict CSP and
// Trusted Types"). Without the API, or if the CSP does not allow the name, the plain URL is used
// (and where that is refused, the document module runs in the page).
export const TRUSTED_TYPES_POLICY = 'hrs-widget';
let trustedPolicy;
function workerScriptUrl(url) {
  if (typeof trustedTypes === 'undefined' || typeof trustedTypes.createPolicy !== 'function') return url;
  if (trustedPolicy === undefined) {
    try {
      trustedPolicy = trustedTypes.createPolicy(TRUSTED_TYPES_POLICY, {
        createScriptURL: (u) => {
          if (u !== url) throw new TypeError(`${TRUSTED_TYPES_POLICY}: only its own worker`);
          return u;
        },
      });
    } catch {
      trustedPolicy = null;
    }
  }
  return trustedPolicy ? trustedPolicy.createScriptURL(url) : url;
}

function startDocsWorker() {
  let worker;
  try {
    worker = new Worker(workerScriptUrl(new URL('hrs-docs-worker.js', base).href), { type: 'module' });
  } catch {
    return null;
  }
  const pending = new Map();
  let next = 0;
  let broken = false;
  worker.addEventListener('message', ({ data }) => {
    const call = pending.get(data && data.id);
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
const loadDocs = () => {
  if (!docsReady) {
    docsReady = Promise.resolve(startDocsWorker())
      .then((viaWorker) => viaWorker || loadDocsInPage())
      .catch((e) => {
        docsReady = null;
        throw e;
      });
  }
  return docsReady;
};

// ---- messages shown without wasm ---------------------------------------------------------------

// The notice's own text, written next to the module by scripts/build.sh; a host may point the link
// elsewhere (attribute `notice-url`, option `noticeUrl`).
const DEFAULT_NOTICE_URL = new URL('pkg/baotou-2022-55.notice.txt', base).href;

const TEXT = {
  'zh-CN': {
    'no-wasm': {
      title: '此浏览器无法运行本工具',
      what: '本工具在浏览器内运行，需要 WebAssembly，而当前浏览器没有提供（可能处于兼容模式 / IE 内核，或被管理策略关闭）。',
    },
    csp: {
      title: '本工具未能加载',
      what: '本网页的安全策略（Content-Security-Policy）不允许此浏览器运行 WebAssembly：Chromium 97 以前的浏览器不认识 \'wasm-unsafe-eval\'，需要在 script-src 中加入 \'unsafe-eval\'。请联系网站管理员。',
    },
    broken: {
      title: '本工具未能加载',
      what: '本工具的程序文件没有正确加载（可能下载不完整，或被网络设备改动）。请刷新重试；仍不行请联系网站管理员。',
    },
    browsers: '可以使用的浏览器：基于 Chromium 83 及以上版本的浏览器，例如奇安信可信浏览器、统信 UOS 浏览器、神州网信政府版、新版 Chrome 或 Edge；360 浏览器请切换到“极速模式”。',
    notice: '阅读通知原文（包府办发〔2022〕55号）',
    crashed: '出错了，您填写的内容已保存在本机，可刷新继续',
    crashedUnsaved: '出错了，请刷新后继续（此处设置为不在本机保存填写的内容）',
    crashedStart: '出错了，请刷新后重试',
    reload: '刷新',
  },
  en: {
    'no-wasm': {
      title: 'This browser cannot run the tool',
      what: 'The tool runs inside the browser and needs WebAssembly, which this browser does not provide (it may be in compatibility / IE mode, or WebAssembly is turned off by policy).',
    },
    csp: {
      title: 'The tool did not load',
      what: "This page's Content-Security-Policy does not let this browser run WebAssembly: browsers before Chromium 97 do not know 'wasm-unsafe-eval' and need 'unsafe-eval' in script-src. Please tell the site's administrator.",
    },
    broken: {
      title: 'The tool did not load',
      what: "The tool's program file did not load correctly (an incomplete download, or changed by a network device). Reload to try again; if that does not help, tell the site's administrator.",
    },
    browsers: 'Browsers that work: any browser based on Chromium 83 or later, such as Qi-An-Xin Trusted Browser, the UOS browser, CMIT Government Edition, a recent Chrome or Edge; in 360 browsers switch to “speed mode” (极速模式).',
    notice: 'Read the original notice (包府办发〔2022〕55号)',
    crashed: 'Something went wrong. What you entered is saved on this device: reload to continue.',
    crashedUnsaved: 'Something went wrong. Reload to continue (this widget is set not to save what you enter).',
    crashedStart: 'Something went wrong. Reload to try again.',
    reload: 'Reload',
  },
};

function el(tag, props, children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const c of children || []) node.append(c);
  return node;
}

/** Fills `root` with a message that needs no wasm. */
function showLoadProblem(root, kind, opts) {
  const t = TEXT[opts.lang];
  const k = t[kind] || t.broken;
  const box = el('div', { className: 'hrs-root hrs-fallback' }, [
    el('div', { className: 'hrs-message', lang: opts.lang }, [
      el('p', { className: 'hrs-message-title' }, [k.title]),
      el('p', {}, [k.what]),
      el('p', {}, [t.browsers]),
      el('p', {}, [el('a', { href: opts.noticeUrl || DEFAULT_NOTICE_URL, target: '_blank', rel: 'noopener' }, [t.notice])]),
    ]),
  ]);
  box.firstChild.setAttribute('role', 'alert');
  box.firstChild.dataset.problem = kind;
  root.append(box);
}

// ---- a trap inside the running widget ----------------------------------------------------------

// Every widget on the page shares one wasm instance; after a trap (a panic is an `unreachable`
// trap: there is no unwinding) it cannot be trusted. The loader then asks the module to write
// each widget's latest state to localStorage (`save_after_crash`: its last render's state, which
// holds the last change) and replaces every widget's content by a notice with a reload button.
const mounted = new Set();
let crashed = false;

const isTrap = (e) => hasWasm() && e instanceof WebAssembly.RuntimeError;

function onCrash() {
  if (crashed) return;
  crashed = true;
  for (const loading of Object.values(modules)) {
    if (!loading) continue;
    loading.then((m) => {
      try {
        if (typeof m.save_after_crash === 'function') m.save_after_crash();
      } catch { /* the instance may be past saving; what the timer saved stays */ }
    }, () => {});
  }
  for (const w of mounted) showCrash(w);
}

function showCrash(w) {
  const t = TEXT[w.opts.lang];
  clear(w.root);
  w.root.append(w.stylesheet);
  const button = el('button', { type: 'button', className: 'primary' }, [t.reload]);
  button.addEventListener('click', () => window.location.reload());
  const box = el('div', { className: 'hrs-root hrs-fallback' }, [
    el('div', { className: 'hrs-message', lang: w.opts.lang }, [
      // The start screen has nothing entered to keep (L5): it says only what to do.
      el('p', { className: 'hrs-message-title' }, [w.starting ? t.crashedStart : w.saves ? t.crashed : t.crashedUnsaved]),
      el('p', {}, [button]),
    ]),
  ]);
  box.firstChild.setAttribute('role', 'alert');
  box.firstChild.dataset.problem = 'crashed';
  w.root.append(box);
}

window.addEventListener('error', (event) => {
  if (isTrap(event.error)) onCrash();
});
window.addEventListener('unhandledrejection', (event) => {
  if (isTrap(event.reason)) onCrash();
});

/** Runs a call into the widget; a trap shows the crash notice instead of leaving a frozen form. */
function guarded(fn) {
  try {
    return fn();
  } catch (e) {
    if (isTrap(e)) onCrash();
    throw e;
  }
}

// ---- mounting ----------------------------------------------------------------------------------

function loadStylesheet(root) {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = new URL('hrs-widget.css', base).href;
  const loaded = new Promise((ok) => {
    link.addEventListener('load', ok, { once: true });
    link.addEventListener('error', ok, { once: true }); // render unstyled rather than not at all
  });
  root.append(link);
  return { link, loaded };
}

// Flex containers' `gap` arrived in Chromium 84 and cannot be asked for with @supports (grid's
// `gap` parses everywhere): measured once, and hrs-widget.css adds margins where it is missing.
let flexGap;
function flexGapWorks() {
  if (flexGap === undefined) {
    const probe = el('div', {}, [el('div'), el('div')]);
    probe.style.cssText = 'display:flex;flex-direction:column;row-gap:1px;position:absolute;visibility:hidden';
    document.body.appendChild(probe);
    flexGap = probe.scrollHeight === 1;
    probe.remove();
  }
  return flexGap;
}

const normalise = (options = {}) => ({
  lang: typeof options.lang === 'string' && options.lang.toLowerCase().startsWith('en') ? 'en' : 'zh-CN',
  asOf: typeof options.asOf === 'string' && options.asOf !== '' ? options.asOf : null,
  noticeUrl: typeof options.noticeUrl === 'string' && options.noticeUrl !== '' ? options.noticeUrl : null,
  // A bundled edition by id (e.g. the made-up `sample-successor`), read at mount.
  edition: typeof options.edition === 'string' && options.edition !== '' ? options.edition : null,
  // Issue 17: a flow to open at once (park, organisation, trainer, compare), read at mount when
  // nothing is saved.
  flow: typeof options.flow === 'string' && options.flow !== '' ? options.flow : null,
});

// Each widget keeps its answers under its own key, so two widgets on a page don't interfere.
// storageKey: false keeps nothing in localStorage.
const storageKeyFor = (element, options) =>
  options.storageKey === false
    ? null
    : typeof options.storageKey === 'string'
      ? options.storageKey
      : `hrs-widget:v1:${element.id || 'default'}`;

// The text and content hash of an edition that is not bundled into the wasm (a sample), from `<id>.extras.json`
// beside the module; null when there is none (a bundled edition, or a failed fetch: the widget
// then shows the default edition).
async function fetchEditionJson(id) {
  if (!/^[a-z0-9-]+$/.test(id)) return null;
  try {
    const r = await fetch(new URL(`pkg/${id}.extras.json`, base));
    if (!r.ok) return null;
    const extras = await r.json();
    return typeof extras.edition_json === 'string' ? { json: extras.edition_json, sha256: extras.edition_sha256 } : null;
  } catch {
    return null;
  }
}

// Issue 17: a first visit downloads only the start module (hrs_widget_start: the start screen,
// no engine) and this page's stylesheet; once the start screen shows, the wizard module is
// prefetched, and a choice mounts it (or, for 培训 / 对比, the full module) in the start
// screen's place with the language, the date, large type and the flow on screen. A page with
// something to restore goes straight to the wizard module instead: a saved record under the
// widget's key (or its backup awaiting a notice), a share link in the fragment, a `flow` asked for.
const FLOWS = ['park', 'organisation', 'trainer', 'compare'];
const moduleFor = (flow) => (flow === 'trainer' || flow === 'compare' ? 'hrs_widget_full' : 'hrs_widget');
// The saved state a choice hands over (ui::state's record; what is not in it reads as empty):
// the flow, large type, and the language and date the user picked on the start screen (null:
// the host's). `handover: true` tells the wizard module that a record another tab saved
// meanwhile wins over it but for these choices (ui::persist).
const handover = (flow, large, lang, asOf) => {
  const saved = { format: 'hrs-widget-state', version: 1, handover: true, flow, step: 0, large_type: !!large };
  if (lang) saved.lang = lang;
  if (asOf) saved.as_of = asOf;
  return JSON.stringify(saved);
};

function somethingToRestore(key) {
  if (window.location.hash.indexOf('#hrs=') === 0) return true;
  if (key === null) return false;
  try {
    return localStorage.getItem(key) !== null || localStorage.getItem(`${key}:backup`) !== null;
  } catch {
    return true; // storage refused: the wizard module says that nothing will be kept
  }
}

// After the start screen has painted (the next frame, then the task after it): by the time a
// person has read it and clicked, the wizard module is usually there. Not on a metered
// connection (Save-Data), nor where the host turns it off (`prefetch="none"`).
function afterPaint(fn) {
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f) => setTimeout(f, 16);
  raf(() => setTimeout(fn, 0));
}
const saveData = () => !!(navigator.connection && navigator.connection.saveData);

// After a hand-over: the wizard's step heading gets focus (a reader goes on from its title),
// unless the person has meanwhile put focus in a field of the widget.
function focusStepTitle(root) {
  let frames = 0;
  const raf = typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (f) => setTimeout(f, 16);
  const tryFocus = () => {
    const active = root.activeElement;
    if (active && /^(INPUT|SELECT|TEXTAREA)$/.test(active.tagName)) return;
    const title = root.querySelector('#hrs-step-title');
    if (title) title.focus();
    else if (frames++ < 120) raf(tryFocus);
  };
  raf(tryFocus);
}

/** Loads the wizard module now (as the start screen's prefetch does) and resolves when it is
 * ready; from then on a choice on the start screen opens the wizard at once. For a host that
 * knows its users go on (e.g. a page about the park measures), and for tests. */
export const preloadWizard = () => loadWasm('hrs_widget').then(() => undefined);

export async function mount(element, options = {}) {
  if (!(element instanceof Element)) throw new TypeError('mount: element must be a DOM element');
  const root = element.shadowRoot || element.attachShadow({ mode: 'open' });
  clear(root);
  let opts = normalise(options);
  const key = storageKeyFor(element, options);
  const asked = FLOWS.indexOf(opts.flow) >= 0 ? opts.flow : null;
  // The state of a `flow` asked for, only where nothing is saved (what is saved wins).
  const restoring = somethingToRestore(key);
  const first = restoring ? 'hrs_widget' : asked ? moduleFor(asked) : 'hrs_widget_start';
  // The wasm and the stylesheet load side by side.
  const style = loadStylesheet(root);
  let m;
  try {
    [m] = await Promise.all([loadWasm(first), style.loaded]);
  } catch (e) {
    const kind = e instanceof LoadProblem ? e.kind : 'broken';
    showLoadProblem(root, kind, opts);
    return { problem: kind, update() {}, unmount() { clear(root); } };
  }
  const entry = { root, stylesheet: style.link, opts, saves: key !== null };
  mounted.add(entry);
  if (crashed) {
    showCrash(entry);
    return { problem: 'crashed', update() {}, unmount() { mounted.delete(entry); clear(root); } };
  }
  const container = document.createElement('div');
  container.className = flexGapWorks() ? 'hrs-root' : 'hrs-root hrs-no-flex-gap';
  root.append(container);
  let gone = false;
  let app = null; // the wizard or full module's widget
  let start = null; // the start module's screen, until a choice is mounted
  // An edition named by the host that is not bundled (a sample) comes with its extras; the
  // wizard and full modules get it (the start module defers to them for it).
  let editionArgs = null;
  const edition = () => {
    if (!editionArgs) {
      editionArgs = (opts.edition ? fetchEditionJson(opts.edition) : Promise.resolve(null))
        .then((j) => [opts.edition, j ? j.json : null, j ? j.sha256 : null]);
    }
    return editionArgs;
  };
  // Mounts module `name` here with `saved` (the state handed over), replacing what is shown.
  // Its props are the host's options, always (R2): the user's language and date travel in
  // `saved`, so a later host update() changes only what the host changed.
  const mountModule = (name, saved) => Promise.all([loadWasm(name), edition()]).then(([mod, ed]) => {
    if (gone || crashed) return;
    if (start) guarded(() => start.destroy());
    start = null;
    entry.starting = false;
    if (app) guarded(() => app.destroy());
    clear(container);
    // Only the wizard module hands over to the full one (openFull); the full one has it all.
    app = guarded(() => mod.mount_widget(container, opts.lang, opts.asOf, key, loadDocs,
      name === 'hrs_widget' ? openFull : null, saved, ...ed));
  });
  // Called by the wizard module when the user opens the trainer or the comparison: `saved` is
  // its state (already written to localStorage when it keeps any; it holds the language and
  // date the user picked). The full module replaces it in the same container; a failure
  // rejects, and the wizard module says so and offers the way back to the start.
  const openFull = (saved) => mountModule('hrs_widget_full', saved);
  // The wizard module did not load or mount after a choice (R3): the load-problem message in the
  // widget's place and the event a host listens for, never a blank element.
  const failed = (e) => {
    if (gone || crashed) return null;
    if (start) guarded(() => start.destroy());
    start = null;
    entry.starting = false;
    container.remove();
    const kind = e instanceof LoadProblem ? e.kind : 'broken';
    showLoadProblem(root, kind, opts);
    element.dispatchEvent(new CustomEvent('hrs-widget-problem', { bubbles: true, detail: { problem: kind } }));
    return kind;
  };

  if (first === 'hrs_widget_start') {
    // A choice on the start screen: the latest one is mounted when its module is there.
    let chosen = null;
    const onChoice = (flow, lang, asOf, large) => {
      chosen = { flow, lang, asOf, large };
      const name = moduleFor(flow);
      loadWasm(name).then(() => {
        if (!start || !chosen || moduleFor(chosen.flow) !== name) return null;
        const c = chosen;
        chosen = null;
        const saved = handover(c.flow, c.large, c.lang, c.asOf);
        // Kept at once, as a choice in the wizard module is: a reload opens the same flow.
        if (key !== null) {
          try {
            if (localStorage.getItem(key) === null) localStorage.setItem(key, saved);
          } catch { /* the module says that nothing is kept */ }
        }
        return mountModule(name, saved)
          .then(() => { if (c.flow === 'park' || c.flow === 'organisation') focusStepTitle(root); });
      }).catch(failed);
    };
    start = guarded(() => m.mount_start(container, opts.lang, opts.asOf, opts.edition, onChoice)) || null;
    entry.starting = !!start;
    if (start) {
      if (options.prefetch !== false && !saveData()) {
        afterPaint(() => {
          if (!gone && start) loadWasm('hrs_widget').catch(() => { /* a click retries and says so */ });
        });
      }
    } else {
      // An edition the start module does not carry (a sample): the wizard module shows it.
      let problem = null;
      await mountModule('hrs_widget', null).catch((e) => {
        // The element's own start() sends the event for a returned problem.
        problem = e instanceof LoadProblem ? e.kind : 'broken';
      });
      if (problem && !gone && !crashed) {
        mounted.delete(entry);
        container.remove();
        showLoadProblem(root, problem, opts);
        return { problem, update() {}, unmount() { clear(root); } };
      }
    }
  } else {
    const ed = await edition();
    if (!gone && !crashed) {
      app = guarded(() => m.mount_widget(container, opts.lang, opts.asOf, key, loadDocs,
        first === 'hrs_widget' ? openFull : null, restoring || !asked ? null : handover(asked, false), ...ed));
    }
  }
  return {
    update(next = {}) {
      opts = normalise({ ...opts, ...next });
      entry.opts = opts;
      if (crashed) return;
      if (start) guarded(() => start.update(opts.lang, opts.asOf));
      else if (app) guarded(() => app.update(opts.lang, opts.asOf));
    },
    unmount() {
      gone = true;
      mounted.delete(entry);
      if (!crashed) {
        if (start) guarded(() => start.destroy());
        if (app) guarded(() => app.destroy());
      }
      start = null;
      app = null;
      clear(root);
    },
  };
}

const OBSERVED = ['lang', 'as-of'];

class HrsPolicyWidget extends HTMLElement {
  static get observedAttributes() {
    return OBSERVED;
  }

  options() {
    const attr = (name) => {
      const v = this.getAttribute(name);
      return v === null ? undefined : v;
    };
    return {
      lang: attr('lang'),
      asOf: attr('as-of'),
      storageKey: attr('storage-key'),
      noticeUrl: attr('notice-url'),
      edition: attr('edition'),
      flow: attr('flow'),
      prefetch: this.getAttribute('prefetch') !== 'none',
    };
  }

  start() {
    const asked = this.options();
    this.pending = mount(this, asked).then((h) => {
      this.handle = h;
      // Attributes may have changed while loading.
      const now = this.options();
      if (now.lang !== asked.lang || now.asOf !== asked.asOf) h.update(now);
      this.dispatchEvent(new CustomEvent(h.problem ? 'hrs-widget-problem' : 'hrs-widget-ready',
        { bubbles: true, detail: { problem: h.problem || null } }));
    });
  }

  connectedCallback() {
    if (this.pending || this.watching) return;
    // loading="lazy": fetch nothing until the element comes near the viewport, as long portal
    // pages expect of images and frames. Eager is the default.
    if (this.getAttribute('loading') === 'lazy' && typeof IntersectionObserver === 'function') {
      // An empty shadow root at once: it hides the host's fallback text (meant for browsers that
      // cannot run modules at all) while the widget waits.
      if (!this.shadowRoot) this.attachShadow({ mode: 'open' });
      this.watching = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.stopWatching();
        this.start();
      }, { rootMargin: '300px 0px' });
      this.watching.observe(this);
      return;
    }
    this.start();
  }

  stopWatching() {
    if (this.watching) this.watching.disconnect();
    this.watching = null;
  }

  attributeChangedCallback() {
    if (this.handle) this.handle.update(this.options());
  }

  disconnectedCallback() {
    this.stopWatching();
    if (this.handle) this.handle.unmount();
    this.handle = null;
    this.pending = null;
  }
}

if (!customElements.get('hrs-policy-widget')) customElements.define('hrs-policy-widget', HrsPolicyWidget);

// Inside an iframe, tell the host page how tall the content is, so it can size the frame
// (README: "Embedding in an iframe"). The message is `{ type: 'hrs-widget:height', height }` and
// nothing else, ever: no answers, no URL. It goes to the parent's origin when the host says which
// that is — `parent-origin` on the framed page's <hrs-policy-widget>, or `?parent-origin=` in the
// frame's URL (which the host writes) — so no other page that frames the widget learns even the
// height; a mismatching parent gets nothing. Without it, any parent may read the height.
function parentOrigin() {
  const fromElement = document.querySelector('hrs-policy-widget[parent-origin]');
  const asked = fromElement
    ? fromElement.getAttribute('parent-origin')
    : new URLSearchParams(window.location.search).get('parent-origin');
  if (asked === null) return '*';
  try {
    const origin = new URL(asked).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null; // unreadable: post nothing rather than to anyone
  }
}

if (window.parent !== window && typeof ResizeObserver !== 'undefined') {
  let last = 0;
  const post = () => {
    const target = parentOrigin();
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (target !== null && height !== last) {
      last = height;
      window.parent.postMessage({ type: 'hrs-widget:height', height }, target);
    }
  };
  new ResizeObserver(post).observe(document.documentElement);
}
