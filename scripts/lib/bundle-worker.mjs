// Bundles the Worker for workerd the way wrangler does: one ES module, `cloudflare:*` and Node built-ins
// left to the runtime (nodejs_compat provides them).

import { build } from "esbuild";
import { builtinModules } from "node:module";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";

/**
 * Bundles `entry` and writes it to `outFile` (atomically); returns the bundled source. Build errors are
 * printed by esbuild and then thrown as a BundleError.
 */
export async function bundleWorker({ entry, outFile, define = {} }) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2024",
    conditions: ["workerd", "worker", "browser"],
    external: ["cloudflare:*", "node:*", ...builtinModules],
    define,
    sourcemap: false,
    logLevel: "warning",
  }).catch((error) => {
    throw new BundleError(error.errors?.length ?? 1);
  });
  const source = result.outputFiles[0].text;
  await mkdir(dirname(outFile), { recursive: true });
  const tmp = `${outFile}.${process.pid}.tmp`;
  await writeFile(tmp, source);
  await rename(tmp, outFile);
  return source;
}

export class BundleError extends Error {
  constructor(count) {
    super(`the Worker did not bundle (${count} error${count === 1 ? "" : "s"} above)`);
  }
}
