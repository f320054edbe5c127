// A small HTTPS client for the benchmark: keep-alive connections to the local server, timing each request.

import { Agent, request } from "node:https";

export function createClient({ url, token, ca, connections = 32 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: connections, ca });
  const base = new URL(url);
  /** A Uint8Array body is sent as protobuf (and a protobuf answer asked for, as client-go does). */
  return function call(method, path, body, headers = {}) {
    const binary = body instanceof Uint8Array;
    const payload = body === undefined ? undefined : binary ? body : JSON.stringify(body);
    const contentType = binary ? "application/vnd.kubernetes.protobuf" : "application/json";
    return new Promise((done, fail) => {
      const started = process.hrtime.bigint();
      const req = request(
        {
          agent,
          host: base.hostname,
          port: base.port,
          method,
          path,
          headers: {
            Authorization: `Bearer ${token}`,
            Accept: binary ? "application/vnd.kubernetes.protobuf, application/json" : "application/json",
            ...(payload ? { "Content-Type": contentType, "Content-Length": Buffer.byteLength(payload) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks = [];
          res.on("data", (c) => chunks.push(c));
          res.on("end", () => {
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            done({ status: res.statusCode, body: Buffer.concat(chunks).toString("utf8"), ms });
          });
        },
      );
      req.on("error", fail);
      // Binary as a latin1 string: node then sends headers and body in one write, as Go's buffered client does
      // (a Buffer goes as a second write, and the extra TLS record costs a round of delayed ACKs).
      if (binary) req.end(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString("latin1"), "latin1");
      else req.end(payload);
    });
  };
}

/** Runs `count` requests made by `make(i)` with `concurrency` in flight; returns rate and latencies. */
export async function drive({ count, concurrency, make, expect = (s) => s < 300 }) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  async function worker() {
    while (next < count) {
      const i = next++;
      const res = await make(i);
      latencies.push(res.ms);
      if (!expect(res.status)) {
        failures++;
        if (failures <= 3) console.error(`request ${i} answered ${res.status}: ${res.body.slice(0, 300)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return { rate: count / seconds, p50: pct(50), p99: pct(99), failures };
}
