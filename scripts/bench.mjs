// `npm run bench`: starts the server as `npm start` does (fresh state in a temporary directory) and measures
// writes, reads and lists, each beside a no-op request through the same Worker measured in the same run.
// Loopback only; every loop is bounded. Scale with BENCH_SCALE (default 1); BENCH_ONLY=rest|crd|patch|rbac|watch runs one part.

import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, drive } from "./bench/client.mjs";
import { benchCustomResources } from "./bench/custom-resources.mjs";
import { benchPatches } from "./bench/patches.mjs";
import { benchRbac, rbacUser } from "./bench/rbac.mjs";
import { benchTokenTiming } from "./bench/token-timing.mjs";
import { loadProtobufCodec } from "./bench/protobuf.mjs";
import { benchWatch } from "./bench-watch.mjs";
import { freePort, isolatedServeEnv, nodeBinary, spawnServer } from "./lib/spawn-server.mjs";

const scale = Number(process.env.BENCH_SCALE ?? 1);
const n = (count) => Math.max(1, Math.round(count * scale));

/** `staticTokens`: lines of kube's token file the server starts with. */
async function startServer({ staticTokens = "" } = {}) {
  const dir = await mkdtemp(join(tmpdir(), "edge-kube-bench-"));
  const env = isolatedServeEnv(dir, await freePort());
  if (staticTokens) await writeFile(env.STATIC_TOKENS_FILE, staticTokens, { mode: 0o600 });
  const server = await spawnServer({ command: nodeBinary(), args: ["scripts/serve.mjs"], env, ready: /^serving (https:\/\/\S+)$/m });
  const token = /ADMIN_TOKEN=(\S+)/.exec(await readFile(env.DEV_VARS_FILE, "utf8"))[1];
  const ca = await readFile(join(env.PKI_DIR, "ca.crt"), "utf8");
  const call = createClient({ url: server.url, token, ca });
  return { call, url: server.url, token, ca, stop: async () => (await server.stop(), await rm(dir, { recursive: true, force: true })) };
}

const configMap = (name, i = 0) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, labels: { app: "bench", shard: String(i % 10) } },
  data: { "config.yaml": "x".repeat(512), index: String(i) },
});

