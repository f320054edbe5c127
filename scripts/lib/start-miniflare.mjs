// Runs the bundled Worker on workerd through Miniflare, with the bindings and compatibility settings
// wrangler derives from wrangler.toml and the persistence layout `wrangler dev` uses (<state>/v3/...).

import { Miniflare, convertV4MiniflareOptions } from "miniflare";
import { join } from "node:path";
import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";

/** The wrangler.toml settings that matter for serving: the Worker's name, its entry and Miniflare options. */
export function readWranglerConfig(configPath) {
  const config = unstable_readConfig({ config: configPath });
  const { workerOptions, define, main } = unstable_getMiniflareWorkerOptions(config);
  return { name: config.name, main, define, workerOptions };
}

/**
 * Starts Miniflare serving `source` over HTTPS. `stateDir` is wrangler's `--persist-to` directory: the same
 * directory gives the same D1 databases and Durable Objects as `wrangler dev` and `wrangler d1 --local`.
 */
export async function startMiniflare({ wrangler, source, bindings, host, port, tls, stateDir, inspectorPort }) {
  const persistRoot = join(stateDir, "v3");
  const options = convertV4MiniflareOptions({
    host,
    port,
    https: true,
    httpsKey: tls.key,
    httpsCert: tls.cert,
    logRequests: false,
    ...(inspectorPort ? { inspectorPort } : {}),
    resourcePersistencePath: persistRoot,
    workers: [
      {
        ...wrangler.workerOptions,
        name: wrangler.name, // Durable Object state is keyed by the Worker's name, as in `wrangler dev`
        modules: [{ type: "ESModule", path: "worker.mjs", contents: source }],
        bindings: { ...wrangler.workerOptions.bindings, ...bindings },
      },
    ],
  });
  const mf = new Miniflare(options);
  const url = await mf.ready;
  return { mf, url };
}
