// What a shard knows of its own objects. The shard's Durable Object is the only writer of its keys, so once
// loaded from D1 the index of keys stays exact; object values are cached up to a bound.

import type { KubeObject } from "../api/object.ts";
import { decodeStored } from "./codec.ts";
import { sql } from "./statements.ts";

const cacheLimit = 10_000;

export class ShardIndex {
  /** resource → name → resourceVersion, for every object of the shard. */
  private readonly keys = new Map<string, Map<string, number>>();
  /** Recently used objects, in use order. */
  private readonly cache = new Map<string, KubeObject>();
  /**
   * The shard's namespace was seen Active. It stays so until a purge: a namespace leaves Active only by going
   * Terminating, and its termination purges this shard before anything else (see namespace-termination.ts).
   */
  namespaceActive = false;

  static async load(db: D1Database, namespace: string): Promise<ShardIndex> {
    const index = new ShardIndex();
    const rows = await db.prepare(sql.keysInNamespace).bind(namespace).all<{ resource: string; name: string; rv: number }>();
    for (const row of rows.results) index.namesOf(row.resource).set(row.name, row.rv);
    return index;
  }

  private namesOf(resource: string): Map<string, number> {
    let names = this.keys.get(resource);
    if (!names) this.keys.set(resource, (names = new Map()));
    return names;
  }

  has(resource: string, name: string): boolean {
    return this.keys.get(resource)?.has(name) ?? false;
  }

  /** The resourceVersion of a stored object. */
  version(resource: string, name: string): string | undefined {
    const rv = this.keys.get(resource)?.get(name);
    return rv === undefined ? undefined : String(rv);
  }

  names(resource: string): string[] {
    return [...(this.keys.get(resource)?.keys() ?? [])].sort();
  }

  resources(): string[] {
    return [...this.keys.entries()].filter(([, names]) => names.size > 0).map(([resource]) => resource);
  }

  /** The stored object, from the cache or from D1. The caller must not mutate it. */
  async get(db: D1Database, namespace: string, resource: string, name: string): Promise<KubeObject | undefined> {
    const rv = this.keys.get(resource)?.get(name);
    if (rv === undefined) return undefined;
    const cacheKey = `${resource}/${name}`;
    const cached = this.cache.get(cacheKey);
    if (cached && cached.metadata.resourceVersion === String(rv)) {
      this.cache.delete(cacheKey);
      this.cache.set(cacheKey, cached);
      return cached;
    }
    const row = await db.prepare(sql.getObject).bind(resource, namespace, name).first<{ rv: number; value: string }>();
    if (!row) return undefined;
    const obj = decodeStored(row.value, row.rv);
    this.remember(cacheKey, obj);
    return obj;
  }

  /** Loads into the cache, in one query, those of these objects that exist and are not cached. */
  async prefetch(db: D1Database, namespace: string, keys: readonly (readonly [string, string])[]): Promise<void> {
    const missing = keys.filter(([resource, name]) => {
      const rv = this.keys.get(resource)?.get(name);
      return rv !== undefined && this.cache.get(`${resource}/${name}`)?.metadata.resourceVersion !== String(rv);
    });
    if (missing.length < 2) return;
    const rows = await db.prepare(sql.getObjects).bind(namespace, JSON.stringify(missing)).all<{ resource: string; name: string; rv: number; value: string }>();
    for (const row of rows.results) this.remember(`${row.resource}/${row.name}`, decodeStored(row.value, row.rv));
  }

  private remember(cacheKey: string, obj: KubeObject): void {
    this.cache.delete(cacheKey);
    this.cache.set(cacheKey, obj);
    if (this.cache.size > cacheLimit) this.cache.delete(this.cache.keys().next().value!);
  }

  /** Records a committed change. */
  committed(resource: string, name: string, obj: KubeObject | undefined, rv: number): void {
    const cacheKey = `${resource}/${name}`;
    if (!obj) {
      this.keys.get(resource)?.delete(name);
      this.cache.delete(cacheKey);
      return;
    }
    this.namesOf(resource).set(name, rv);
    this.remember(cacheKey, obj);
  }
}
