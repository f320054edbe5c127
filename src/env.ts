// The Worker's bindings, as declared in wrangler.toml.

export interface Env {
  DB: D1Database;
  SHARDS: DurableObjectNamespace;
  HUBS: DurableObjectNamespace;
  /** The bootstrap admin bearer token (a secret: .dev.vars locally, `wrangler secret put` when deployed). */
  ADMIN_TOKEN?: string;
}
