// The browser globals @webex/contact-center and webex-core reach for, shimmed on Node so the SDK runs
// unchanged. Each shim does what the browser would for the SDK's use of it, no more.
import { resolveObjectURL } from 'node:buffer';
import { createContext, runInContext } from 'node:vm';
import { WebSocket } from 'ws';

/** In-memory Web Storage: webex-core's catalog cache and the SDK's page cache read and write it. */
class MemoryStorage {
  #items = new Map();
  get length() {
    return this.#items.size;
  }
  key(index) {
    return [...this.#items.keys()][index] ?? null;
  }
  getItem(key) {
    return this.#items.has(String(key)) ? this.#items.get(String(key)) : null;
  }
  setItem(key, value) {
    this.#items.set(String(key), String(value));
  }
  removeItem(key) {
    this.#items.delete(String(key));
  }
  clear() {
    this.#items.clear();
  }
}

/**
 * A dedicated worker run in a vm context: WebSocketManager.ts starts its keepalive worker from a Blob
 * URL (`new Worker(URL.createObjectURL(blob))`), which Node's worker_threads cannot load. The script
 * is the SDK's own (keepalive.worker.js), run with the worker globals it uses.
 */
class BlobWorker {
  onmessage = null;
  #listeners = new Set();
  #timers = new Set();
  #pending = [];
  #ready = false;
  #terminated = false;

  constructor(url) {
    const blob = resolveObjectURL(String(url));
    if (!blob) throw new Error(`Worker: ${url} is not a Blob URL`);
    void blob.text().then((source) => this.#start(source));
  }

  #start(source) {
    // Timers are unref'd (a worker never holds a page open) and remembered for terminate().
    const timer =
      (start) =>
      (fn, ms, ...args) => {
        const id = start(fn, ms, ...args);
        id.unref();
        this.#timers.add(id);
        return id;
      };
    const scope = {
      console: { log: () => undefined, error: console.error },
      navigator: globalThis.navigator,
      setInterval: timer(setInterval),
      clearInterval: (id) => clearInterval(id),
      setTimeout: timer(setTimeout),
      clearTimeout: (id) => clearTimeout(id),
      addEventListener: (type, listener) => {
        if (type === 'message') this.#listeners.add(listener);
      },
      postMessage: (data) => {
        if (!this.#terminated) queueMicrotask(() => this.onmessage?.({ data }));
      },
    };
    scope.self = scope;
    runInContext(source, createContext(scope));
    this.#ready = true;
    for (const data of this.#pending.splice(0)) this.#deliver(data);
  }

  #deliver(data) {
    for (const listener of this.#listeners) listener({ data });
  }

  postMessage(data) {
    if (this.#terminated) return;
    if (this.#ready) this.#deliver(data);
    else this.#pending.push(data);
  }

  terminate() {
    this.#terminated = true;
    for (const id of this.#timers) clearTimeout(id);
    this.#timers.clear();
  }
}

export function installBrowserGlobals() {
  const g = globalThis;
  g.window ??= g;
  g.self ??= g;
  g.localStorage ??= new MemoryStorage();
  g.sessionStorage ??= new MemoryStorage();
  // A page that is shown: MetricsManager.ts reads document.hidden into every metric.
  g.document ??= {
    hidden: false,
    visibilityState: 'visible',
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  };
  // The page's address: internal-plugin-metrics reads location.hostname into every metric.
  g.location ??= new URL('http://127.0.0.1/sdk-check/');
  g.WebSocket ??= WebSocket;
  g.Worker ??= BlobWorker;
  // Node 20's navigator is absent (21+ has one without onLine): the SDK reads onLine and userAgent.
  if (!g.navigator) {
    Object.defineProperty(g, 'navigator', {
      value: { onLine: true, userAgent: `Node.js/${process.version}`, language: 'en-US' },
      configurable: true,
    });
  } else if (g.navigator.onLine === undefined) {
    Object.defineProperty(g.navigator, 'onLine', { value: true, configurable: true });
  }
}
