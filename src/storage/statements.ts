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

  // Lists and snapshots: src/storage/list-statements.ts.

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
