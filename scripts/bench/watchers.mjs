// Opens watch streams over HTTPS and reports when each named object's event arrives at each watcher.

import { Agent, request } from "node:https";

export function openWatchers({ url, token, ca, path, count }) {
  const agent = new Agent({ keepAlive: true, maxSockets: count + 8, ca });
  const base = new URL(url);
  /** name → list of arrival times (performance.now()) */
  const arrivals = new Map();
  const requests = [];
  /** ms from the call to each watch's answer, in the order they came. */
  const openTimes = [];
  const started = performance.now();
  let ready = 0;
  const opened = new Promise((resolveAll, rejectAll) => {
    for (let i = 0; i < count; i++) {
      const req = request({ agent, host: base.hostname, port: base.port, path, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        if (res.statusCode !== 200) rejectAll(new Error(`watch answered ${res.statusCode}`));
        openTimes.push(performance.now() - started);
        if (++ready === count) resolveAll();
        let buffer = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => {
          buffer += chunk;
          let nl;
          while ((nl = buffer.indexOf("\n")) >= 0) {
            const line = buffer.slice(0, nl);
            buffer = buffer.slice(nl + 1);
            const at = performance.now();
            const match = /"name":"([^"]+)"/.exec(line);
            if (!match) continue;
            let list = arrivals.get(match[1]);
            if (!list) arrivals.set(match[1], (list = []));
            list.push(at);
          }
        });
        res.on("error", () => {});
      });
      req.on("error", () => {});
      req.end();
      requests.push(req);
    }
  });
  return {
    opened,
    arrivals,
    openTimes,
    close() {
      for (const req of requests) req.destroy();
      agent.destroy();
    },
  };
}
