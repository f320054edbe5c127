// Which Durable Object owns a namespace's objects: one per namespace, one ("cluster") for cluster-scoped kinds.

import type { Env } from "../env.ts";
import type { WriteRequest, WriteResult } from "../registry/contract.ts";

/** The RPC surface of a shard, as the Worker and other shards call it. */
export interface ShardClient {
  write(req: WriteRequest): Promise<WriteResult>;
  purge(namespace: string): Promise<number>;
  purgeResource(namespace: string, resource: string): Promise<number>;
  terminateNamespace(name: string): Promise<void>;
  startMaintenance(): Promise<void>;
  populateDefaults(namespace: string): Promise<number>;
  hubWatched(hub: string): Promise<void>;
}

export function shardName(namespace: string): string {
  return namespace ? `ns/${namespace}` : "cluster";
}

// Ids are cached per isolate: deriving one from a name hashes the name. (Stubs cannot be cached: each
// belongs to the request that made it.)
const ids = new WeakMap<DurableObjectNamespace, Map<string, DurableObjectId>>();

/** The id for a name in a Durable Object namespace, from the isolate's cache. */
export function cachedId(binding: DurableObjectNamespace, name: string): DurableObjectId {
  let cache = ids.get(binding);
  if (!cache) ids.set(binding, (cache = new Map()));
  let id = cache.get(name);
  if (!id) {
    if (cache.size > 10_000) cache.clear();
    id = binding.idFromName(name);
    cache.set(name, id);
  }
  return id;
}

export function shardFor(env: Env, namespace: string): ShardClient {
  return env.SHARDS.get(cachedId(env.SHARDS, shardName(namespace))) as unknown as ShardClient;
}
