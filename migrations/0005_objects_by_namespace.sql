-- A shard loads the keys of its namespace when it starts (src/storage/shard-index.ts), which the runtime does
-- again after every idle spell of ~10 s. Without this index that read scans every object of the cluster.
CREATE INDEX objects_by_namespace ON objects (namespace);
