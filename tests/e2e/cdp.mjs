// A small DevTools-protocol client over a pipe (--remote-debugging-pipe), enough to drive any
// Chromium from 83 on the way a person does: real mouse clicks at an element's position, typing
// key by key, choosing files, downloads, screenshots. Used by old-chromium.test.mjs for the old
// builds shipped inside npm packages (tests/old-chromium), where one playwright-core cannot follow
// (each speaks only its own era's protocol) and five puppeteer-core versions would be five APIs.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export class Browser {
  #proc;
  #out;
  #next = 1;
  #calls = new Map();
  #listeners = new Set();
  #profile;

  /** Starts `executable` headless; `libDir` goes on LD_LIBRARY_PATH (the package's own libraries). */
  static async launch(executable, { libDir, args = [] } = {}) {
    const profile = mkdtempSync(join(tmpdir(), 'hrs-cdp-'));
    const env = { ...process.env };
    if (libDir) env.LD_LIBRARY_PATH = [libDir, env.LD_LIBRARY_PATH].filter(Boolean).join(':');
    const proc = spawn(executable, [
      '--headless', '--no-sandbox', '--disable-gpu', '--no-zygote',
      '--remote-debugging-pipe', `--user-data-dir=${profile}`, '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage', '--lang=zh-CN', ...args, 'about:blank',
    ], { env, stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'] });
    let log = '';
    proc.stderr.on('data', (d) => { log = (log + d).slice(-60000); }); // GPU noise, kept for errors
    proc.on('exit', (code, signal) => { if (process.env.CDP_DEBUG) console.error(`browser exit ${code} ${signal}\n${log}`); });
    const b = new Browser(proc, profile);
    b.version = (await b.send('Browser.getVersion')).product;
    return b;
  }

  constructor(proc, profile) {
    this.#proc = proc;
    this.#profile = profile;
    this.#out = proc.stdio[3];
    let buf = Buffer.alloc(0);
    proc.stdio[4].on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (let end = buf.indexOf(0); end >= 0; end = buf.indexOf(0)) {
        const msg = JSON.parse(buf.subarray(0, end).toString('utf8'));
        buf = buf.subarray(end + 1);
        this.#dispatch(msg);
      }
    });
    proc.on('exit', () => {
      for (const c of this.#calls.values()) c.reject(new Error('browser exited'));
      this.#calls.clear();
    });
  }

  #dispatch(msg) {
    if (msg.id !== undefined) {
      const call = this.#calls.get(msg.id);
      this.#calls.delete(msg.id);
      if (!call) return;
      if (msg.error) call.reject(new Error(`${call.method}: ${msg.error.message}`));
      else call.resolve(msg.result);
      return;
    }
    for (const l of this.#listeners) l(msg);
  }

  send(method, params = {}, sessionId) {
    const id = this.#next++;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      this.#calls.set(id, { resolve, reject, method });
      this.#out.write(`${JSON.stringify(msg)}\0`);
    });
  }

  on(listener) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** A page in a fresh browser context (its own storage), with `init` run before page scripts. */
  async newPage({ init, width = 1100, height = 900 } = {}) {
    const { browserContextId } = await this.send('Target.createBrowserContext');
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank', browserContextId });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, sessionId, targetId, browserContextId);
    await page.start({ init, width, height });
    return page;
  }

  async close() {
    try {
      await Promise.race([this.send('Browser.close'), sleep(3000)]);
    } catch { /* already gone */ }
    if (this.#proc.exitCode === null && this.#proc.signalCode === null) {
      const exited = new Promise((r) => this.#proc.once('exit', r));
      this.#proc.kill('SIGKILL');
      await exited;
    }
    // Chromium's helper processes may still write into the profile for a moment after the
    // browser exits (seen with Debian's current build: ENOTEMPTY); a temp dir left behind is not a
    // failure of the test.
    try {
      rmSync(this.#profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    } catch { /* left in the temp dir */ }
  }
}

export class Page {
  constructor(browser, sessionId, targetId, contextId) {
    this.browser = browser;
    this.sessionId = sessionId;
    this.targetId = targetId;
    this.contextId = contextId;
    this.errors = [];
    this.requests = [];
    this.workers = [];
    this.downloadDir = mkdtempSync(join(tmpdir(), 'hrs-dl-'));
    this.off = browser.on((msg) => {
      if (msg.sessionId !== this.sessionId) return;
      const p = msg.params;
      if (msg.method === 'Runtime.exceptionThrown') {
        this.errors.push(p.exceptionDetails.exception?.description ?? p.exceptionDetails.text);
      } else if (msg.method === 'Runtime.consoleAPICalled' && p.type === 'error') {
        this.errors.push(p.args.map((a) => a.value ?? a.description).join(' '));
      } else if (msg.method === 'Network.requestWillBeSent') {
        this.requests.push(p.request.url);
      } else if (msg.method === 'Target.attachedToTarget') {
        this.workers.push(p.targetInfo.url);
        // Let the worker run (it waits for the debugger with waitForDebuggerOnStart).
        this.browser.send('Runtime.runIfWaitingForDebugger', {}, p.sessionId).catch(() => {});
      } else if (msg.method === 'Page.loadEventFired') {
        this.loaded?.();
      }
    });
  }

  send(method, params) {
    return this.browser.send(method, params, this.sessionId);
  }

  async start({ init, width, height }) {
    await this.send('Page.enable');
    await this.send('Runtime.enable');
    await this.send('Network.enable');
    await this.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: true });
    await this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
    if (init) await this.send('Page.addScriptToEvaluateOnNewDocument', { source: `(${init})()` });
    try {
      await this.browser.send('Browser.setDownloadBehavior',
        { behavior: 'allow', downloadPath: this.downloadDir, browserContextId: this.contextId });
    } catch {
      await this.send('Page.setDownloadBehavior', { behavior: 'allow', downloadPath: this.downloadDir });
    }
  }

  async goto(url) {
    const loaded = new Promise((r) => { this.loaded = r; });
    await this.send('Page.navigate', { url });
    await Promise.race([loaded, sleep(15000)]);
  }

  /** Runs `fn(...args)` in the page (awaiting a returned promise); returns its JSON value. */
  async evaluate(fn, ...args) {
    const r = await this.send('Runtime.evaluate', {
      expression: `(${fn})(...${JSON.stringify(args)})`, awaitPromise: true, returnByValue: true,
    });
    if (r.exceptionDetails) {
      throw new Error(`evaluate: ${r.exceptionDetails.exception?.description ?? r.exceptionDetails.text}`);
    }
    return r.result.value;
  }

  /** Polls `fn(...args)` until it returns something truthy. */
  async waitFor(fn, { timeout = 15000, args = [], what = String(fn) } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const v = await this.evaluate(fn, ...args).catch(() => null);
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await sleep(50);
    }
  }

  /** The element `selector` inside the widget's shadow root (`host` picks the widget). */
  async #box(selector, host) {
    // The widget may still be scrolling (it brings a new step's title into view a moment after a
    // step change): measure until the position holds still, as a person waits before clicking.
    // It may also not be there yet (a screen re-rendering after a module swap): wait up to 5 s
    // for it to show, as a person waits for the button before clicking; then say it is missing.
    for (let waited = 0; ; waited += 60) {
      try {
        await this.#measure(selector, host);
        break;
      } catch (e) {
        if (waited >= 5000) throw e;
        await sleep(60);
      }
    }
    let last = null;
    for (let i = 0; i < 20; i++) {
      const box = await this.#measure(selector, host);
      if (last && box.x === last.x && box.y === last.y) return box;
      last = box;
      await sleep(60);
    }
    return last;
  }

  async #measure(selector, host) {
    const box = await this.evaluate((sel, h) => {
      const el = document.querySelector(h)?.shadowRoot?.querySelector(sel);
      if (!el) return null;
      el.scrollIntoView({ block: 'center' });
      const r = el.getBoundingClientRect();
      return r.width && r.height ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
    }, selector, host);
    if (!box) throw new Error(`no visible ${selector} in ${host}`);
    return box;
  }

  /** A real mouse click in the middle of the element. */
  async click(selector, host = 'hrs-policy-widget') {
    const { x, y } = await this.#box(selector, host);
    for (const type of ['mouseMoved', 'mousePressed', 'mouseReleased']) {
      await this.send('Input.dispatchMouseEvent', { type, x, y, button: 'left', clickCount: 1 });
    }
  }

  /** Types `text` key by key into the focused element (ASCII as key events, other text inserted). */
  async type(text) {
    for (const ch of text) {
      if (/^[0-9A-Za-z.,\- ]$/.test(ch)) {
        const code = /[0-9]/.test(ch) ? `Digit${ch}` : /[a-z]/i.test(ch) ? `Key${ch.toUpperCase()}` : '';
        const vk = /[0-9A-Za-z]/.test(ch) ? ch.toUpperCase().charCodeAt(0) : { '.': 190, ',': 188, '-': 189, ' ': 32 }[ch];
        await this.send('Input.dispatchKeyEvent', { type: 'keyDown', key: ch, code, text: ch, unmodifiedText: ch, windowsVirtualKeyCode: vk });
        await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ch, code, windowsVirtualKeyCode: vk });
      } else {
        await this.send('Input.insertText', { text: ch });
      }
    }
  }

  /** Chooses files in the `<input type=file>` matched by `selector` inside the widget. */
  async setFiles(selector, files, host = 'hrs-policy-widget') {
    const r = await this.send('Runtime.evaluate', {
      expression: `document.querySelector(${JSON.stringify(host)}).shadowRoot.querySelector(${JSON.stringify(selector)})`,
    });
    if (!r.result.objectId) throw new Error(`no ${selector}`);
    await this.send('DOM.enable');
    await this.send('DOM.setFileInputFiles', { files, objectId: r.result.objectId });
  }

  /** Waits for a finished download; returns its file name. */
  async download({ timeout = 30000 } = {}) {
    const end = Date.now() + timeout;
    for (;;) {
      const done = readdirSync(this.downloadDir).filter((f) => !f.endsWith('.crdownload'));
      if (done.length) return join(this.downloadDir, done[0]);
      if (Date.now() > end) throw new Error('no download');
      await sleep(100);
    }
  }

  async screenshot() {
    const { data } = await this.send('Page.captureScreenshot', { format: 'png' });
    return Buffer.from(data, 'base64');
  }

  async close() {
    this.off();
    await this.browser.send('Target.closeTarget', { targetId: this.targetId }).catch(() => {});
    await this.browser.send('Target.disposeBrowserContext', { browserContextId: this.contextId }).catch(() => {});
    rmSync(this.downloadDir, { recursive: true, force: true });
  }
}
