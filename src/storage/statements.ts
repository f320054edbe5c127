// Every SQL statement the server runs, named, in one place. Storage knows keys, bytes and revisions; never kinds.
// D1 binds JavaScript numbers as REAL, so integers are cast where an integer is meant.

export const sql = {
  /**
   * A batch of changes in one statement: ?3 is a JSON array of [resource, name, event, stored text], inserted in
   * array order, so ids ascend with it. The log_writes_objects trigger writes the objects table from each row.
   */
  appendChanges: `INSERT INTO log (resource, namespace, name, event, value, created_at)
    SELECT json_extract(c.value, '$[0]'), ?1, json_extract(c.value, '$[1]'), json_extract(c.value, '$[2]'),
      json_extract(c.value, '$[3]'), CAST(?2 AS INTEGER)
    FROM json_each(?3) c ORDER BY c.key RETURNING id`,
  /** One change whose text is too large to go inside another parameter (see appendChanges). */
  appendChange: `INSERT INTO log (resource, namespace, name, event, value, created_at)
    VALUES (?3, ?1, ?4, ?5, ?6, CAST(?2 AS INTEGER)) RETURNING id`,

  getObject: `SELECT rv, value FROM objects WHERE resource = ?1 AND namespace = ?2 AND name = ?3`,
  /**
   * Several objects of one namespace at once; ?2 is a JSON array of [resource, name] pairs. CROSS JOIN keeps the
   * pairs the outer loop: one primary-key lookup each, not a walk of the namespace.
   */
  getObjects: `SELECT o.resource, o.name, o.rv, o.value FROM json_each(?2) k
    CROSS JOIN objects o ON o.resource = json_extract(k.value, '$[0]') AND o.namespace = ?1 AND o.name = json_extract(k.value, '$[1]')`,
  keysInNamespace: `SELECT resource, name, rv FROM objects WHERE namespace = ?1`,
  currentRevision: `SELECT COALESCE(MAX(id), 0) AS rv FROM log`,
  compactedRevision: `SELECT compacted_rv AS rv FROM compaction WHERE singleton = 1`,

  // Lists and snapshots: pageSql below.

  /** Changes after a revision, in commit order: for every namespace, or for one (?2). */
  logAfter: `SELECT id, resource, namespace, name, event, value FROM log
    WHERE id > CAST(?1 AS INTEGER) ORDER BY id LIMIT CAST(?2 AS INTEGER)`,
  logAfterInNamespace: `SELECT id, resource, namespace, name, event, value FROM log
    WHERE namespace = ?3 AND id > CAST(?1 AS INTEGER) ORDER BY id LIMIT CAST(?2 AS INTEGER)`,
  /** The state of a key just before a change (for watches whose selectors an object moves into or out of). */
  previousValue: `SELECT value FROM log WHERE resource = ?1 AND namespace = ?2 AND name = ?3 AND id < CAST(?4 AS INTEGER)
    ORDER BY id DESC LIMIT 1`,
  /** The namespaces that hold objects of a resource (?1). */
  namespacesOfResource: `SELECT DISTINCT namespace FROM objects WHERE resource = ?1`,

  /** A fingerprint of the current objects of some resources (?1: a JSON array of names): it changes with any write. */
  resourcesFingerprint: `SELECT COUNT(*) AS n, COALESCE(MAX(rv), 0) AS rv FROM objects
    WHERE resource IN (SELECT value FROM json_each(?1))`,

  /** Compaction: the newest revision older than the history window, keeping at least ?2 newer changes. */
  compactionTarget: `SELECT MIN(
      COALESCE((SELECT MAX(id) FROM log WHERE created_at < CAST(?1 AS INTEGER)), 0),
      (SELECT COALESCE(MAX(id), 0) FROM log) - CAST(?2 AS INTEGER)) AS rv`,
  /**
   * Deletes up to ?2 log rows at or below ?1 that a newer row at or below ?1 supersedes, and tombstones with
   * nothing older left (a tombstone goes last, so a snapshot never sees an older row of a deleted key again).
   * The compacted revision is raised before, so no snapshot below ?1 is served meanwhile.
   */
  compactBatch: `DELETE FROM log WHERE id IN (
      SELECT l.id FROM log l WHERE l.id <= CAST(?1 AS INTEGER) AND (
        EXISTS (SELECT 1 FROM log n WHERE n.resource = l.resource AND n.namespace = l.namespace AND n.name = l.name
          AND n.id > l.id AND n.id <= CAST(?1 AS INTEGER))
        OR (l.event = 'DELETED' AND NOT EXISTS (SELECT 1 FROM log o WHERE o.resource = l.resource
          AND o.namespace = l.namespace AND o.name = l.name AND o.id < l.id)))
      LIMIT CAST(?2 AS INTEGER))`,
  setCompacted: `UPDATE compaction SET compacted_rv = MAX(compacted_rv, CAST(?1 AS INTEGER)) WHERE singleton = 1`,
} as const;

