// Starts the API server as a user does (`node scripts/serve.mjs`) on a free port with its own state,
// CA, token and kubeconfig in a temporary directory, and runs the real kubectl against it.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { parse } from "yaml";
import { ensureKubeTools } from "../../scripts/kube-tools.mjs";
import { freePort, isolatedServeEnv, spawnServe } from "../../scripts/lib/spawn-server.mjs";

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestServer {
  url: string;
  port: number;
  /** Holds the server's state, PKI, token and kubeconfig; pass it to startServer again to restart. */
  dir: string;
  kubeconfig: string;
  token: string;
  caPem: string;
  /** What the server printed (the last 64 KiB), for failure messages. */
  output(): string;
  stop(): Promise<void>;
  kubectl(args: string[], opts?: { input?: string }): Promise<CommandResult>;
  /** kubectl that must succeed: its stdout, or an error with its stderr and the server's output. */
  kubectlOk(args: string[], opts?: { input?: string }): Promise<string>;
}

/**
 * Starts a server; given `dir` it reuses that directory (and leaves it in place on stop), else a fresh one.
 * `env`: settings passed to `npm start` as a user would set them (ANONYMOUS_AUTH=true, ...).
 */
export async function startServer(options: { dir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), "edge-kube-e2e-")));
  const port = await freePort();
  const env = { ...isolatedServeEnv(dir, port), ...options.env };
  const removeDir = () => (options.dir ? Promise.resolve() : rm(dir, { recursive: true, force: true }));
  const server = await spawnServe(env).catch(async (error: unknown) => {
    await removeDir();
    throw error;
  });

  const kubeconfig = env.KUBECONFIG_OUT;
  const config = parse(await readFile(kubeconfig, "utf8")) as { users: { user: { token: string } }[] };
  const { kubectl } = ensureKubeTools();
  return {
    url: server.url,
    port,
    dir,
    kubeconfig,
    token: config.users[0].user.token,
    caPem: await readFile(join(env.PKI_DIR, "ca.crt"), "utf8"),
    output: server.output,
    stop: async () => {
      await server.stop();
      await removeDir();
    },
    kubectl: (args, opts = {}) => run(kubectl, args, { KUBECONFIG: kubeconfig }, opts.input),
    async kubectlOk(args, opts = {}) {
      const res = await run(kubectl, args, { KUBECONFIG: kubeconfig }, opts.input);
      if (res.code !== 0) throw new Error(`kubectl ${args.join(" ")} failed (${res.code}): ${res.stderr}\n${server.output()}`);
      return res.stdout;
    },
  };
}

/**
 * The server of a test file: started before its tests and stopped after them (vitest's beforeAll and
 * afterAll). Read its fields inside tests and hooks, once it has started.
 */
export function useServer(options: { env?: Record<string, string> } = {}): TestServer {
  let started: TestServer | undefined;
  beforeAll(async () => {
    started = await startServer(options);
  });
  afterAll(async () => {
    await started?.stop();
  });
  const current = (): TestServer => {
    if (!started) throw new Error("the test server starts in beforeAll: use it inside tests and hooks");
    return started;
  };
  return {
    get url() {
      return current().url;
    },
    get port() {
      return current().port;
    },
    get dir() {
      return current().dir;
    },
    get kubeconfig() {
      return current().kubeconfig;
    },
    get token() {
      return current().token;
    },
    get caPem() {
      return current().caPem;
    },
    output: () => current().output(),
    stop: () => current().stop(),
    kubectl: (args, opts) => current().kubectl(args, opts),
    kubectlOk: (args, opts) => current().kubectlOk(args, opts),
  };
}

function run(file: string, args: string[], env: Record<string, string>, input?: string): Promise<CommandResult> {
  return new Promise((done) => {
    const options = { env: { ...process.env, ...env }, maxBuffer: 64 << 20 };
    const proc = execFile(file, args, options, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      done({ code, stdout, stderr });
    });
    proc.stdin?.end(input ?? "");
  });
}
