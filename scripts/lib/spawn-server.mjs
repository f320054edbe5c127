// Starts a server process and waits for the line saying where it serves; used by the e2e tests and the
// soak to run `node scripts/serve.mjs` (or `wrangler dev`) as a user would.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** serve.mjs needs node 22 (wrangler); the `node` devDependency provides it whichever node runs the caller. */
export function nodeBinary() {
  const local = join(ROOT, "node_modules", "node", "bin", "node");
  return existsSync(local) ? local : process.execPath;
}

/** The environment that keeps a `scripts/serve.mjs` instance's state, PKI, token and kubeconfig under `dir`. */
export function isolatedServeEnv(dir, port) {
  return {
    PORT: String(port),
    STATE_DIR: join(dir, "state"),
    PKI_DIR: join(dir, "pki"),
    DEV_VARS_FILE: join(dir, "dev.vars"),
    STATIC_TOKENS_FILE: join(dir, "static-tokens.csv"),
    KUBECONFIG_OUT: join(dir, "kubeconfig"),
    BUNDLE_OUT: join(dir, "worker.mjs"),
  };
}

/** Starts `node scripts/serve.mjs` with `env` (see isolatedServeEnv) and waits for its "serving <url>" line. */
export function spawnServe(env) {
  return spawnServer({ command: nodeBinary(), args: ["scripts/serve.mjs"], env, ready: /^serving (https:\/\/\S+)$/m });
}

/**
 * Spawns `command` in the repository root and resolves once its output matches `ready` (group 1 is the
 * URL). `output()` is the last 64 KiB it printed; `stop()` sends SIGTERM, then SIGKILL after `stopTimeoutMs`.
 */
export async function spawnServer({ command, args, env = {}, ready, startTimeoutMs = 60_000, stopTimeoutMs = 10_000 }) {
  const child = spawn(command, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...env } });
  let tail = "";
  const onData = (chunk) => (tail = (tail + chunk).slice(-65_536));
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const output = () => tail.replace(/\x1b\[[0-9;]*m/g, "");
  const exited = new Promise((done) => child.once("exit", done));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), stopTimeoutMs);
      await exited;
      clearTimeout(timer);
    }
  };
  try {
    const url = await waitForOutput(child, () => ready.exec(output())?.[1], startTimeoutMs, output);
    return { child, url, output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function waitForOutput(child, check, timeoutMs, output) {
  return new Promise((done, fail) => {
    const finish = (settle) => {
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stderr.off("data", onData);
      child.off("exit", onExit);
      settle();
    };
    const onData = () => {
      const found = check();
      if (found !== undefined) finish(() => done(found));
    };
    const onExit = (code, signal) =>
      finish(() => fail(new Error(`exited (${signal ?? code}) before it was ready:\n${output()}`)));
    const timer = setTimeout(() => finish(() => fail(new Error(`not ready after ${timeoutMs} ms:\n${output()}`))), timeoutMs);
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", onExit);
  });
}
