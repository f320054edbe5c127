-- Watch hubs read one namespace's changes in id order.
CREATE INDEX log_by_namespace ON log (namespace, id);
