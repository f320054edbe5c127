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
 * A shard pokes a hub with no watchers again only after this long, unless the hub says it gained one (a
 * namespace's hub tells its shard). The all-namespaces hub cannot tell every shard: after gaining its first
 * watcher it sweeps the log often for as long (see WatchHub), so no change waits for a poke that was skipped.
 */
export const idleHubQuietMs = 2000;

/** Per hub, until when a shard leaves it alone for having no watchers. Kept by each shard. */
export class QuietHubs {
  private readonly until = new Map<string, number>();
  /** Bumped when a hub says it has a watcher: an answer to a poke sent before then is out of date. */
  private readonly watchedCount = new Map<string, number>();

  skip(hub: string, now: number): boolean {
    return (this.until.get(hub) ?? 0) > now;
  }

  /** What to hand back to answered(): the state when the poke went out. */
  poking(hub: string): number {
    return this.watchedCount.get(hub) ?? 0;
  }

  answered(hub: string, sent: number, watching: boolean): void {
    if (watching || this.poking(hub) !== sent) this.until.delete(hub);
    else this.until.set(hub, Date.now() + idleHubQuietMs);
  }

  /** The hub has a watcher now: poke it after the next commit. */
  watched(hub: string): void {
    this.watchedCount.set(hub, this.poking(hub) + 1);
    this.until.delete(hub);
  }
}

/** Tells the namespace's hub and the all-namespaces hub that new changes are in the log. */
export function pokeHubs(env: Env, namespace: string, quiet: QuietHubs): void {
  const now = Date.now();
  for (const scope of [namespace, undefined]) {
    const name = hubName(scope);
    if (quiet.skip(name, now)) continue;
    const sent = quiet.poking(name);
    hubFor(env, scope)
      .poke()
      .then((watching) => quiet.answered(name, sent, watching))
      .catch((error: unknown) => console.error("watch hub poke failed", error));
  }
}
