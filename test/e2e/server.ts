// Starts the API server as a user does (`node scripts/serve.mjs`) on a free port with its own state,
// CA, token and kubeconfig in a temporary directory, and runs the real kubectl against it.

import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
