import { describe, expect, it } from "vitest";
import type { Env } from "../env.ts";
import { d1Check, healthChecks, healthReport, pingCheck, runChecks, singleCheck } from "./health.ts";

function envWithDB(first: () => Promise<unknown>): Env {
  return { DB: { prepare: () => ({ first }) } } as unknown as Env;
}
const healthy = envWithDB(async () => ({ ok: 1 }));
const broken = envWithDB(async () => {
  throw new Error("D1_ERROR: no such database");
});

describe("healthReport", () => {
  it("says ok, or lists the checks with ?verbose", () => {
    const outcomes = [{ name: "ping" }, { name: "d1" }];
    expect(healthReport("healthz", outcomes, false)).toEqual({ status: 200, body: "ok" });
    expect(healthReport("readyz", outcomes, true)).toEqual({ status: 200, body: "[+]ping ok\n[+]d1 ok\nreadyz check passed\n" });
  });

  it("fails with 500, withholding the reason, verbose or not", () => {
    const outcomes = [{ name: "ping" }, { name: "d1", error: "D1_ERROR" }];
    const failed = { status: 500, body: "[+]ping ok\n[-]d1 failed: reason withheld\nlivez check failed\n" };
    expect(healthReport("livez", outcomes, false)).toEqual(failed);
    expect(healthReport("livez", outcomes, true)).toEqual(failed);
  });

  it("reports excluded checks and excludes that match nothing", () => {
    const report = healthReport("healthz", [{ name: "ping" }, { name: "d1", excluded: true }], true, ["etcd"]);
    expect(report.body).toBe('[+]ping ok\n[+]d1 excluded: ok\nwarn: some health checks cannot be excluded: no matches for "etcd"\nhealthz check passed\n');
  });
});

describe("checks", () => {
  it("runs ping and d1, in that order", async () => {
    expect(healthChecks.map((c) => c.name)).toEqual(["ping", "d1"]);
    expect(await runChecks(healthChecks, healthy, new Set())).toEqual([{ name: "ping" }, { name: "d1" }]);
  });

  it("fails d1 with the reason when D1 errors, and skips it when excluded", async () => {
    expect(await runChecks(healthChecks, broken, new Set())).toEqual([{ name: "ping" }, { name: "d1", error: "D1_ERROR: no such database" }]);
    expect(await runChecks(healthChecks, broken, new Set(["d1"]))).toEqual([{ name: "ping" }, { name: "d1", excluded: true }]);
  });

  it("fails d1 when SELECT 1 does not come back", async () => {
    expect(await singleCheck(d1Check, envWithDB(async () => null))).toEqual({ status: 500, body: "internal server error: D1 did not answer SELECT 1\n" });
  });

  it("serves one check alone: ok, or the reason", async () => {
    expect(await singleCheck(pingCheck, broken)).toEqual({ status: 200, body: "ok" });
    expect(await singleCheck(d1Check, broken)).toEqual({ status: 500, body: "internal server error: D1_ERROR: no such database\n" });
  });
});
