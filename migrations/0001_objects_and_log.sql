-- The change log: one row per write. Its id is the resourceVersion, one order for the whole cluster.
-- value is the object's JSON without metadata.resourceVersion (the row id supplies it on read).
CREATE TABLE log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  resource TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  event TEXT NOT NULL CHECK (event IN ('ADDED', 'MODIFIED', 'DELETED')),
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX log_by_key ON log (resource, namespace, name, id);

-- Current state, written in the same transaction as the log row; rv is that row's id.
CREATE TABLE objects (
  resource TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  rv INTEGER NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (resource, namespace, name)
) WITHOUT ROWID;

-- The oldest resourceVersion the log still answers for (everything older was compacted).
CREATE TABLE compaction (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  compacted_rv INTEGER NOT NULL
);
INSERT INTO compaction (singleton, compacted_rv) VALUES (1, 0);
