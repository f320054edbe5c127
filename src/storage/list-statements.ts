// The statements that read lists and snapshots, in two forms: for one namespace and for every namespace. One
// statement for both (`?5 = 1 OR namespace = ?2`) let SQLite bound the scan by the resource only, so a page of
// one namespace walked every namespace sorted after it, and a page at a revision every log row of the resource.
// Each form here is a range of the primary key or of one index.
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
  const highest = Math.max(...[...text.matchAll(/\?(\d+)/g)].map((m) => Number(m[1])));
  return db.prepare(text).bind(...all.slice(0, highest));
}
