// The ceiling for watch fan-out of workerd itself, as `npm start` runs it: a Worker whose only work is to
// write the same pre-encoded watch events into 1,000 chunked HTTPS responses it holds (no storage, no encoding,
// no Durable Object), read by the benchmark's watcher client. The API server's writes with 1,000 watchers run on
// the same runtime and cannot deliver more events than this; fanout-ceiling.mjs is the same for node's TLS.

import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensurePki } from "../lib/pki.mjs";
import { createClient } from "./client.mjs";
import { openWatchers } from "./watchers.mjs";

const worker = `
import { DurableObject } from "cloudflare:workers";
function line(name, eventBytes) {
  const head = '{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"' + name + '","namespace":"watched"},"data":{"payload":"';
  return head + "x".repeat(Math.max(0, eventBytes - head.length - 5)) + '"}}}\\n';
}
// The streams live in a Durable Object, as the hub's do: a Worker request cannot write another's stream.
export class Fanout extends DurableObject {
  streams = new Set();
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/watch") {
      let stream;
      const readable = new ReadableStream(
        { start: (controller) => { stream = controller; this.streams.add(stream); }, cancel: () => this.streams.delete(stream) },
        { highWaterMark: 0, size: (chunk) => chunk.byteLength },
      );
      return new Response(readable, { headers: { "Content-Type": "application/json" } });
    }
    const seconds = Number(url.searchParams.get("seconds"));
    const perRound = Number(url.searchParams.get("perRound"));
    const eventBytes = Number(url.searchParams.get("eventBytes"));
    const until = Date.now() + seconds * 1000;
    let round = 0;
    while (Date.now() < until) {
      const lines = [];
      for (let i = 0; i < perRound; i++) lines.push(line("ev-" + round + "-" + i, eventBytes));
      round++;
      const chunk = new TextEncoder().encode(lines.join(""));
      for (const stream of this.streams) stream.enqueue(chunk);
      // As the hub paces rounds: wait while a stream holds more than a few rounds unread.
      while ([...this.streams].some((s) => s.desiredSize < -4 * chunk.byteLength)) await new Promise((r) => setTimeout(r, 1));
      await new Promise((r) => setTimeout(r, 0));
    }
    return new Response(String(round * perRound));
  }
}
export default {
  fetch(request, env) {
    return env.FANOUT.get(env.FANOUT.idFromName("one")).fetch(request);
  },
};
`;

/** Events per second workerd delivers to `count` watchers at most, and the writes they are worth. */
export async function workerdFanoutCeiling({ count = 1000, seconds = 10, perRound = 20, eventBytes = 1200 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "workerd-fanout-"));
  const pki = await ensurePki(dir);
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      host: "127.0.0.1",
      port: 0,
      https: true,
      httpsKey: pki.serverKey,
      httpsCert: pki.serverCert + pki.caCert,
      logRequests: false,
      workers: [
        {
          name: "fanout",
          modules: [{ type: "ESModule", path: "worker.mjs", contents: worker }],
          compatibilityDate: "2025-09-01",
          durableObjects: { FANOUT: "Fanout" },
        },
      ],
    }),
  );
  const url = (await mf.ready).toString().replace(/\/$/, "");
  try {
    const watchers = openWatchers({ url, token: "unused", ca: pki.caCert, path: "/watch", count });
    await watchers.opened;
    const started = performance.now();
    const call = createClient({ url, token: "unused", ca: pki.caCert });
    await call("POST", `/pump?seconds=${seconds}&perRound=${perRound}&eventBytes=${eventBytes}`);
    await new Promise((r) => setTimeout(r, 500));
    const elapsed = (performance.now() - started) / 1000;
    let delivered = 0;
    for (const list of watchers.arrivals.values()) delivered += list.length;
    watchers.close();
    return { eventsPerSecond: delivered / elapsed, writesPerSecond: delivered / elapsed / count, eventBytes };
  } finally {
    await mf.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await workerdFanoutCeiling({ count: Number(process.env.WATCHERS ?? 1000), eventBytes: Number(process.env.EVENT_BYTES ?? 1500) })));
}
