// The machine's ceiling for watch fan-out, with no API server in the way: a plain node HTTPS server (in a
// thread of its own, as workerd is a process of its own) writes the same pre-encoded watch events to 1,000
// chunked TLS streams as fast as the streams take them, and the benchmark's own watcher client counts what
// arrives. No storage, no JSON encoding, one buffer per round shared by every stream: what is left is TLS,
// the kernel's loopback and the client. Writes with watchers attached cannot deliver more events than this.

import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { ensurePki } from "../lib/pki.mjs";
import { openWatchers } from "./watchers.mjs";

const serverThread = `
  const { createServer } = require("node:https");
  const { workerData, parentPort } = require("node:worker_threads");
  const streams = new Set();
  const server = createServer({ cert: workerData.cert, key: workerData.key }, (req, res) => {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.flushHeaders();
    streams.add(res);
    req.on("close", () => streams.delete(res));
  });
  server.listen(0, "127.0.0.1", () => parentPort.postMessage({ port: server.address().port }));
  let round = 0;
  parentPort.on("message", async ({ seconds, perRound, eventBytes }) => {
    const until = Date.now() + seconds * 1000;
    let sent = 0;
    while (Date.now() < until) {
      const lines = [];
      for (let i = 0; i < perRound; i++) {
        const name = "ev-" + round + "-" + i;
        const head = '{"type":"ADDED","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"' + name + '","namespace":"watched"},"data":{"payload":"';
        lines.push(head + "x".repeat(Math.max(0, eventBytes - head.length - 5)) + '"}}}\\n');
      }
      round++;
      const chunk = Buffer.from(lines.join(""));
      const waits = [];
      for (const res of streams) if (!res.write(chunk)) waits.push(new Promise((r) => res.once("drain", r)));
      sent += perRound;
      await Promise.all(waits);
      await new Promise((r) => setImmediate(r));
    }
    parentPort.postMessage({ sent });
  });
`;

/** Events per second the machine delivers to `count` watchers at most, and the events each write is worth. */
export async function fanoutCeiling({ count = 1000, seconds = 10, perRound = 20, eventBytes = 1200 } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "fanout-ceiling-"));
  const pki = await ensurePki(dir);
  const worker = new Worker(serverThread, { eval: true, workerData: { cert: pki.serverCert + pki.caCert, key: pki.serverKey } });
  const [{ port }] = await once(worker, "message");
  const watchers = openWatchers({ url: `https://127.0.0.1:${port}`, token: "unused", ca: pki.caCert, path: "/watch", count });
  await watchers.opened;
  const started = performance.now();
  worker.postMessage({ seconds, perRound, eventBytes });
  const [{ sent }] = await once(worker, "message");
  // Let what is in flight arrive, then count what arrived while the server wrote.
  await new Promise((r) => setTimeout(r, 500));
  const elapsed = (performance.now() - started) / 1000;
  let delivered = 0;
  for (const list of watchers.arrivals.values()) delivered += list.length;
  watchers.close();
  await worker.terminate();
  await rm(dir, { recursive: true, force: true });
  return { eventsPerSecond: delivered / elapsed, writesPerSecond: delivered / elapsed / count, sent, eventBytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await fanoutCeiling({ count: Number(process.env.WATCHERS ?? 1000), perRound: Number(process.env.PER_ROUND ?? 20) });
  console.log(JSON.stringify(result));
}
