-- The audit log: one row per audit.k8s.io/v1 Event, written in batches by the AuditLog Durable Object
-- (src/audit/audit-log.ts), which also deletes rows past the retention. event is the Event's JSON, as kube's
-- log backend writes it; the other columns are what queries filter on. ts is the event's stageTimestamp in
-- milliseconds since the epoch; user is the authenticated user ("" when authentication failed),
-- impersonated_user the one it acted as ("" if none); resource and friends are "" for non-resource paths.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  ts INTEGER NOT NULL,
  audit_id TEXT NOT NULL,
  stage TEXT NOT NULL,
  level TEXT NOT NULL,
  user TEXT NOT NULL,
  impersonated_user TEXT NOT NULL,
  verb TEXT NOT NULL,
  resource TEXT NOT NULL,
  subresource TEXT NOT NULL,
  namespace TEXT NOT NULL,
  name TEXT NOT NULL,
  code INTEGER NOT NULL,
  latency_ms INTEGER NOT NULL,
  event TEXT NOT NULL
);
CREATE INDEX audit_by_time ON audit (ts);
CREATE INDEX audit_by_user ON audit (user, ts);
