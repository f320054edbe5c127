// What a shard knows of its own objects. The shard's Durable Object is the only writer of its keys, so once
// loaded from D1 the index of keys and revisions stays exact. Object texts come from the isolate's cache of
// stored texts (stored-texts.ts), or from D1.

import type { KubeObject } from "../api/object.ts";
import { decodeStored } from "./codec.ts";
import { sql } from "./statements.ts";
import { storedTexts, textKey } from "./stored-texts.ts";

export class ShardIndex {
  /** resource → name → resourceVersion, for every object of the shard. */
  private readonly keys = new Map<string, Map<string, number>>();
  /**
   * The shard's namespace was seen Active. It stays so until a purge: a namespace leaves Active only by going
   * Terminating, and its termination purges this shard before anything else (see namespace-termination.ts).
   */
  namespaceActive = false;

  private constructor(private readonly namespace: string) {}

  static async load(db: D1Database, namespace: string): Promise<ShardIndex> {
    const index = new ShardIndex(namespace);
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

  /** The stored object, from the cache of stored texts or from D1: a copy of its own for the caller. */
  async get(db: D1Database, resource: string, name: string): Promise<KubeObject | undefined> {
    const rv = this.keys.get(resource)?.get(name);
    if (rv === undefined) return undefined;
    const key = textKey(this.namespace, resource, name);
    const cached = storedTexts.get(key, rv);
    if (cached !== undefined) return decodeStored(cached, rv);
    const row = await db.prepare(sql.getObject).bind(resource, this.namespace, name).first<{ rv: number; value: string }>();
    if (!row) return undefined;
    storedTexts.set(key, row.rv, row.value);
    return decodeStored(row.value, row.rv);
  }

  /** Loads into the cache, in one query, those of these objects that exist and are not cached. */
  async prefetch(db: D1Database, keys: readonly (readonly [string, string])[]): Promise<void> {
    const missing = keys.filter(([resource, name]) => {
      const rv = this.keys.get(resource)?.get(name);
      return rv !== undefined && !storedTexts.has(textKey(this.namespace, resource, name), rv);
    });
    if (missing.length < 2) return;
    const rows = await db.prepare(sql.getObjects).bind(this.namespace, JSON.stringify(missing)).all<{ resource: string; name: string; rv: number; value: string }>();
    for (const row of rows.results) storedTexts.set(textKey(this.namespace, row.resource, row.name), row.rv, row.value);
  }

  /** Records a committed change: the object's stored text, or undefined for a delete. */
  committed(resource: string, name: string, text: string | undefined, rv: number): void {
    const key = textKey(this.namespace, resource, name);
    if (text === undefined) {
      this.keys.get(resource)?.delete(name);
      storedTexts.delete(key);
      return;
    }
    this.namesOf(resource).set(name, rv);
    storedTexts.set(key, rv, text);
  }
}
