// ConsoleContext browser bridge: forwards a Salesforce console's event-sink callbacks to the tracker as native
// envelopes (docs/bridge.md). One ES module, no build step, no runtime dependencies.
//
//   import { startBridge } from "https://tracker.example/bridge/consolecontext-bridge.js";
//   const bridge = startBridge({ endpoint, token, sessionId });
//
// Every sink returns at once and never throws into the platform: events are stamped (eventId, seq, streamId,
// consoleId, at), queued, and sent in batches by one sender per bridge, so a session's order is kept. Network
// errors, 429 and 502-504 are retried with backoff and the same eventIds (the tracker drops duplicates);
// 400, 401, 403 and other answers give the batch up. Every failed send is reported to onError.

/** The Workspace API tab events attachWorkspace subscribes to, by their plain names. */
export const WORKSPACE_EVENTS = Object.freeze(["tabCreated", "tabFocused", "tabClosed", "tabReplaced", "tabRefreshed", "tabUpdated"]);

const CONSOLE_ID_KEY = "consolecontext.consoleId";
const RETRYABLE = new Set([429, 502, 503, 504]);

/**
 * Starts a bridge for one agent session.
 * @param {object} options
 * @param {string} options.endpoint base URL of the service, e.g. "https://tracker.example"
 * @param {string | (() => string | Promise<string>)} options.token a bridge token, or a function returning one
 * @param {string} options.sessionId the agent's session
 * @param {string} [options.consoleId] default: a random id kept in sessionStorage for this window
 * @param {number} [options.flushMs=50] how long an event may wait for others to share its batch
 * @param {number} [options.maxBatch=100] envelopes per request (the service accepts up to 1,000)
 * @param {number} [options.maxQueue=1000] envelopes held while the service is unreachable; the oldest is dropped beyond
 * @param {number} [options.retryBaseMs=250] first retry delay; doubles up to retryMaxMs
 * @param {number} [options.retryMaxMs=10000]
 * @param {number} [options.tabInfoTimeoutMs=2000] how long a send waits for getTabInfo before sending without it
 * @param {(decision: object) => void} [options.onDecision]
 * @param {(failure: {error: Error, willRetry: boolean, status?: number, eventIds: string[]}) => void} [options.onError]
 * @param {typeof fetch} [options.fetch] the fetch to use (tests)
 */
export function startBridge(options) {
  return new Bridge(options);
}

class Bridge {
  #o;
  #fetch;
  #queue = [];
  #seq = 0;
  #stopped = false;
  #sending = false;
  #timer = null;
  #wake = null;
  #attempt = 0;
  #unsubscribers = [];

  constructor(options) {
    const o = options ?? {};
    if (typeof o.endpoint !== "string" || o.endpoint === "") throw new TypeError("startBridge: endpoint (the service's base URL) is required");
    if (typeof o.sessionId !== "string" || o.sessionId === "") throw new TypeError("startBridge: sessionId is required");
    if (typeof o.token !== "string" && typeof o.token !== "function") throw new TypeError("startBridge: token (a string or a function returning one) is required");
    this.#o = {
      flushMs: 50, maxBatch: 100, maxQueue: 1000, retryBaseMs: 250, retryMaxMs: 10_000, tabInfoTimeoutMs: 2000,
      ...o,
      endpoint: o.endpoint.replace(/\/+$/, ""),
    };
    this.#fetch = o.fetch ?? globalThis.fetch.bind(globalThis);
    this.streamId = "b" + randomId();
    this.consoleId = o.consoleId ?? windowConsoleId();
    this.sessionId = o.sessionId;
    globalThis.addEventListener?.("online", this.#onOnline);
  }

