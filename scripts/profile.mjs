// `node scripts/profile.mjs [create|create-protobuf|update|get|list|noop|apply|replace|rbac-can-i|rbac-get]`: starts the server
// with a V8 inspector, drives a bounded load, and prints where the Worker's CPU time went (self time by function,
// top 25), from a V8 CPU profile. PROFILE_PRELOAD=n creates n ConfigMaps in another namespace first. The rbac-* scenarios run as a user bound through 100 roles (the bench's).
// A tool for measuring before optimizing; loopback only.

import { randomBytes } from "node:crypto";
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, drive } from "./bench/client.mjs";
import { changeDeployment } from "./bench/patches.mjs";
import { loadProtobufCodec } from "./bench/protobuf.mjs";
import { canIGetConfigMaps, grantThroughHundredRoles, rbacNamespace, rbacUser } from "./bench/rbac.mjs";
import { freePort, isolatedServeEnv, nodeBinary, spawnServer } from "./lib/spawn-server.mjs";

const scenario = process.argv[2] ?? "create";
const dir = await mkdtemp(join(tmpdir(), "edge-kube-profile-"));
const inspectorPort = await freePort();
const env = { ...isolatedServeEnv(dir, await freePort()), INSPECTOR_PORT: String(inspectorPort) };
const userToken = randomBytes(32).toString("base64url");
await writeFile(env.STATIC_TOKENS_FILE, `${userToken},${rbacUser.name},bench-user-uid,"${rbacUser.group}"\n`);
const server = await spawnServer({ command: nodeBinary(), args: ["scripts/serve.mjs"], env, ready: /^serving (https:\/\/\S+)$/m });
const token = /ADMIN_TOKEN=(\S+)/.exec(await readFile(env.DEV_VARS_FILE, "utf8"))[1];
const ca = await readFile(join(env.PKI_DIR, "ca.crt"), "utf8");
const call = createClient({ url: server.url, token, ca });
const user = createClient({ url: server.url, token: userToken, ca });

const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json();

// PROFILE_TARGET: the isolate to profile, by the end of its inspector title (miniflare's own are "core:entry",
// "d1:db", "d1:db:entry"); by default the Worker's.
const wanted = process.env.PROFILE_TARGET;
const target = (wanted ? targets.find((t) => (t.title ?? "").endsWith(wanted)) : targets.find((t) => (t.title ?? "").includes("core:user:"))) ?? targets[0];
const ws = new WebSocket(target.webSocketDebuggerUrl);
await new Promise((r) => ws.addEventListener("open", r));
let id = 0;
const pending = new Map();
ws.addEventListener("message", (e) => {
  const msg = JSON.parse(String(e.data));
  if (msg.id && pending.has(msg.id)) pending.get(msg.id)(msg.result);
});
const send = (method, params = {}) => new Promise((r) => (pending.set(++id, r), ws.send(JSON.stringify({ id, method, params }))));

await call("POST", "/api/v1/namespaces", { metadata: { name: "p" } });
const cm = (name) => ({ metadata: { name, labels: { app: "x" } }, data: { a: "x".repeat(512) } });
// PROFILE_SEEDS=n: how many ConfigMaps the get and update scenarios spread over (default 300).
const seeds = Number(process.env.PROFILE_SEEDS ?? 300);
await drive({ count: seeds, concurrency: 16, make: (i) => call("POST", "/api/v1/namespaces/p/configmaps", cm(`seed-${i}`)) });
// apply and replace: 100 Deployments made by server-side apply, then changed by apply (as kubectl apply
// --server-side sends it) or by PUT (the update the bench compares apply with).
if (scenario === "apply" || scenario === "replace") for (let i = 0; i < 100; i++) await changeDeployment(call, "apply", "p", `d-${i}`, 0);
if (scenario.startsWith("rbac-")) {
  await call("POST", "/api/v1/namespaces", { metadata: { name: rbacNamespace } });
  await grantThroughHundredRoles(call);
  for (let i = 0; i < 300; i++) await call("POST", `/api/v1/namespaces/${rbacNamespace}/configmaps`, cm(`seed-${i}`));
}
// create-protobuf: the bodies encoded before profiling (as client-go sends them, asking for protobuf answers).
const protobufBodies = [];
if (scenario === "create-protobuf") {
  const { encodeKubeObject, findKind } = await loadProtobufCodec();
  const configMaps = findKind("", "v1", "configmaps");
  for (let i = 0; i < 3000; i++) protobufBodies.push(encodeKubeObject({ apiVersion: "v1", kind: "ConfigMap", ...cm(`pb-${i}`) }, configMaps));
}
// PROFILE_PRELOAD=n: n more ConfigMaps in another namespace first (how writes change with what the server holds).
const preload = Number(process.env.PROFILE_PRELOAD ?? 0);
if (preload > 0) {
  await call("POST", "/api/v1/namespaces", { metadata: { name: "preload" } });
  await drive({ count: preload, concurrency: 16, make: (i) => call("POST", "/api/v1/namespaces/preload/configmaps", cm(`pre-${i}`)) });
}
// PROFILE_IDLE=ms: leave the server idle first (the runtime evicts Durable Objects idle for ~10 s).
if (process.env.PROFILE_IDLE) await new Promise((resolve) => setTimeout(resolve, Number(process.env.PROFILE_IDLE)));
await send("Profiler.enable");
await send("Profiler.setSamplingInterval", { interval: 100 });
await send("Profiler.start");
const make = {
  create: (i) => call("POST", "/api/v1/namespaces/p/configmaps", cm(`c-${i}`)),
  "create-protobuf": (i) => call("POST", "/api/v1/namespaces/p/configmaps", protobufBodies[i]),
  get: (i) => call("GET", `/api/v1/namespaces/p/configmaps/seed-${i % seeds}`),
  update: (i) => call("PUT", `/api/v1/namespaces/p/configmaps/seed-${i % seeds}`, { ...cm(`seed-${i % seeds}`), data: { a: String(i) } }),
  list: () => call("GET", "/api/v1/namespaces/p/configmaps"),
  noop: () => call("GET", "/version"),
  apply: (i) => changeDeployment(call, "apply", "p", `d-${i % 100}`, i + 1),
  replace: (i) => changeDeployment(call, "update", "p", `d-${i % 100}`, i + 1),
  "rbac-can-i": () => user("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", canIGetConfigMaps),
  "rbac-get": (i) => user("GET", `/api/v1/namespaces/${rbacNamespace}/configmaps/seed-${i % 300}`),
}[scenario];
const result = await drive({ count: scenario === "list" ? 100 : 3000, concurrency: 16, make });
const { profile } = await send("Profiler.stop");
// PROFILE_OUT=x.cpuprofile keeps the profile (for DevTools) and, beside it, the bundle its line numbers refer to.
if (process.env.PROFILE_OUT) {
  await writeFile(process.env.PROFILE_OUT, JSON.stringify(profile));
  await copyFile(env.BUNDLE_OUT, `${process.env.PROFILE_OUT}.worker.mjs`);
}
ws.close();
await server.stop();
await rm(dir, { recursive: true, force: true });

const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const interval = (profile.endTime - profile.startTime) / profile.samples.length;
for (const sample of profile.samples) {
  const node = byId.get(sample);
  const f = node.callFrame;
  const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + interval);
}
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`${scenario}: ${result.rate.toFixed(0)} req/s; profiled ${(total / 1000).toFixed(0)} ms of samples`);
for (const [key, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.PROFILE_TOP ?? 25))) {
  console.log(`${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
}
