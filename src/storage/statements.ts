// Every SQL statement the server runs, named, in one place. Storage knows keys, bytes and revisions; never kinds.
// D1 binds JavaScript numbers as REAL, so integers are cast where an integer is meant.

export const sql = {
  appendLog: `INSERT INTO log (resource, namespace, name, event, value, created_at)
    VALUES (?1, ?2, ?3, ?4, ?5, CAST(?6 AS INTEGER)) RETURNING id`,
  upsertObject: `INSERT INTO objects (resource, namespace, name, rv, value)
    VALUES (?1, ?2, ?3, last_insert_rowid(), ?4)
    ON CONFLICT (resource, namespace, name) DO UPDATE SET rv = excluded.rv, value = excluded.value`,
  deleteObject: `DELETE FROM objects WHERE resource = ?1 AND namespace = ?2 AND name = ?3`,

  getObject: `SELECT rv, value FROM objects WHERE resource = ?1 AND namespace = ?2 AND name = ?3`,
  keysInNamespace: `SELECT resource, name, rv FROM objects WHERE namespace = ?1`,
  currentRevision: `SELECT COALESCE(MAX(id), 0) AS rv FROM log`,
  compactedRevision: `SELECT compacted_rv AS rv FROM compaction WHERE singleton = 1`,

  /** A page of current objects after (namespace, name), in key order. ?2 = '' with ?5 = 1 lists all namespaces. */
  listCurrent: `SELECT namespace, name, rv, value FROM objects
    WHERE resource = ?1 AND (?5 = 1 OR namespace = ?2) AND (namespace, name) > (?3, ?4)
    ORDER BY namespace, name LIMIT CAST(?6 AS INTEGER)`,
  countCurrentAfter: `SELECT COUNT(*) AS n FROM objects
    WHERE resource = ?1 AND (?5 = 1 OR namespace = ?2) AND (namespace, name) > (?3, ?4)`,

  /** The same page as the state was at revision ?6: the newest log row per key at or below it, unless a delete. */
  listAtRevision: `SELECT l.namespace, l.name, l.id AS rv, l.value FROM log l
    JOIN (SELECT MAX(id) AS id FROM log
          WHERE resource = ?1 AND (?5 = 1 OR namespace = ?2) AND (namespace, name) > (?3, ?4) AND id <= CAST(?6 AS INTEGER)
          GROUP BY namespace, name) newest ON newest.id = l.id
    WHERE l.event != 'DELETED'
    ORDER BY l.namespace, l.name LIMIT CAST(?7 AS INTEGER)`,
  countAtRevisionAfter: `SELECT COUNT(*) AS n FROM log l
    JOIN (SELECT MAX(id) AS id FROM log
          WHERE resource = ?1 AND (?5 = 1 OR namespace = ?2) AND (namespace, name) > (?3, ?4) AND id <= CAST(?6 AS INTEGER)
          GROUP BY namespace, name) newest ON newest.id = l.id
    WHERE l.event != 'DELETED'`,
} as const;
