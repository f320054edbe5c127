// Which watch hub serves a watch: one per namespace (cluster-scoped kinds: namespace ""), one for all namespaces.

import type { Env } from "../env.ts";

export interface HubClient {
  poke(): Promise<void>;
  fetch(request: Request): Promise<Response>;
}

export function hubName(namespace: string | undefined): string {
  return namespace === undefined ? "watch/all" : `watch/ns/${namespace}`;
}

export function hubFor(env: Env, namespace: string | undefined): HubClient {
  return env.HUBS.get(env.HUBS.idFromName(hubName(namespace))) as unknown as HubClient;
}

/** Tells the namespace's hub and the all-namespaces hub that new changes are in the log. */
export function pokeHubs(env: Env, namespace: string): void {
  for (const hub of [hubFor(env, namespace), hubFor(env, undefined)]) {
    hub.poke().catch((error: unknown) => console.error("watch hub poke failed", error));
  }
}
