// /healthz, /livez and /readyz as kube serves them. Each runs the same named checks: "ping" (the Worker
// answers) and "d1" (a `SELECT 1` through the D1 binding). kube names its storage check "etcd"; ours is D1,
// so the check says so. The report's text is kube's: "ok", or with ?verbose one "[+]name ok" line per check
// and "<endpoint> check passed"; a failing check gives 500, "[-]name failed: reason withheld" and
// "<endpoint> check failed" (the reason goes to the log, not to an unauthenticated caller). ?exclude=name
// skips a check. Each check is also served alone at /<endpoint>/<name>.

import type { Env } from "../env.ts";

export const healthEndpoints = ["healthz", "livez", "readyz"] as const;
export type HealthEndpoint = (typeof healthEndpoints)[number];

export interface HealthCheck {
  name: string;
  /** Resolves when healthy; rejects with the reason otherwise. */
  run(env: Env): Promise<void>;
}

/** How long a check may take before it counts as failed. */
export const checkTimeoutMs = 5_000;

export const pingCheck: HealthCheck = { name: "ping", run: async () => {} };

export const d1Check: HealthCheck = {
  name: "d1",
  async run(env) {
    const row = await env.DB.prepare("SELECT 1 AS ok").first<{ ok: number }>();
    if (row?.ok !== 1) throw new Error("D1 did not answer SELECT 1");
  },
};

export const healthChecks: readonly HealthCheck[] = [pingCheck, d1Check];

export interface HealthResponse {
  status: 200 | 500;
  body: string;
}

export type CheckOutcome = { name: string; excluded: true } | { name: string; excluded?: false; error?: string };

/** Runs the checks not excluded, each bounded by the timeout; never rejects. */
export async function runChecks(checks: readonly HealthCheck[], env: Env, excluded: ReadonlySet<string>): Promise<CheckOutcome[]> {
  return Promise.all(
    checks.map(async (check): Promise<CheckOutcome> => {
      if (excluded.has(check.name)) return { name: check.name, excluded: true };
      const error = await runOne(check, env);
      return error === undefined ? { name: check.name } : { name: check.name, error };
    }),
  );
}

/** The report kube writes for /<endpoint> from the outcomes; `unknownExcludes` are names matching no check. */
export function healthReport(endpoint: HealthEndpoint, outcomes: readonly CheckOutcome[], verbose: boolean, unknownExcludes: readonly string[] = []): HealthResponse {
  const lines = outcomes.map((o) => (o.excluded ? `[+]${o.name} excluded: ok` : o.error === undefined ? `[+]${o.name} ok` : `[-]${o.name} failed: reason withheld`));
  if (unknownExcludes.length > 0) {
    lines.push(`warn: some health checks cannot be excluded: no matches for ${unknownExcludes.map((n) => JSON.stringify(n)).join(",")}`);
  }
  const failed = outcomes.some((o) => !o.excluded && o.error !== undefined);
  if (failed) return { status: 500, body: `${lines.join("\n")}\n${endpoint} check failed\n` };
  if (!verbose) return { status: 200, body: "ok" };
  return { status: 200, body: `${lines.join("\n")}\n${endpoint} check passed\n` };
}

/** The answer of /<endpoint>/<check>: "ok", or 500 with the reason (kube shows it on this path). */
export async function singleCheck(check: HealthCheck, env: Env): Promise<HealthResponse> {
  const error = await runOne(check, env);
  return error === undefined ? { status: 200, body: "ok" } : { status: 500, body: `internal server error: ${error}\n` };
}

async function runOne(check: HealthCheck, env: Env): Promise<string | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${checkTimeoutMs}ms`)), checkTimeoutMs);
  });
  try {
    await Promise.race([check.run(env), timeout]);
    return undefined;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    clearTimeout(timer);
  }
}
