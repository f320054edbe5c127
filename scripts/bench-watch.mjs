// Watch benchmark (part of `npm run bench`): delivery latency from write acknowledgement to event arrival with
// 1, 100 and 1,000 watchers, and write throughput with 1,000 watchers attached beside none, in one run: once
// with every watcher receiving every write, once with 1,000 watchers of the same resource whose label selector
// the writes do not match (attached informers of other objects). Beside them, the machine's own ceiling for
// the first case: the events a bare node TLS server (fanout-ceiling.mjs) and a Durable Object on workerd
// (workerd-fanout-ceiling.mjs) deliver to 1,000 streams with nothing else to do.

import { createClient, drive } from "./bench/client.mjs";
import { fanoutCeiling } from "./bench/fanout-ceiling.mjs";
import { workerdFanoutCeiling } from "./bench/workerd-fanout-ceiling.mjs";
import { openWatchers } from "./bench/watchers.mjs";

const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function benchWatch({ server, call, record }) {
  await call("POST", "/api/v1/namespaces", { metadata: { name: "watched" } });
  const cm = (name) => ({ metadata: { name }, data: { payload: "x".repeat(1024) } });
  let serial = 0;

  for (const count of [1, 100, 1000]) {
    const list = JSON.parse((await call("GET", "/api/v1/namespaces/watched/configmaps?limit=1")).body);
    const path = `/api/v1/namespaces/watched/configmaps?watch=true&resourceVersion=${list.metadata.resourceVersion}`;
    const watchers = openWatchers({ url: server.url, token: server.token, ca: server.ca, path, count });
    await watchers.opened;
    await new Promise((r) => setTimeout(r, 500));
    const latencies = [];
    const writes = 50;
    for (let i = 0; i < writes; i++) {
      const name = `lat-${count}-${serial++}`;
      const res = await call("POST", "/api/v1/namespaces/watched/configmaps", cm(name));
      const acked = performance.now();
      const until = acked + 5000;
      while ((watchers.arrivals.get(name)?.length ?? 0) < count && performance.now() < until) await new Promise((r) => setImmediate(r));
      const got = watchers.arrivals.get(name) ?? [];
      for (const at of got) latencies.push(Math.max(0, at - acked));
      if (got.length < count) console.error(`${name}: ${got.length}/${count} watchers got it (status ${res.status})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    latencies.sort((a, b) => a - b);
    record(`watch delivery, ${count} watcher(s)`, { rate: undefined, p50: pct(latencies, 50), p99: pct(latencies, 99), failures: writes * count - latencies.length });
    if (count === 1000) {
      const withWatchers = await drive({ count: 1500, concurrency: 16, make: (i) => call("POST", "/api/v1/namespaces/watched/configmaps", cm(`tw-${i}`)) });
      watchers.close();
      await new Promise((r) => setTimeout(r, 2000));
      const without = await drive({ count: 1500, concurrency: 16, make: (i) => call("POST", "/api/v1/namespaces/watched/configmaps", cm(`tn-${i}`)) });
      record("create, 16 clients, no watchers", without);
      record("create, 16 clients, 1,000 watchers", withWatchers, without);
      // Events as large as the server's: an ADDED line around one of these ConfigMaps as created.
      const created = await call("POST", "/api/v1/namespaces/watched/configmaps", cm("ceiling-sample"));
      const ceiling = await fanoutCeiling({ count: 1000, eventBytes: `{"type":"ADDED","object":${created.body}}\n`.length });
      record("ceiling: writes/s whose events a bare TLS server delivers to 1,000 streams", { rate: ceiling.writesPerSecond, failures: 0 }, without);
      const eventBytes = `{"type":"ADDED","object":${created.body}}\n`.length;
      const runtime = await workerdFanoutCeiling({ count: 1000, eventBytes });
      record("ceiling: the same from a Durable Object on workerd, nothing else running", { rate: runtime.writesPerSecond, failures: 0 }, without);
      // From the current resourceVersion, as an informer's watch after its list (no initial events to send).
      const now = JSON.parse((await call("GET", "/api/v1/namespaces/watched/configmaps?limit=1")).body).metadata.resourceVersion;
      const otherPath = `/api/v1/namespaces/watched/configmaps?watch=true&labelSelector=app%3Dother&resourceVersion=${now}`;
      const elsewhere = openWatchers({ url: server.url, token: server.token, ca: server.ca, path: otherPath, count });
      await elsewhere.opened;
      await new Promise((r) => setTimeout(r, 500));
      const beside = await drive({ count: 1500, concurrency: 16, make: (i) => call("POST", "/api/v1/namespaces/watched/configmaps", cm(`ts-${i}`)) });
      elsewhere.close();
      record("create, 16 clients, 1,000 watchers of other objects (selector)", beside, without);
      // 1,000 informers starting at once (after a restart of theirs, say): each watch begins with the current
      // objects of the namespace (~4,500 here), filtered by its selector; how long until each is answered.
      const herd = openWatchers({ url: server.url, token: server.token, ca: server.ca, path: "/api/v1/namespaces/watched/configmaps?watch=true&labelSelector=app%3Dother", count });
      await herd.opened;
      const opens = herd.openTimes.slice().sort((a, b) => a - b);
      herd.close();
      record("1,000 watches started at once with the current objects: time to answer", { rate: undefined, p50: pct(opens, 50), p99: pct(opens, 99), failures: 0 });
    } else {
      watchers.close();
    }
  }
}

export { createClient };
