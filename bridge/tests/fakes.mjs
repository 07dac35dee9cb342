// Fakes for the bridge's Node tests: a scripted fetch, a Workspace adapter and an Open CTI object.

/** A fetch that records each request and answers from a script of responders (the last repeats). */
export function fakeFetch(...responders) {
  const requests = [];
  const fetch = async (url, init) => {
    const envelopes = JSON.parse(init.body);
    requests.push({ url, init, envelopes });
    const respond = responders[Math.min(requests.length - 1, responders.length - 1)];
    return respond(envelopes, requests.length);
  };
  return { fetch, requests };
}

/** The service's answer: one applied decision per envelope. */
export function decide(envelopes) {
  return json(200, envelopes.map((e) => ({ eventId: e.eventId, sessionId: e.sessionId, type: e.source, outcome: "applied", reason: null, calls: [] })));
}

export function json(status, body) {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function problem(status, detail) {
  return new Response(JSON.stringify({ status, title: "problem", detail }), { status, headers: { "Content-Type": "application/problem+json" } });
}

export function networkError() {
  throw new TypeError("fetch failed");
}

/** A Workspace adapter whose subscribe hands out unsubscribe functions and lets the test fire events. */
export function fakeWorkspace(tabInfo = {}) {
  const handlers = new Map();
  const unsubscribed = [];
  return {
    handlers,
    unsubscribed,
    subscribe(name, handler) {
      handlers.set(name, handler);
      return () => { unsubscribed.push(name); handlers.delete(name); };
    },
    getTabInfo(tabId) {
      const info = tabInfo[tabId];
      if (info instanceof Error) throw info;
      return Promise.resolve(info ?? { tabId });
    },
    fire(name, payload) {
      return handlers.get(name)?.(payload);
    },
  };
}

/** Lightning Open CTI as documented: onNavigationChange({listener}), onClickToDial({listener}). */
export function fakeOpenCti() {
  const listeners = {};
  return {
    listeners,
    onNavigationChange({ listener }) { listeners.navigation = listener; },
    onClickToDial({ listener }) { listeners.click = listener; },
  };
}
