// Reads the objects a token is bound to (service account, pod, secret) when it is verified. Found objects are
// remembered for a few seconds per isolate, so a busy client does not cost a D1 read per request; a deleted
// or replaced object thus stops a token within that time. Absence is never remembered.

import type { KubeObject } from "../../api/object.ts";
import { ObjectReader } from "../../storage/object-reader.ts";

export type BoundResource = "serviceaccounts" | "pods" | "secrets";

export interface ObjectLookup {
  get(resource: BoundResource, namespace: string, name: string): Promise<KubeObject | undefined>;
}

export const lookupTtlMs = 3000;
const maxEntries = 1024;
const cache = new Map<string, { until: number; object: KubeObject }>();

export function d1Lookup(db: D1Database, ttlMs = lookupTtlMs): ObjectLookup {
  const reader = new ObjectReader(db);
  return {
    async get(resource, namespace, name) {
      const key = `${resource}/${namespace}/${name}`;
      const now = Date.now();
      const hit = cache.get(key);
      if (hit && hit.until > now) return hit.object;
      const object = await reader.get(resource, namespace, name);
      if (!object) {
        cache.delete(key);
        return undefined;
      }
      if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
      cache.set(key, { until: now + ttlMs, object });
      return object;
    },
  };
}
