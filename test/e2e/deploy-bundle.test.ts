// `wrangler deploy --dry-run` bundles the Worker with its Durable Objects and D1 binding, without errors.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";

it("bundles for wrangler deploy", async () => {
  const outdir = await mkdtemp(join(tmpdir(), "edge-kube-deploy-"));
  try {
    const result = await new Promise<{ code: number; out: string }>((done) => {
      execFile(
        join(process.cwd(), "node_modules", ".bin", "wrangler"),
        ["deploy", "--dry-run", "--outdir", outdir],
        { env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" }, maxBuffer: 16 << 20 },
        (error, stdout, stderr) => done({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, out: stdout + stderr }),
      );
    });
    expect(result.code, result.out).toBe(0);
    expect(result.out).toContain("env.SHARDS (NamespaceShard)");
    expect(result.out).toContain("env.HUBS (WatchHub)");
    expect(result.out).toContain("env.DB (kube)");
    expect(result.out).toContain("--dry-run: exiting now.");
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
});
