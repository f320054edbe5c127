// Which watch hub serves a watch: one per namespace (cluster-scoped kinds: namespace ""), one for all namespaces.

import type { Env } from "../env.ts";
import { cachedId } from "./shards.ts";

export interface HubClient {
  /** New changes are in the log; answers whether the hub has watchers at all. */
  poke(): Promise<boolean>;
  fetch(request: Request): Promise<Response>;
}

export function hubName(namespace: string | undefined): string {
  return namespace === undefined ? "watch/all" : `watch/ns/${namespace}`;
}

export function hubFor(env: Env, namespace: string | undefined): HubClient {
  return env.HUBS.get(cachedId(env.HUBS, hubName(namespace))) as unknown as HubClient;
}

/**
 * A shard pokes a hub with no watchers again only after this long. A hub that gains its first watcher sweeps
 * the log often for as long (see WatchHub), so no change waits for a poke that was skipped.
 */
export const idleHubQuietMs = 2000;

/**
 * Tells the namespace's hub and the all-namespaces hub that new changes are in the log. `quiet` remembers,
 * per hub, until when it had no watchers (kept by the calling shard).
 */
export function pokeHubs(env: Env, namespace: string, quiet: Map<string, number>): void {
  const now = Date.now();
  for (const scope of [namespace, undefined]) {
    const name = hubName(scope);
    if ((quiet.get(name) ?? 0) > now) continue;
    hubFor(env, scope)
      .poke()
      .then((watching) => {
        if (watching) quiet.delete(name);
        else quiet.set(name, Date.now() + idleHubQuietMs);
      })
      .catch((error: unknown) => console.error("watch hub poke failed", error));
  }
}