// Lists and snapshots, in two forms: for one namespace and for every namespace. One statement for both
// (`?5 = 1 OR namespace = ?2`) let SQLite bound the scan by the resource only, so a page of one namespace walked
// every namespace sorted after it, and a page at a revision every log row of the resource. Each form here is a
// range of the primary key or of one index (query-plans.test.ts checks the plans).
//
// Every statement takes the same parameters, bound up to the highest one it names (bindPage):
//   ?1 resource, ?2 namespace (unused for every namespace), ?3 and ?4 the key to resume after (namespace and
//   name; for one namespace only the name counts), ?5 how many rows at most, ?6 a revision.

export interface PageStatements {
  /** A page of current objects in key order. */
  listCurrent: string;
  /** How many current objects there are after the key. */
  countCurrentAfter: string;
  /** Whether any object changed after revision ?6. If none did, the current objects are the state at ?6. */
  changedSince: string;
  /** listCurrent and countCurrentAfter, reading nothing if anything changed after revision ?6. */
  listCurrentIfUnchanged: string;
  countCurrentAfterIfUnchanged: string;
  /** The page as the state was at revision ?6: the newest log row per key at or below it, unless a delete. */
  listAtRevision: string;
  countAtRevisionAfter: string;
  /** Every current object (no resume key, no limit). */
  currentObjects: string;
}

function pageStatements(scope: "namespace" | "all"): PageStatements {
  const one = scope === "namespace";
  const after = one ? "namespace = ?2 AND name > ?4" : "(namespace, name) > (?3, ?4)";
  const order = one ? "name" : "namespace, name";
  // `+resource` keeps SQLite from scanning log_by_key over the resource's whole history: the range is the ids
  // after the revision (in the namespace, by log_by_namespace).
  const changes = one ? "namespace = ?2 AND id > CAST(?6 AS INTEGER) AND +resource = ?1" : "id > CAST(?6 AS INTEGER) AND +resource = ?1";
  const unchanged = `NOT EXISTS (SELECT 1 FROM log WHERE ${changes})`;
  const newest = `SELECT MAX(id) AS id FROM log WHERE resource = ?1 AND ${after} AND id <= CAST(?6 AS INTEGER) GROUP BY ${order}`;
  return {
    listCurrent: `SELECT namespace, name, rv, value FROM objects WHERE resource = ?1 AND ${after} ORDER BY ${order} LIMIT CAST(?5 AS INTEGER)`,
    countCurrentAfter: `SELECT COUNT(*) AS n FROM objects WHERE resource = ?1 AND ${after}`,
    changedSince: `SELECT EXISTS (SELECT 1 FROM log WHERE ${changes}) AS changed`,
    listCurrentIfUnchanged: `SELECT namespace, name, rv, value FROM objects WHERE resource = ?1 AND ${after} AND ${unchanged}
      ORDER BY ${order} LIMIT CAST(?5 AS INTEGER)`,
    countCurrentAfterIfUnchanged: `SELECT COUNT(*) AS n FROM objects WHERE resource = ?1 AND ${after} AND ${unchanged}`,
    listAtRevision: `SELECT l.namespace, l.name, l.id AS rv, l.value FROM log l JOIN (${newest}) newest ON newest.id = l.id
      WHERE l.event != 'DELETED' ORDER BY ${order.replace(/(\w+)/g, "l.$1")} LIMIT CAST(?5 AS INTEGER)`,
    countAtRevisionAfter: `SELECT COUNT(*) AS n FROM log l JOIN (${newest}) newest ON newest.id = l.id WHERE l.event != 'DELETED'`,
    currentObjects: `SELECT namespace, name, rv, value FROM objects WHERE resource = ?1${one ? " AND namespace = ?2" : ""} ORDER BY ${order}`,
  };
}

export const pageSql = { namespace: pageStatements("namespace"), all: pageStatements("all") };

/** The statements for a namespace, or for every namespace (undefined). */
export function pageStatementsFor(namespace: string | undefined): PageStatements {
  return namespace === undefined ? pageSql.all : pageSql.namespace;
}

export interface PageParams {
  resource: string;
  namespace?: string;
  after?: { namespace: string; name: string };
  limit?: number;
  revision?: number;
}

/** A statement with the page parameters bound, as many as it names. */
export function bindPage(db: D1Database, text: string, p: PageParams): D1PreparedStatement {
  const all = [p.resource, p.namespace ?? "", p.after?.namespace ?? "", p.after?.name ?? "", p.limit ?? 0, p.revision ?? 0];
  return db.prepare(text).bind(...all.slice(0, highestParameter(text)));
}

const highestParameters = new Map<string, number>();

/** The highest ?N a statement names (D1 wants exactly that many values), found once per statement. */
function highestParameter(text: string): number {
  let highest = highestParameters.get(text);
  if (highest === undefined) highestParameters.set(text, (highest = Math.max(...[...text.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])))));
  return highest;
}
