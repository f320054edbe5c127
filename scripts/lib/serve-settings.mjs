// What `npm start` serves and where it keeps things, from the environment (paths relative to the cwd).

import { resolve } from "node:path";

export function serveSettings(env = process.env) {
  return {
    host: "127.0.0.1",
    port: Number(env.PORT ?? 6443),
    stateDir: resolve(env.STATE_DIR ?? ".wrangler/state"),
    pkiDir: resolve(env.PKI_DIR ?? ".wrangler/pki"),
    devVarsFile: resolve(env.DEV_VARS_FILE ?? ".dev.vars"),
    staticTokensFile: resolve(env.STATIC_TOKENS_FILE ?? ".wrangler/static-tokens.csv"),
    kubeconfigOut: resolve(env.KUBECONFIG_OUT ?? ".kube/config"),
    bundleOut: resolve(env.BUNDLE_OUT ?? ".wrangler/serve/worker.mjs"),
    wranglerConfig: resolve("wrangler.toml"),
    migrationsDir: resolve("migrations"),
    /** A V8 inspector port for profiling (DevTools or scripts/profile.mjs); none by default. */
    inspectorPort: env.INSPECTOR_PORT ? Number(env.INSPECTOR_PORT) : undefined,
  };
}
