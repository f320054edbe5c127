// Reads from D1 that the Worker serves directly: one object, a page of a list (current or at a revision).

import type { KubeObject } from "../api/object.ts";
import { decodeStored } from "./codec.ts";
import { bindPage, pageStatementsFor, sql } from "./statements.ts";

export interface StoredRow {
  namespace: string;
  name: string;
  rv: number;
  value: string;
}

export interface PageQuery {
  resource: string;
  /** A namespace, or undefined for every namespace (and for cluster-scoped kinds, ""). */
  namespace: string | undefined;
  /** Resume strictly after this key. */
  after: { namespace: string; name: string };
  limit: number;
  /** List the state as of this revision instead of the current one. */
  atRevision?: number;
}

export class ObjectReader {
  constructor(private readonly db: D1Database) {}

  async get(resource: string, namespace: string, name: string): Promise<KubeObject | undefined> {
    const row = await this.db.prepare(sql.getObject).bind(resource, namespace, name).first<{ rv: number; value: string }>();
    return row ? decodeStored(row.value, row.rv) : undefined;
  }

  async revisions(): Promise<{ current: number; compacted: number }> {
    const [current, compacted] = await this.db.batch<{ rv: number }>([
      this.db.prepare(sql.currentRevision),
      this.db.prepare(sql.compactedRevision),
    ]);
    return { current: current.results[0]?.rv ?? 0, compacted: compacted.results[0]?.rv ?? 0 };
  }

  /**
   * One page in key order, with the revision it is consistent with and the count of keys after it.
   * Reading the current state, the page, the count and the revision come from one transaction.
   */
  async page(query: PageQuery): Promise<{ rows: StoredRow[]; revision: number; remaining: number }> {
    const statements = pageStatementsFor(query.namespace);
    const params = { resource: query.resource, namespace: query.namespace, after: query.after, limit: query.limit, revision: query.atRevision };
    const bound = (text: string) => bindPage(this.db, text, params);
    if (query.atRevision === undefined) {
      const [rows, count, revision] = await this.db.batch([bound(statements.listCurrent), bound(statements.countCurrentAfter), this.db.prepare(sql.currentRevision)]);
      const page = rows.results as unknown as StoredRow[];
      const total = (count.results[0] as { n: number }).n;
      return { rows: page, revision: (revision.results[0] as { rv: number }).rv, remaining: total - page.length };
    }
    const at = query.atRevision;
    // Usually nothing of this resource changed since (the pages of one list follow each other closely): the
    // current objects are then that state, and far cheaper to read than the log.
    const [changed, current, currentCount] = await this.db.batch([
      bound(statements.changedSince),
      bound(statements.listCurrentIfUnchanged),
      bound(statements.countCurrentAfterIfUnchanged),
    ]);
    if ((changed.results[0] as { changed: number }).changed === 0) {
      const page = current.results as unknown as StoredRow[];
      return { rows: page, revision: at, remaining: (currentCount.results[0] as { n: number }).n - page.length };
    }
    const [rows, count] = await this.db.batch([bound(statements.listAtRevision), bound(statements.countAtRevisionAfter)]);
    const page = rows.results as unknown as StoredRow[];
    const total = (count.results[0] as { n: number }).n;
    return { rows: page, revision: at, remaining: total - page.length };
  }
}
