// The /console demo: a simulated Service Console (primary tabs, subtabs, records, click-to-dial, an inbound call with
// a screen pop, a consult) built on fake sforce.opencti and Workspace objects, driving the real bridge against this
// service and showing each decision as it arrives. No CDN, no build step.
import { startBridge } from "/bridge/consolecontext-bridge.js";

const records = {
  "001A000001": { objectType: "Account", name: "Acme Corporation", phone: "+1 415 555 0100", related: ["003B000002", "500C000003"] },
  "003B000002": { objectType: "Contact", name: "Ada Lovelace", phone: "+1 415 555 0142", related: ["500C000003"] },
  "003B000004": { objectType: "Contact", name: "Grace Hopper", phone: "+1 212 555 0199", related: [] },
  "500C000003": { objectType: "Case", name: "00001026 Widget arrived broken", phone: null, related: ["003B000002"] },
};
const CALLER = "003B000002";
const COLLEAGUE = "003B000004";

const $ = (id) => document.getElementById(id);
const tabs = new Map(); // tabId -> {tabId, parentTabId, recordId}
let focusedTabId = null;
let primaryCount = 0;
const subtabCount = new Map();
let calls = []; // the calls of the latest decision: [{callId, state, ownerTabId}]
const softphone = { callId: null, consultId: null, seq: 0 };

// ---- fake platform objects: what a real org hands the bridge ----
const workspaceHandlers = new Map();
const workspace = {
  subscribe(name, handler) {
    workspaceHandlers.set(name, handler);
    return () => workspaceHandlers.delete(name);
  },
  getTabInfo(tabId) {
    const tab = tabs.get(tabId);
    if (!tab) return Promise.resolve({ tabId });
    const record = records[tab.recordId];
    return Promise.resolve({
      tabId, parentTabId: tab.parentTabId, isSubtab: tab.parentTabId !== null, recordId: tab.recordId,
      url: `/lightning/r/${record.objectType}/${tab.recordId}/view`, title: record.name,
    });
  },
};
const openCtiListeners = {};
const opencti = {
  onNavigationChange({ listener }) { openCtiListeners.navigation = listener; },
  onClickToDial({ listener }) { openCtiListeners.click = listener; },
};
const fireWorkspace = (name, payload) => workspaceHandlers.get(name)?.(payload);

// ---- the console ----
function openTab(recordId, parentTabId = null) {
  let tabId;
  if (parentTabId === null) {
    tabId = `ctab${primaryCount++}`;
  } else {
    const n = (subtabCount.get(parentTabId) ?? 0) + 1;
    subtabCount.set(parentTabId, n);
    tabId = `${parentTabId}_${n}`;
  }
  tabs.set(tabId, { tabId, parentTabId, recordId });
  fireWorkspace("tabCreated", { tabId });
  focusTab(tabId);
  return tabId;
}

function focusTab(tabId) {
  const previousTabId = focusedTabId;
  focusedTabId = tabId;
  fireWorkspace("tabFocused", { previousTabId, currentTabId: tabId });
  const recordId = tabs.get(tabId).recordId;
  const record = records[recordId];
  openCtiListeners.navigation?.({ url: `/lightning/r/${record.objectType}/${recordId}/view`, recordId, recordName: record.name, objectType: record.objectType });
  render();
}

function closeTab(tabId) {
  const closing = [tabId, ...[...tabs.values()].filter((t) => t.parentTabId === tabId).map((t) => t.tabId)];
  for (const id of closing) tabs.delete(id);
  fireWorkspace("tabClosed", { tabId });
  if (closing.includes(focusedTabId)) {
    focusedTabId = null;
    const next = [...tabs.keys()].at(-1);
    if (next) focusTab(next);
  }
  render();
}

function clickToDial(recordId) {
  const record = records[recordId];
  openCtiListeners.click?.({ number: record.phone, recordId, recordName: record.name, objectType: record.objectType });
  // The connector dials what was clicked: Service Cloud Voice reports the outbound call with that number.
  const callId = newCallId();
  softphone.callId = callId;
  bridge.forward("scv.CALL_STARTED", { call: { callId, callType: "Outbound", phoneNumber: record.phone, callInfo: { callStateTimestamp: new Date() } } });
  bridge.forward("scv.CALL_CONNECTED", { call: { callId, callType: "Outbound", phoneNumber: record.phone } });
  render();
}

