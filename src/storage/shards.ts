// Which Durable Object owns a namespace's objects: one per namespace, one ("cluster") for cluster-scoped kinds.

import type { Env } from "../env.ts";
import type { WriteRequest, WriteResult } from "../registry/contract.ts";

/** The RPC surface of a shard, as the Worker and other shards call it. */
export interface ShardClient {
  write(req: WriteRequest): Promise<WriteResult>;
  purge(namespace: string): Promise<number>;
  terminateNamespace(name: string): Promise<void>;
  startMaintenance(): Promise<void>;
}

export function shardName(namespace: string): string {
  return namespace ? `ns/${namespace}` : "cluster";
}

export function shardFor(env: Env, namespace: string): ShardClient {
  return env.SHARDS.get(env.SHARDS.idFromName(shardName(namespace))) as unknown as ShardClient;
}