  /** Registers the Lightning Open CTI onNavigationChange and onClickToDial listeners. */
  attachOpenCti(opencti) {
    this.#guard(() => {
      opencti.onNavigationChange({ listener: (payload) => this.#sink("opencti.onNavigationChange", payload) });
      opencti.onClickToDial({ listener: (payload) => this.#sink("opencti.onClickToDial", payload) });
    });
    return this;
  }

  /**
   * Subscribes to the six Workspace tab events through the host page's adapter. subscribe(name, handler) may return
   * an unsubscribe function (stop() calls it); getTabInfo(tabId) returns the tab info or a Promise of it.
   */
  attachWorkspace(adapter) {
    this.#guard(() => {
      for (const name of WORKSPACE_EVENTS) {
        const off = adapter.subscribe(name, (payload) => {
          const tabId = name === "tabFocused" ? payload?.currentTabId : payload?.tabId;
          const info = name !== "tabClosed" && tabId && typeof adapter.getTabInfo === "function"
            ? () => adapter.getTabInfo(tabId) : null;
          this.#sink("workspace." + name, payload, info);
        });
        if (typeof off === "function") this.#unsubscribers.push(off);
      }
    });
    return this;
  }

  /** Classic Service Cloud console toolkit: focus listeners and the OPEN_TAB / CLOSE_TAB console events. */
  attachClassicConsole(sforceConsole) {
    this.#guard(() => {
      sforceConsole.onFocusedPrimaryTab?.((result) => this.#sink("console.onFocusedPrimaryTab", result));
      sforceConsole.onFocusedSubtab?.((result) => this.#sink("console.onFocusedSubtab", result));
      const events = sforceConsole.ConsoleEvent ?? {};
      for (const name of ["OPEN_TAB", "CLOSE_TAB"]) {
        if (!events[name] || typeof sforceConsole.addEventListener !== "function") continue;
        const handler = (result) => this.#sink("console." + name, result);
        sforceConsole.addEventListener(events[name], handler);
        this.#unsubscribers.push(() => sforceConsole.removeEventListener?.(events[name], handler));
      }
    });
    return this;
  }

  /** Forwards any other platform event, e.g. forward("scv.CALL_STARTED", payload) from a Service Cloud Voice connector. */
  forward(source, payload) {
    this.#sink(source, payload);
  }

  /** Resolves when everything queued so far has its decision (or was given up and reported). */
  flush() {
    const pending = this.#queue.map((entry) => entry.done);
    this.#schedule(0);
    return Promise.all(pending).then(() => undefined);
  }

  /** Unsubscribes every listener, then flushes. Events arriving after stop() are not sent. */
  stop() {
    for (const off of this.#unsubscribers.splice(0)) {
      try { off(); } catch (error) { this.#report(error, false, []); }
    }
    globalThis.removeEventListener?.("online", this.#onOnline);
    const flushed = this.flush();
    this.#stopped = true;
    return flushed;
  }

  #onOnline = () => { this.#wake?.(); this.#schedule(0); };

  #guard(attach) {
    try { attach(); } catch (error) { this.#report(error, false, []); }
  }

  // The one entry point of every platform callback: stamps, queues, returns at once; never throws.
  #sink(source, payload, tabInfo = null) {
    try {
      if (this.#stopped) return;
      if (typeof source !== "string" || source === "") throw new TypeError("forward: source must be a non-empty string");
      this.#seq += 1;
      const envelope = {
        eventId: `${this.streamId}-${this.#seq}`,
        sessionId: this.sessionId,
        consoleId: this.consoleId,
        streamId: this.streamId,
        seq: this.#seq,
        at: new Date().toISOString(),
        source,
        payload: payload === undefined || payload === null ? null : JSON.parse(JSON.stringify(payload)),
      };
      let finish;
      const entry = { envelope, tabInfo: null, done: new Promise((resolve) => { finish = resolve; }), finish };
      if (tabInfo) entry.tabInfo = this.#readTabInfo(tabInfo);
      this.#queue.push(entry);
      if (this.#queue.length > this.#o.maxQueue) {
        const dropped = this.#queue.shift();
        dropped.finish();
        this.#report(new Error(`the offline queue is full (${this.#o.maxQueue}): dropped ${dropped.envelope.source} ${dropped.envelope.eventId}`),
          false, [dropped.envelope.eventId]);
      }
      this.#schedule(this.#o.flushMs);
    } catch (error) {
      this.#report(error, false, []);
    }
  }

  // getTabInfo may throw, return a value or a Promise; a slow or failing one never holds the queue for long.
  #readTabInfo(read) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(null), this.#o.tabInfoTimeoutMs);
      Promise.resolve().then(read).then(
        (info) => { clearTimeout(timer); resolve(info && typeof info === "object" ? JSON.parse(JSON.stringify(info)) : null); },
        (error) => { clearTimeout(timer); this.#report(error, false, []); resolve(null); });
    });
  }