function inboundCall() {
  const callId = newCallId();
  softphone.callId = callId;
  bridge.forward("scv.CALL_STARTED", { call: { callId, callType: "Inbound", phoneNumber: records[CALLER].phone, callInfo: { callStateTimestamp: new Date() } } });
  // The screen pop: the platform opens the caller's record in a new primary tab.
  openTab(CALLER);
}

function answer() {
  bridge.forward("scv.CALL_CONNECTED", { call: { callId: softphone.callId, callType: "Inbound", phoneNumber: records[CALLER].phone } });
  render();
}

function consult() {
  const callId = newCallId();
  softphone.consultId = callId;
  bridge.forward("scv.PARTICIPANT_ADDED", {
    callId, phoneNumber: records[COLLEAGUE].phone,
    callInfo: { initialCallId: softphone.callId, callStateTimestamp: new Date() }, callAttributes: { isConsultCall: true },
  });
  bridge.forward("scv.PARTICIPANT_CONNECTED", { callId });
  render();
}

function hangup() {
  if (softphone.consultId) bridge.forward("scv.PARTICIPANT_REMOVED", { callId: softphone.consultId });
  bridge.forward("scv.HANGUP", { calls: [{ callId: softphone.callId, reason: "Customer hung up" }] });
  softphone.callId = softphone.consultId = null;
  render();
}

function newCallId() {
  softphone.seq += 1;
  return `call-${Date.now().toString(36)}-${softphone.seq}`;
}

// ---- rendering ----
function tabButton(tab, owners) {
  const record = records[tab.recordId];
  const el = document.createElement("div");
  el.className = "tab" + (tab.tabId === focusedTabId || tabs.get(focusedTabId)?.parentTabId === tab.tabId ? " focused" : "") +
    (owners.has(tab.tabId) ? " call-active" : "");
  el.dataset.tabId = tab.tabId;
  el.innerHTML = `<span class="phone-icon">☎</span><span class="label"></span><button class="close" title="close">×</button>`;
  el.querySelector(".label").textContent = `${record.objectType}: ${record.name}`;
  el.addEventListener("click", () => focusTab(tab.tabId));
  el.querySelector(".close").addEventListener("click", (event) => { event.stopPropagation(); closeTab(tab.tabId); });
  return el;
}

function render() {
  const owners = new Set(calls.filter((c) => c.state !== "ended" && c.ownerTabId).map((c) => c.ownerTabId));
  const focused = tabs.get(focusedTabId);
  const primaryId = focused ? (focused.parentTabId ?? focused.tabId) : null;
  $("primary-tabs").replaceChildren(...[...tabs.values()].filter((t) => t.parentTabId === null).map((t) => tabButton(t, owners)));
  $("subtabs").replaceChildren(...[...tabs.values()].filter((t) => primaryId && t.parentTabId === primaryId).map((t) => tabButton(t, owners)));

  const record = focused ? records[focused.recordId] : null;
  const article = $("record");
  article.replaceChildren();
  if (record) {
    article.innerHTML = `<h2 style="margin:0;font-size:18px"></h2><dl><dt>Type</dt><dd class="type"></dd><dt>Record id</dt><dd class="id"></dd>` +
      `<dt>Phone</dt><dd class="phone-field"></dd><dt>Tab</dt><dd class="tab-id"></dd></dl><div class="related">Related: </div>`;
    article.querySelector("h2").textContent = record.name;
    article.querySelector(".type").textContent = record.objectType;
    article.querySelector(".id").textContent = focused.recordId;
    article.querySelector(".tab-id").textContent = focused.tabId;
    if (record.phone) {
      const link = document.createElement("a");
      link.className = "phone";
      link.textContent = record.phone;
      link.addEventListener("click", () => clickToDial(focused.recordId));
      article.querySelector(".phone-field").append(link);
    } else {
      article.querySelector(".phone-field").textContent = "—";
    }
    for (const relatedId of record.related) {
      const button = document.createElement("button");
      button.textContent = `open ${records[relatedId].objectType} ${records[relatedId].name} as a subtab`;
      button.dataset.open = relatedId;
      button.addEventListener("click", () => openTab(relatedId, primaryId));
      article.querySelector(".related").append(button);
    }
  }

  $("launcher").replaceChildren("Open in a new primary tab: ", ...Object.entries(records).map(([id, r]) => {
    const button = document.createElement("button");
    button.textContent = `${r.objectType}: ${r.name}`;
    button.dataset.open = id;
    button.addEventListener("click", () => openTab(id));
    return button;
  }));

  const active = calls.filter((c) => c.state !== "ended");
  $("calls").replaceChildren(...calls.map((c) => {
    const li = document.createElement("li");
    li.dataset.callId = c.callId;
    li.textContent = `${c.callId}: ${c.state}, owner ${c.ownerTabId ?? "pending"}`;
    return li;
  }));
  $("answer").disabled = !softphone.callId || !active.some((c) => c.callId === softphone.callId && c.state === "ringing");
  $("consult").disabled = !softphone.callId || softphone.consultId !== null;
  $("hangup").disabled = !softphone.callId;
  $("inbound").disabled = softphone.callId !== null;
}