async function namespace(call, name) {
  const res = await call("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
  if (res.status !== 201) throw new Error(`namespace ${name}: ${res.status} ${res.body}`);
}

async function seed(call, ns, count, prefix) {
  await drive({ count, concurrency: 16, make: (i) => call("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap(`${prefix}-${i}`, i)) });
}

const rows = [];
function record(name, result, baseline) {
  rows.push({ name, ...result, ratio: baseline ? result.rate / baseline.rate : undefined });
}

async function writesAndReads() {
  const { call, stop } = await startServer();
  try {
    await drive({ count: n(300), concurrency: 16, make: () => call("GET", "/version") }); // warm-up
    const noop1 = await drive({ count: n(2000), concurrency: 1, make: () => call("GET", "/version") });
    const noop16 = await drive({ count: n(8000), concurrency: 16, make: () => call("GET", "/version") });
    record("no-op (GET /version), 1 client", noop1);
    record("no-op (GET /version), 16 clients", noop16);

    await namespace(call, "writes");
    record("create, 1 client", await drive({ count: n(500), concurrency: 1, make: (i) => call("POST", "/api/v1/namespaces/writes/configmaps", configMap(`a-${i}`, i)) }), noop1);
    record("create, 16 clients", await drive({ count: n(4000), concurrency: 16, make: (i) => call("POST", "/api/v1/namespaces/writes/configmaps", configMap(`b-${i}`, i)) }), noop16);
    // JSON bodies beside protobuf bodies (as client-go sends them, asking for protobuf answers), in alternating
    // blocks into one namespace each, so that drift over the run (a growing database) falls on both alike.
    const { encodeKubeObject, findKind } = await loadProtobufCodec();
    const configMaps = findKind("", "v1", "configmaps");
    await namespace(call, "writes-json");
    await namespace(call, "writes-pb");
    const sides = {
      JSON: (name, i) => call("POST", "/api/v1/namespaces/writes-json/configmaps", configMap(name, i)),
      protobuf: (name, i) => call("POST", "/api/v1/namespaces/writes-pb/configmaps", encodeKubeObject(configMap(name, i), configMaps)),
    };
    for (const concurrency of [1, 16]) {
      const blocks = { JSON: [], protobuf: [] };
      const per = n(concurrency === 1 ? 125 : 1000);
      for (let block = 0; block < 4; block++) {
        for (const [label, make] of Object.entries(sides)) {
          blocks[label].push(await drive({ count: per, concurrency, make: (i) => make(`c${concurrency}-${block}-${i}`, i) }));
        }
      }
      const combine = (results) => {
        const seconds = results.reduce((sum, r) => sum + per / r.rate, 0);
        const median = (xs) => xs.sort((x, y) => x - y)[Math.floor(xs.length / 2)];
        return { rate: (per * results.length) / seconds, p50: median(results.map((r) => r.p50)), p99: median(results.map((r) => r.p99)), failures: results.reduce((sum, r) => sum + r.failures, 0) };
      };
      const json = combine(blocks.JSON);
      const clients = concurrency === 1 ? "1 client" : `${concurrency} clients`;
      record(`create, ${clients}, JSON bodies (interleaved)`, json);
      record(`create, ${clients}, protobuf bodies and answers (vs JSON)`, combine(blocks.protobuf), json);
    }

    // /openapi/v2 as kubectl apply and helm fetch it before every write (the first request builds and caches it).
    const gnostic = { Accept: "application/com.github.proto-openapi.spec.v2@v1.0+protobuf" };
    for (const [label, headers] of [["JSON", {}], ["protobuf", gnostic]]) {
      await call("GET", "/openapi/v2", undefined, headers);
      record(`GET /openapi/v2 (${label}, cached), 1 client`, await drive({ count: n(200), concurrency: 1, make: () => call("GET", "/openapi/v2", undefined, headers) }));
    }
    record("update, 1 client", await drive({ count: n(500), concurrency: 1, make: (i) => call("PUT", `/api/v1/namespaces/writes/configmaps/a-${i % n(500)}`, configMap(`a-${i % n(500)}`, i + 1)) }), noop1);
    record("update, 16 clients", await drive({ count: n(4000), concurrency: 16, make: (i) => call("PUT", `/api/v1/namespaces/writes/configmaps/b-${i}`, configMap(`b-${i}`, i + 1)) }), noop16);

    await namespace(call, "reads");
    await seed(call, "reads", n(10000), "r");
    const getJson = await drive({ count: n(1000), concurrency: 1, make: (i) => call("GET", `/api/v1/namespaces/reads/configmaps/r-${(i * 7919) % n(10000)}`) });
    record("get (10,000 in namespace), 1 client", getJson, noop1);
    const protobufAnswer = { Accept: "application/vnd.kubernetes.protobuf, application/json" };
    record("get, 1 client, protobuf answer (vs JSON)", await drive({ count: n(1000), concurrency: 1, make: (i) => call("GET", `/api/v1/namespaces/reads/configmaps/r-${(i * 7919) % n(10000)}`, undefined, protobufAnswer) }), getJson);
    record("list 500, protobuf answer", await drive({ count: 50, concurrency: 1, make: () => call("GET", "/api/v1/namespaces/reads/configmaps?limit=500", undefined, protobufAnswer) }));
    record("list 10,000 (one namespace)", await drive({ count: 10, concurrency: 1, make: () => call("GET", "/api/v1/namespaces/reads/configmaps") }));
    record("list 500 of 10,000 (limit=500)", await drive({ count: 50, concurrency: 1, make: () => call("GET", "/api/v1/namespaces/reads/configmaps?limit=500") }));
    record("list by label (1,000 of 10,000)", await drive({ count: 10, concurrency: 1, make: () => call("GET", "/api/v1/namespaces/reads/configmaps?labelSelector=shard%3D3") }));
  } finally {
    await stop();
  }
}

async function acrossNamespaces() {
  const { call, stop } = await startServer();
  try {
    const per = n(500);
    for (let k = 0; k < 20; k++) {
      await namespace(call, `spread-${k}`);
      await seed(call, `spread-${k}`, per, "s");
    }
    record("get (20 namespaces), 1 client", await drive({ count: n(1000), concurrency: 1, make: (i) => call("GET", `/api/v1/namespaces/spread-${i % 20}/configmaps/s-${(i * 31) % per}`) }));
    record("list 10,000 across 20 namespaces", await drive({ count: 10, concurrency: 1, make: () => call("GET", "/api/v1/configmaps") }));
  } finally {
    await stop();
  }
}

async function customResources() {
  const { call, stop } = await startServer();
  try {
    await drive({ count: n(300), concurrency: 16, make: () => call("GET", "/version") }); // warm-up
    await benchCustomResources({ call, record, n, namespace });
  } finally {
    await stop();
  }
}

async function patches() {
  const { call, stop } = await startServer();
  try {
    await drive({ count: n(300), concurrency: 16, make: () => call("GET", "/version") }); // warm-up
    await benchPatches({ call, record, n, namespace });
  } finally {
    await stop();
  }
}

async function rbacEvaluation() {
  const userToken = randomBytes(32).toString("base64url");
  const server = await startServer({ staticTokens: `${userToken},${rbacUser.name},bench-user-uid,"${rbacUser.group}"\n` });
  try {
    await drive({ count: n(300), concurrency: 16, make: () => server.call("GET", "/version") }); // warm-up
    await benchRbac({ server, userToken, record, n, namespace });
    await benchTokenTiming({ server, record, n });
  } finally {
    await server.stop();
  }
}

async function watches() {
  const server = await startServer();
  try {
    await benchWatch({ server, call: server.call, record });
  } finally {
    await server.stop();
  }
}

const only = process.env.BENCH_ONLY;
if (!only || only === "rest") await writesAndReads();
if (!only || only === "rest") await acrossNamespaces();
if (!only || only === "crd") await customResources();
if (!only || only === "patch") await patches();
if (!only || only === "rbac") await rbacEvaluation();
if (!only || only === "watch") await watches();

const fmt = (x, digits = 1) => (x === undefined ? "" : x.toFixed(digits));
console.log("\n| measurement | requests/s | p50 ms | p99 ms | vs no-op | failures |");
console.log("|---|---|---|---|---|---|");
for (const r of rows) console.log(`| ${r.name} | ${fmt(r.rate, 0)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${r.ratio === undefined ? "" : `${(r.ratio * 100).toFixed(0)}%`} | ${r.failures} |`);