  #schedule(delayMs) {
    if (this.#sending) return;
    if (this.#timer !== null) {
      if (delayMs > 0) return;
      clearTimeout(this.#timer);
    }
    this.#timer = setTimeout(() => { this.#timer = null; this.#pump(); }, delayMs);
  }

  async #pump() {
    if (this.#sending) return;
    this.#sending = true;
    try {
      while (this.#queue.length > 0) {
        const batch = this.#queue.slice(0, this.#o.maxBatch);
        for (const entry of batch) {
          if (entry.tabInfo) {
            const info = await entry.tabInfo;
            if (info) entry.envelope.tabInfo = info;
            entry.tabInfo = null;
          }
        }
        const sent = await this.#send(batch);
        if (sent === "retry") {
          const delay = Math.min(this.#o.retryMaxMs, this.#o.retryBaseMs * 2 ** this.#attempt);
          this.#attempt += 1;
          await new Promise((resolve) => { this.#wake = resolve; setTimeout(resolve, delay * (0.5 + Math.random() / 2)); });
          this.#wake = null;
          continue;
        }
        this.#attempt = 0;
        for (const entry of batch) {
          const at = this.#queue.indexOf(entry);
          if (at >= 0) this.#queue.splice(at, 1);
          entry.finish();
        }
      }
    } finally {
      this.#sending = false;
      if (this.#queue.length > 0) this.#schedule(0);
    }
  }

  // One request for a batch: "ok", "gave-up" (reported, not retried) or "retry" (reported, will be resent as is).
  async #send(batch) {
    const eventIds = batch.map((entry) => entry.envelope.eventId);
    let response;
    try {
      if (globalThis.navigator?.onLine === false) throw new Error("the browser is offline");
      const token = typeof this.#o.token === "function" ? await this.#o.token() : this.#o.token;
      response = await this.#fetch(this.#o.endpoint + "/v1/native", {
        method: "POST",
        headers: { "Authorization": "Bearer " + token, "Content-Type": "application/json" },
        body: JSON.stringify(batch.map((entry) => entry.envelope)),
      });
    } catch (error) {
      this.#report(error, true, eventIds);
      return "retry";
    }
    if (!response.ok) {
      const detail = await problemDetail(response);
      const willRetry = RETRYABLE.has(response.status);
      this.#report(Object.assign(new Error(`POST /v1/native answered ${response.status}${detail ? ": " + detail : ""}`), { status: response.status }),
        willRetry, eventIds, response.status);
      return willRetry ? "retry" : "gave-up";
    }
    let decisions;
    try {
      decisions = await response.json();
    } catch (error) {
      this.#report(error, false, eventIds, response.status);
      return "gave-up";
    }
    for (const decision of Array.isArray(decisions) ? decisions : [decisions]) {
      try { this.#o.onDecision?.(decision); } catch (error) { this.#report(error, false, [decision?.eventId]); }
    }
    return "ok";
  }

  #report(error, willRetry, eventIds, status) {
    try {
      this.#o.onError?.({ error, willRetry, status, eventIds });
    } catch {
      // onError is the page's own code: a failure there must not reach the platform either.
    }
  }
}

async function problemDetail(response) {
  try {
    const body = await response.json();
    return body?.detail ?? body?.title ?? "";
  } catch {
    return "";
  }
}

function randomId() {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function windowConsoleId() {
  try {
    const storage = globalThis.sessionStorage;
    const known = storage?.getItem(CONSOLE_ID_KEY);
    if (known) return known;
    const id = "w" + randomId();
    storage?.setItem(CONSOLE_ID_KEY, id);
    return id;
  } catch {
    return "w" + randomId();
  }
}
