// Worker entry: the HTTP app and the Durable Object classes. No logic lives here.

import { app } from "./http/app.ts";

export { AuditLog } from "./audit/audit-log.ts";
export { NamespaceShard } from "./storage/namespace-shard.ts";
export { WatchHub } from "./storage/watch-hub.ts";
export default app;
