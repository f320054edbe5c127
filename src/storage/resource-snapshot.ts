// Reads every current object of a few resources at once, with a fingerprint that changes whenever any of
// them is written: what a per-isolate cache (RBAC's) needs to stay current without reading everything.

import type { KubeObject } from "../api/object.ts";
import { decodeStored } from "./codec.ts";
import { bindPage, pageSql, sql } from "./statements.ts";

export interface ResourceSnapshot {
  fingerprint: string;
  /** Current objects by resource, in key order. */
  objects: Map<string, KubeObject[]>;
}

interface Row {
  namespace: string;
  name: string;
  rv: number;
  value: string;
}

export async function resourcesFingerprint(db: D1Database, resources: readonly string[]): Promise<string> {
  const row = await db.prepare(sql.resourcesFingerprint).bind(JSON.stringify(resources)).first<{ n: number; rv: number }>();
  return `${row?.n ?? 0}/${row?.rv ?? 0}`;
}

/** All current objects of the resources and their fingerprint, read in one transaction. */
export async function readResources(db: D1Database, resources: readonly string[]): Promise<ResourceSnapshot> {
  const results = await db.batch([
    db.prepare(sql.resourcesFingerprint).bind(JSON.stringify(resources)),
    ...resources.map((resource) => bindPage(db, pageSql.all.currentObjects, { resource })),
  ]);
  const head = results[0].results[0] as { n: number; rv: number } | undefined;
  const objects = new Map<string, KubeObject[]>();
  resources.forEach((resource, i) => {
    const rows = results[i + 1].results as unknown as Row[];
    objects.set(resource, rows.map((row) => decodeStored(row.value, row.rv)));
  });
  return { fingerprint: `${head?.n ?? 0}/${head?.rv ?? 0}`, objects };
}
