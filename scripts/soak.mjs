// Soak: a bounded number of keep-alive HTTPS requests from loopback against a freshly started server,
// printing requests done vs the server's memory (RSS of its workerd and node processes) and requests/s.
//
//   npm run soak                          Miniflare directly (scripts/serve.mjs), the way `npm start` serves
//   SOAK_TARGET=wrangler npm run soak     `wrangler dev` on the same code, state and certificate, to compare
//
// Environment: SOAK_REQUESTS (1,000,000), SOAK_CONCURRENCY (16), SOAK_SAMPLES (20 rows), SOAK_PATH (/healthz).

import { mkdtemp, readFile, rm } from "node:fs/promises";
import { Agent, request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { descendants, processStatus } from "./lib/process-tree.mjs";
import { freePort, isolatedServeEnv, nodeBinary, ROOT, spawnServe, spawnServer } from "./lib/spawn-server.mjs";

const total = Number(process.env.SOAK_REQUESTS ?? 1_000_000);
const concurrency = Number(process.env.SOAK_CONCURRENCY ?? 16);
const sampleEvery = Math.max(1, Math.ceil(total / Number(process.env.SOAK_SAMPLES ?? 20)));
const path = process.env.SOAK_PATH ?? "/healthz";
const target = process.env.SOAK_TARGET ?? "miniflare";

const dir = await mkdtemp(join(tmpdir(), "edge-kube-soak-"));
const port = await freePort();
const server = await start(target);
const ca = await readFile(join(dir, "pki", "ca.crt"), "utf8");
const agent = new Agent({ keepAlive: true, maxSockets: concurrency, ca });

console.log(`soak: ${total} × GET ${path}, concurrency ${concurrency}, against ${target} at ${server.url}`);
console.log(row(["requests", "seconds", "req/s", "workerd RSS MiB", "node RSS MiB", "errors"]));
const started = performance.now();
let issued = 0;
let done = 0;
let errors = 0;
let last = { done: 0, at: started };
sample();
await Promise.all(Array.from({ length: concurrency }, () => worker()));
const seconds = (performance.now() - started) / 1000;
console.log(`done: ${done} requests in ${seconds.toFixed(1)} s, ${Math.round(done / seconds)} req/s, ${errors} errors`);
if (server.child.exitCode !== null || server.child.signalCode !== null) {
  console.log(`the server exited (${server.child.signalCode ?? server.child.exitCode}) during the run; its output:`);
  console.log(server.output());
}
agent.destroy();
await server.stop();
await rm(dir, { recursive: true, force: true });
process.exit(errors > 0 ? 1 : 0);

async function worker() {
  while (issued < total && server.child.exitCode === null) {
    issued++;
    const ok = await get(`${server.url}${path}`).catch(() => false);
    done++;
    if (!ok) errors++;
    if (done % sampleEvery === 0 || done === total) sample();
  }
}

function get(url) {
  return new Promise((ok, fail) => {
    const req = request(url, { agent }, (res) => {
      res.resume();
      res.on("end", () => ok(res.statusCode === 200));
      res.on("error", fail);
    });
    req.on("error", fail);
    req.end();
  });
}

function sample() {
  const now = performance.now();
  const rate = done === last.done ? 0 : ((done - last.done) * 1000) / (now - last.at);
  last = { done, at: now };
  const procs = [server.child.pid, ...descendants(server.child.pid)].map(processStatus).filter(Boolean);
  const mib = (name) => (procs.filter((p) => p.name === name).reduce((sum, p) => sum + p.rssKiB, 0) / 1024).toFixed(0);
  console.log(row([done, ((now - started) / 1000).toFixed(1), Math.round(rate), mib("workerd"), mib("node"), errors]));
}

function row(cells) {
  return cells.map((cell, i) => String(cell).padStart(i === 0 ? 9 : 16)).join("");
}

async function start(kind) {
  const env = isolatedServeEnv(dir, port);
  if (kind === "miniflare") {
    return spawnServe(env);
  }
  if (kind !== "wrangler") throw new Error(`SOAK_TARGET must be miniflare or wrangler, not ${kind}`);
  // serve.mjs once, to create the PKI the same way; then wrangler dev on the same state and certificate.
  await (await spawnServe(env)).stop();
  const wrangler = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
  const args = [wrangler, "dev", "--local", "--ip", "127.0.0.1", "--port", String(port), "--local-protocol", "https"];
  args.push("--https-key-path", join(env.PKI_DIR, "server.key"), "--https-cert-path", join(env.PKI_DIR, "server.crt"));
  args.push("--persist-to", env.STATE_DIR, "--show-interactive-dev-session=false");
  const ready = /Ready on (https:\/\/\S+)/;
  const wranglerEnv = { WRANGLER_SEND_METRICS: "false", ...env };
  return spawnServer({ command: nodeBinary(), args, env: wranglerEnv, ready, startTimeoutMs: 120_000 });
}
