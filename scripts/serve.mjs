// `npm start`: serves the API locally over HTTPS on workerd through Miniflare (not `wrangler dev`, whose
// proxy leaks memory on long runs), with a generated CA, a bootstrap admin token and a kubeconfig.
//
// Environment: PORT (6443), STATE_DIR (.wrangler/state), KUBECONFIG_OUT (.kube/config),
// PKI_DIR (.wrangler/pki, also the service-account signing key), DEV_VARS_FILE (.dev.vars),
// STATIC_TOKENS_FILE (.wrangler/static-tokens.csv), BUNDLE_OUT (.wrangler/serve/worker.mjs),
// AUDIT_POLICY (an audit policy's YAML or JSON) or AUDIT_POLICY_FILE (a file holding one); HTTP_WATCH_STREAMS;
// ANONYMOUS_AUTH (requests without credentials: README, "Authentication").

import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { ensureAdminToken } from "./lib/admin-token.mjs";
import { BundleError, bundleWorker } from "./lib/bundle-worker.mjs";
import { applyMigrations } from "./lib/d1-migrations.mjs";
import { writeKubeconfig } from "./lib/kubeconfig.mjs";
import { ensurePki } from "./lib/pki.mjs";
import { serveSettings } from "./lib/serve-settings.mjs";
import { ensureServiceAccountKey } from "./lib/service-account-key.mjs";
import { readStaticTokens } from "./lib/static-tokens.mjs";
import { readWranglerConfig, startMiniflare } from "./lib/start-miniflare.mjs";

const settings = serveSettings();
let miniflare;
let stopping = false;

try {
  const wrangler = readWranglerConfig(settings.wranglerConfig);
  const pki = await ensurePki(settings.pkiDir);
  const token = await ensureAdminToken(settings.devVarsFile);
  const serviceAccountKey = await ensureServiceAccountKey(settings.pkiDir);
  const staticTokens = await readStaticTokens(settings.staticTokensFile);
  const auditPolicy = process.env.AUDIT_POLICY_FILE ? readFileSync(process.env.AUDIT_POLICY_FILE, "utf8") : process.env.AUDIT_POLICY;
  const source = await bundleWorker({ entry: wrangler.main, outFile: settings.bundleOut, define: wrangler.define });

  ({ mf: miniflare } = await startMiniflare({
    wrangler,
    source,
    bindings: {
      ADMIN_TOKEN: token,
      SERVICE_ACCOUNT_SIGNING_KEY: serviceAccountKey.privateKey,
      CLUSTER_CA_CERT: pki.caCert,
      SECURE_PORT: String(settings.port),
      ...(staticTokens ? { STATIC_TOKENS: staticTokens } : {}),
      ...(auditPolicy ? { AUDIT_POLICY: auditPolicy } : {}),
      ...(process.env.HTTP_WATCH_STREAMS ? { HTTP_WATCH_STREAMS: process.env.HTTP_WATCH_STREAMS } : {}),
      ...(process.env.ANONYMOUS_AUTH ? { ANONYMOUS_AUTH: process.env.ANONYMOUS_AUTH } : {}),
    },
    host: settings.host,
    port: settings.port,
    tls: { key: pki.serverKey, cert: pki.serverCert },
    stateDir: settings.stateDir,
    inspectorPort: settings.inspectorPort,
  }));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  if (process.env.npm_lifecycle_event === "start") stopWhenOrphaned();

  for (const name of await applyMigrations(await miniflare.getD1Database("DB"), settings.migrationsDir)) {
    console.log(`applied migration ${name}`);
  }

  const server = `https://${settings.host}:${settings.port}`;
  await writeKubeconfig(settings.kubeconfigOut, { server, caCert: pki.caCert, token });
  const inCwd = !relative(process.cwd(), settings.kubeconfigOut).startsWith("..");
  const kubeconfig = inCwd ? relative(process.cwd(), settings.kubeconfigOut) : settings.kubeconfigOut;
  console.log(`kubeconfig written to ${kubeconfig}; use it with:`);
  console.log(`  export KUBECONFIG=${inCwd ? `$PWD/${kubeconfig}` : kubeconfig}`);
  console.log(`serving ${server}`);
} catch (error) {
  // Known failures (a bundle error, a port in use) say enough in their message; anything else gets its stack.
  console.error(error instanceof BundleError || typeof error?.code === "string" ? error.message : error);
  await miniflare?.dispose();
  process.exit(1);
}

async function stop() {
  if (stopping) return;
  stopping = true;
  try {
    await miniflare.dispose();
  } finally {
    process.exit(0);
  }
}

/** `npm start` does not pass SIGTERM on to its script: stop when npm goes away instead of holding the port. */
function stopWhenOrphaned() {
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && stop(), 1000).unref();
}
