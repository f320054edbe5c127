-- The log writes the current state: every log row sets its key's objects row (rv = the row's id) or, for a
-- DELETED row, removes it, in the same statement as the insert. A commit is then one INSERT into log for the
-- whole batch (src/storage/write-batch.ts), and the two tables cannot disagree.
CREATE TRIGGER log_writes_objects AFTER INSERT ON log
BEGIN
  INSERT INTO objects (resource, namespace, name, rv, value)
    SELECT NEW.resource, NEW.namespace, NEW.name, NEW.id, NEW.value WHERE NEW.event != 'DELETED'
    ON CONFLICT (resource, namespace, name) DO UPDATE SET rv = excluded.rv, value = excluded.value;
  DELETE FROM objects
    WHERE NEW.event = 'DELETED' AND resource = NEW.resource AND namespace = NEW.namespace AND name = NEW.name;
END;
