// Whether a refused token's answer time says anything about the server's tokens: 401s for a token nobody has
// (random, of the admin token's length), near misses of the admin token (its last or first character changed),
// a short garbage token, and for reference a JWT with a bad signature (which costs a signature check: that
// tells the sender only what it already knows, that it sent a JWT). One client, interleaved blocks in rotating
// order; the medians of the first four should differ by no more than the noise.

import { randomBytes } from "node:crypto";
import { createClient, drive } from "./client.mjs";

const flip = (ch) => (ch === "A" ? "B" : "A");

export async function benchTokenTiming({ server, record, n }) {
  const admin = server.token;
  const probes = {
    "unknown token (random, same length)": randomBytes(Math.ceil((admin.length * 3) / 4)).toString("base64url").slice(0, admin.length),
    "admin token, last character changed": admin.slice(0, -1) + flip(admin.at(-1)),
    "admin token, first character changed": flip(admin[0]) + admin.slice(1),
    "garbage token (3 characters)": "%%%",
    "JWT, bad signature (for reference)": "eyJhbGciOiJFUzI1NiIsImtpZCI6IngifQ.eyJpc3MiOiJodHRwczovL2t1YmVybmV0ZXMuZGVmYXVsdC5zdmMuY2x1c3Rlci5sb2NhbCJ9.c2lnbmF0dXJl",
  };
  const clients = Object.fromEntries(Object.entries(probes).map(([label, token]) => [label, createClient({ url: server.url, token, ca: server.ca })]));
  const refused = (s) => s === 401;
  const blocks = Object.fromEntries(Object.keys(probes).map((label) => [label, []]));
  const per = n(250);
  for (const call of Object.values(clients)) await drive({ count: per, concurrency: 1, make: () => call("GET", "/api/v1/namespaces/default"), expect: refused });
  const order = Object.entries(clients);
  for (let round = 0; round < 8; round++) {
    // Each round starts with the next probe, so drift over the run falls on every probe alike.
    for (const [label, call] of [...order.slice(round % order.length), ...order.slice(0, round % order.length)]) {
      blocks[label].push(await drive({ count: per, concurrency: 1, make: () => call("GET", "/api/v1/namespaces/default"), expect: refused }));
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const summary = (results) => ({
    rate: (per * results.length) / results.reduce((sum, r) => sum + per / r.rate, 0),
    p50: median(results.map((r) => r.p50)),
    p99: median(results.map((r) => r.p99)),
    failures: results.reduce((sum, r) => sum + r.failures, 0),
  });
  const baseline = summary(blocks[Object.keys(probes)[0]]);
  for (const label of Object.keys(probes)) {
    const result = summary(blocks[label]);
    record(`401 for ${label}, 1 client (vs unknown; p50 ${((result.p50 - baseline.p50) * 1000).toFixed(0)} µs apart)`, result, label === Object.keys(probes)[0] ? undefined : baseline);
  }
}