function showDecision(d) {
  const row = document.createElement("tr");
  for (const value of [d.eventId, d.type, d.tabId ?? "", d.outcome, d.reason ?? d.error ?? "",
    (d.calls ?? []).map((c) => `${c.callId} ${c.state} → ${c.ownerTabId ?? "pending"}`).join("; ")]) {
    const cell = document.createElement("td");
    cell.textContent = value;
    row.append(cell);
  }
  row.className = "outcome-" + d.outcome;
  $("decisions").prepend(row);
  if (d.outcome !== "rejected" && d.reason !== "not-tracked" && Array.isArray(d.calls)) calls = d.calls;
  window.consoleDemo.decisions.push(d);
  render();
}

// ---- start: a token for a demo session (loopback) or one minted with an ingest key ----
async function session() {
  const answer = await fetch("/console/demo-session");
  if (answer.ok) return answer.json();
  $("key-form").style.display = "block";
  return new Promise((resolve) => {
    $("key-form").addEventListener("submit", async (event) => {
      event.preventDefault();
      const sessionId = "console-" + crypto.getRandomValues(new Uint32Array(1))[0].toString(16);
      const minted = await fetch("/v1/bridge-tokens", {
        method: "POST", headers: { "Authorization": "Bearer " + $("key").value, "Content-Type": "application/json" },
        body: JSON.stringify({ sessionId, ttlSeconds: 3600 }),
      });
      if (!minted.ok) { $("status").textContent = `bridge token refused (${minted.status})`; return; }
      $("key-form").style.display = "none";
      resolve({ sessionId, ...(await minted.json()) });
    });
  });
}

let bridge;
window.consoleDemo = { decisions: [], errors: [], ready: false };
const demo = await session();
$("session").textContent = demo.sessionId;
bridge = startBridge({
  endpoint: location.origin,
  token: demo.token,
  sessionId: demo.sessionId,
  onDecision: showDecision,
  onError: (e) => {
    window.consoleDemo.errors.push(String(e.error?.message ?? e.error));
    $("status").textContent = `send failed${e.willRetry ? " (retrying)" : ""}: ${e.error?.message ?? e.error}`;
    $("status").className = "error";
  },
});
bridge.attachOpenCti(opencti);
bridge.attachWorkspace(workspace);
$("inbound").addEventListener("click", inboundCall);
$("answer").addEventListener("click", answer);
$("consult").addEventListener("click", consult);
$("hangup").addEventListener("click", hangup);
Object.assign(window.consoleDemo, { bridge, sessionId: demo.sessionId, tabs, softphone, ready: true });
$("status").textContent = "bridge connected";
openTab("001A000001");
