// The /console page and the served bridge in a real headless Chromium (Debian's chromium, driven by playwright-core),
// against a running service: CC_BASE_URL (the service), CC_QUERY_KEY (to read calls back), CHROMIUM (default
// /usr/bin/chromium), CC_SCREENSHOT (optional: where to write a PNG of the page mid-call).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const base = process.env.CC_BASE_URL;
const queryKey = process.env.CC_QUERY_KEY;
let browser;

before(async () => {
  assert.ok(base && queryKey, "CC_BASE_URL and CC_QUERY_KEY must name a running service and its query key");
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    timeout: 30_000,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
});

async function openConsole() {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const problems = [];
  page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(base + "/console");
  await page.waitForFunction(() => window.consoleDemo?.ready === true, null, { timeout: 15_000 });
  return { page, problems };
}

async function call(callId) {
  const response = await fetch(`${base}/v1/calls/${encodeURIComponent(callId)}`, { headers: { Authorization: "Bearer " + queryKey } });
  assert.equal(response.status, 200, `GET /v1/calls/${callId}`);
  return response.json();
}

const flush = (page) => page.evaluate(() => window.consoleDemo.bridge.flush());
const lastTabId = (page) => page.evaluate(() => [...window.consoleDemo.tabs.values()].at(-1).tabId);

test("click-to-dial on /console: the clicked tab owns the call the connector then reports, and the page highlights it", async () => {
  const { page, problems } = await openConsole();
  // tabCreated and tabFocused through the fake Workspace adapter, then onClickToDial through the fake sforce.opencti;
  // the simulated connector forwards scv.CALL_STARTED with the clicked number.
  await page.click('#launcher button[data-open="003B000002"]');
  const clickedTab = await lastTabId(page);
  await page.click("#record a.phone");
  const callId = await page.evaluate(() => window.consoleDemo.softphone.callId);
  await flush(page);

  const owner = await call(callId);
  assert.equal(owner.ownerTabId, clickedTab);
  assert.equal(owner.callType, "outbound");
  assert.ok(owner.relatedRecords.some((r) => r.recordId === "003B000002"));
  const decisions = await page.evaluate(() => window.consoleDemo.decisions);
  assert.ok(decisions.some((d) => d.type === "callStarted" && d.reason === "bound-by-click-to-dial"), JSON.stringify(decisions));
  await page.waitForSelector(`.tab.call-active[data-tab-id="${clickedTab}"]`, { timeout: 5_000 });

  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.consoleDemo.errors), []);
  await page.close();
});

test("an inbound call pops the caller's tab, a consult joins it, and hanging up ends both", async () => {
  const { page, problems } = await openConsole();
  await page.click("#inbound");
  const popTab = await lastTabId(page);
  await flush(page);
  await page.click("#answer:not([disabled])");
  await page.click('#record .related button[data-open="500C000003"]');
  await page.click("#consult");
  await flush(page);

  const { callId, consultId } = await page.evaluate(() => ({ ...window.consoleDemo.softphone }));
  const main = await call(callId);
  assert.equal(main.ownerTabId, popTab);
  assert.equal(main.state, "connected");
  assert.deepEqual(main.relatedRecords.map((r) => r.recordId).sort(), ["003B000002", "500C000003"]);
  const consult = await call(consultId);
  assert.equal(consult.ownerTabId, popTab);
  assert.equal(consult.parentCallId, callId);
  assert.equal(consult.callType, "consult");
  const decisions = await page.evaluate(() => window.consoleDemo.decisions);
  assert.ok(decisions.some((d) => d.type === "tabCreated" && d.reason === "bound-by-screen-pop"), JSON.stringify(decisions));
  await page.waitForSelector(`.tab.call-active[data-tab-id="${popTab}"]`, { timeout: 5_000 });
  if (process.env.CC_SCREENSHOT) await page.screenshot({ path: process.env.CC_SCREENSHOT, fullPage: true });

  await page.click("#hangup");
  await flush(page);
  assert.equal((await call(callId)).state, "ended");
  assert.equal((await call(consultId)).state, "ended");
  await page.waitForFunction(() => document.querySelectorAll(".tab.call-active").length === 0, null, { timeout: 5_000 });

  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.consoleDemo.errors), []);
  await page.close();
});

test("the served bridge given a forged token or a wrong endpoint reports through onError and never throws into the page", async () => {
  const { page, problems } = await openConsole();
  const failures = await page.evaluate(async (base) => {
    const { startBridge } = await import("/bridge/consolecontext-bridge.js");
    const seen = [];
    const wait = (n) => new Promise((resolve) => { const t = setInterval(() => { if (seen.length >= n) { clearInterval(t); resolve(); } }, 10); });
    const forged = startBridge({ endpoint: base, token: "eyJhbGciOiJIUzI1NiJ9.eyJzZXNzaW9uIjoieCJ9.c2lnbmF0dXJl", sessionId: "x",
      onError: (e) => seen.push({ which: "forged", status: e.status, willRetry: e.willRetry, message: e.error.message }) });
    forged.forward("scv.CALL_STARTED", { call: { callId: "c-x", callType: "Inbound" } });
    await forged.flush();
    const lost = startBridge({ endpoint: "http://127.0.0.1:9", token: "t", sessionId: "x", retryBaseMs: 60_000,
      onError: (e) => seen.push({ which: "endpoint", status: e.status ?? null, willRetry: e.willRetry, message: e.error.message }) });
    lost.forward("scv.CALL_STARTED", { call: { callId: "c-y", callType: "Inbound" } });
    await wait(2);
    lost.stop();
    return seen;
  }, base);

  assert.deepEqual(failures.map((f) => [f.which, f.status, f.willRetry]), [["forged", 401, false], ["endpoint", null, true]]);
  assert.match(failures[0].message, /not issued by this service/);
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|ERR_CONNECTION_REFUSED|401/.test(p)), []);
  await page.close();
});
