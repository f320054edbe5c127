// The Worker's bindings, as declared in wrangler.toml.

import type { NamespaceShard } from "./storage/namespace-shard.ts";

export interface Env {
  DB: D1Database;
  SHARDS: DurableObjectNamespace<NamespaceShard>;
  /** The bootstrap admin bearer token (a secret: .dev.vars locally, `wrangler secret put` when deployed). */
  ADMIN_TOKEN?: string;
}
