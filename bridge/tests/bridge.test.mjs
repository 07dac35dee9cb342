import { test } from "node:test";
import assert from "node:assert/strict";
import { startBridge, WORKSPACE_EVENTS } from "../consolecontext-bridge.js";
import { fakeFetch, decide, problem, networkError, fakeWorkspace, fakeOpenCti } from "./fakes.mjs";

function bridgeWith(fetch, extra = {}) {
  const decisions = [];
  const errors = [];
  const bridge = startBridge({
    endpoint: "http://tracker.test/", token: "tok", sessionId: "agent-1", consoleId: "w1",
    flushMs: 5, retryBaseMs: 1, retryMaxMs: 4, fetch,
    onDecision: (d) => decisions.push(d), onError: (e) => errors.push(e),
    ...extra,
  });
  return { bridge, decisions, errors };
}

test("events forwarded together go out as one batch of native envelopes and each decision reaches onDecision", async () => {
  const f = fakeFetch(decide);
  const { bridge, decisions } = bridgeWith(f.fetch);
  bridge.forward("scv.CALL_STARTED", { call: { callId: "c1", callType: "Inbound" } });
  bridge.forward("scv.CALL_CONNECTED", { call: { callId: "c1" } });
  bridge.forward("scv.HANGUP", { calls: [{ callId: "c1" }] });
  await bridge.flush();

  assert.equal(f.requests.length, 1);
  const { url, init, envelopes } = f.requests[0];
  assert.equal(url, "http://tracker.test/v1/native");
  assert.equal(init.headers.Authorization, "Bearer tok");
  assert.deepEqual(envelopes.map((e) => e.source), ["scv.CALL_STARTED", "scv.CALL_CONNECTED", "scv.HANGUP"]);
  assert.deepEqual(envelopes.map((e) => e.seq), [1, 2, 3]);
  for (const e of envelopes) {
    assert.equal(e.sessionId, "agent-1");
    assert.equal(e.consoleId, "w1");
    assert.equal(e.streamId, bridge.streamId);
    assert.equal(e.eventId, `${bridge.streamId}-${e.seq}`);
    assert.match(e.at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  }
  assert.deepEqual(decisions.map((d) => d.eventId), envelopes.map((e) => e.eventId));
});

test("batches hold at most maxBatch envelopes and go out one after another in order", async () => {
  const f = fakeFetch(decide);
  const { bridge } = bridgeWith(f.fetch, { maxBatch: 2 });
  for (let i = 0; i < 5; i++) bridge.forward("scv.SET_AGENT_STATUS", { statusName: "s" + i });
  await bridge.flush();

  assert.deepEqual(f.requests.map((r) => r.envelopes.length), [2, 2, 1]);
  assert.deepEqual(f.requests.flatMap((r) => r.envelopes.map((e) => e.payload.statusName)), ["s0", "s1", "s2", "s3", "s4"]);
});

test("network errors, 429 and 503 are retried with the same eventIds, and each failure is reported as retried", async () => {
  const f = fakeFetch(networkError, () => problem(429, "slow down"), () => problem(503, "busy"), decide);
  const { bridge, errors, decisions } = bridgeWith(f.fetch);
  bridge.forward("opencti.onClickToDial", { number: "+1 415 555 0100" });
  bridge.forward("workspace.tabClosed", { tabId: "ctab0" });
  await bridge.flush();

  assert.equal(f.requests.length, 4);
  const ids = f.requests.map((r) => r.envelopes.map((e) => e.eventId).join(","));
  assert.equal(new Set(ids).size, 1, "every attempt carries the same eventIds");
  assert.deepEqual(errors.map((e) => [e.willRetry, e.status]), [[true, undefined], [true, 429], [true, 503]]);
  assert.match(errors[2].error.message, /503: busy/);
  assert.equal(decisions.length, 2);
});

test("400, 401 and 403 give the batch up through onError, and later events are still sent", async () => {
  const f = fakeFetch(() => problem(401, "the bridge token expired"), () => problem(403, "another session"), () => problem(400, "bad"), decide);
  const { bridge, errors, decisions } = bridgeWith(f.fetch);
  for (const n of [1, 2, 3, 4]) {
    bridge.forward("scv.SET_AGENT_STATUS", { statusName: "s" + n });
    await bridge.flush();
  }

  assert.equal(f.requests.length, 4);
  assert.deepEqual(errors.map((e) => [e.status, e.willRetry]), [[401, false], [403, false], [400, false]]);
  assert.match(errors[0].error.message, /token expired/);
  assert.deepEqual(decisions.map((d) => d.eventId), [f.requests[3].envelopes[0].eventId]);
});

test("while the service is unreachable the queue is bounded: the oldest is dropped and reported, the rest keep their order", async () => {
  let online = false;
  const f = fakeFetch((envelopes) => (online ? decide(envelopes) : networkError()));
  const { bridge, errors } = bridgeWith(f.fetch, { maxQueue: 2, maxBatch: 10 });
  bridge.forward("scv.SET_AGENT_STATUS", { statusName: "first" });
  bridge.forward("scv.SET_AGENT_STATUS", { statusName: "second" });
  bridge.forward("scv.SET_AGENT_STATUS", { statusName: "third" });

  const drop = errors.find((e) => /queue is full/.test(e.error.message));
  assert.ok(drop, "the drop is reported");
  assert.equal(drop.willRetry, false);
  assert.deepEqual(drop.eventIds, [`${bridge.streamId}-1`]);

  online = true;
  await bridge.flush();
  const delivered = f.requests.at(-1).envelopes.map((e) => e.payload.statusName);
  assert.deepEqual(delivered, ["second", "third"]);
});

test("sinks return at once and never throw, whatever the payload, the token or the page's own callbacks do", async () => {
  const f = fakeFetch(decide);
  const cyclic = {};
  cyclic.self = cyclic;
  let tokenCalls = 0;
  const { bridge, errors } = bridgeWith(f.fetch, {
    token: () => { if (tokenCalls++ === 0) throw new Error("no token backend"); return "tok"; },
    onDecision: () => { throw new Error("page bug"); },
  });
  const workspace = fakeWorkspace({ ctab9: new Error("getTabInfo failed") });
  bridge.attachWorkspace(workspace);

  assert.equal(bridge.forward("scv.CALL_STARTED", cyclic), undefined);
  assert.doesNotThrow(() => bridge.forward(42, {}));
  assert.doesNotThrow(() => workspace.fire("tabCreated", { tabId: "ctab9" }));
  assert.doesNotThrow(() => bridge.attachOpenCti(null));
  assert.ok(errors.some((e) => /circular/i.test(e.error.message)));
  assert.ok(errors.some((e) => /source must be/.test(e.error.message)));

  await bridge.stop();
  assert.ok(errors.some((e) => /no token backend/.test(e.error.message) && e.willRetry));
  assert.ok(errors.some((e) => /getTabInfo failed/.test(e.error.message)));
  assert.ok(errors.some((e) => /page bug/.test(e.error.message)));
});

test("a bridge pointed at a wrong endpoint reports through onError and never throws into the page", async () => {
  // The first attempt goes to a port nothing listens on; the endpoint is then "fixed" so the bridge can finish.
  let attempts = 0;
  const fetch = (url, init) => (attempts++ === 0 ? globalThis.fetch("http://127.0.0.1:9/v1/native", init) : decide(JSON.parse(init.body)));
  const { bridge, errors } = bridgeWith(fetch);
  assert.doesNotThrow(() => bridge.forward("scv.CALL_STARTED", { call: { callId: "c1", callType: "Inbound" } }));
  await bridge.flush();
  assert.equal(errors.length, 1);
  assert.equal(errors[0].willRetry, true);
  assert.ok(errors[0].error instanceof Error);
});

test("tab events are enriched with getTabInfo (a Promise), in order, before they are sent", async () => {
  const f = fakeFetch(decide);
  const { bridge } = bridgeWith(f.fetch);
  const workspace = fakeWorkspace({ ctab0_1: { tabId: "ctab0_1", parentTabId: "ctab0", isSubtab: true, recordId: "500X", url: "/r/Case/500X/view" } });
  bridge.attachWorkspace(workspace);
  workspace.fire("tabCreated", { tabId: "ctab0_1" });
  workspace.fire("tabFocused", { previousTabId: "ctab0", currentTabId: "ctab0_1" });
  workspace.fire("tabClosed", { tabId: "ctab0_1" });
  await bridge.flush();

  const sent = f.requests.flatMap((r) => r.envelopes);
  assert.deepEqual(sent.map((e) => e.source), ["workspace.tabCreated", "workspace.tabFocused", "workspace.tabClosed"]);
  assert.equal(sent[0].tabInfo.parentTabId, "ctab0");
  assert.equal(sent[1].tabInfo.recordId, "500X");
  assert.equal(sent[2].tabInfo, undefined);
});

test("attachOpenCti registers both documented listeners and attachWorkspace subscribes to the six tab events", async () => {
  const f = fakeFetch(decide);
  const { bridge } = bridgeWith(f.fetch);
  const opencti = fakeOpenCti();
  const workspace = fakeWorkspace();
  bridge.attachOpenCti(opencti).attachWorkspace(workspace);

  assert.deepEqual([...workspace.handlers.keys()], WORKSPACE_EVENTS);
  opencti.listeners.navigation({ url: "/r/Account/001A/view", recordId: "001A", objectType: "Account" });
  opencti.listeners.click({ number: 4155550100, recordId: "003B", objectType: "Contact" });
  await bridge.flush();
  const sent = f.requests.flatMap((r) => r.envelopes);
  assert.deepEqual(sent.map((e) => e.source), ["opencti.onNavigationChange", "opencti.onClickToDial"]);
  assert.equal(sent[1].payload.number, 4155550100);
});

test("stop unsubscribes every listener, flushes what was queued and sends nothing afterwards", async () => {
  const f = fakeFetch(decide);
  const { bridge } = bridgeWith(f.fetch);
  const workspace = fakeWorkspace();
  const removed = [];
  const classic = {
    ConsoleEvent: { OPEN_TAB: "OPEN_TAB", CLOSE_TAB: "CLOSE_TAB" },
    addEventListener() {},
    removeEventListener(name) { removed.push(name); },
  };
  bridge.attachWorkspace(workspace).attachClassicConsole(classic);
  workspace.fire("tabCreated", { tabId: "ctab0" });
  await bridge.stop();

  assert.deepEqual(workspace.unsubscribed.sort(), [...WORKSPACE_EVENTS].sort());
  assert.deepEqual(removed, ["OPEN_TAB", "CLOSE_TAB"]);
  assert.equal(f.requests.flatMap((r) => r.envelopes).length, 1);
  bridge.forward("scv.HANGUP", { call: { callId: "c1" } });
  await bridge.flush();
  assert.equal(f.requests.flatMap((r) => r.envelopes).length, 1);
});

test("two bridges of one window share the consoleId kept in sessionStorage and get different streamIds", () => {
  const store = new Map();
  globalThis.sessionStorage = { getItem: (k) => store.get(k) ?? null, setItem: (k, v) => store.set(k, v) };
  try {
    const a = startBridge({ endpoint: "http://x", token: "t", sessionId: "s", fetch: fakeFetch(decide).fetch });
    const b = startBridge({ endpoint: "http://x", token: "t", sessionId: "s", fetch: fakeFetch(decide).fetch });
    assert.equal(a.consoleId, b.consoleId);
    assert.notEqual(a.streamId, b.streamId);
  } finally {
    delete globalThis.sessionStorage;
  }
});
