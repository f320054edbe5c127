// The Worker's side of the audit log, kube's batching backend: events are queued in the isolate and sent to
// the AuditLog Durable Object together, at most flushDelayMs after the first one or as soon as batchSize are
// waiting, from the waitUntil of the request that queued them. Nothing of this is on a request's path: an
// event is queued as the function that builds it, and built when its batch is sent.

import type { Env } from "../env.ts";
import { cachedId } from "../storage/shards.ts";
import type { AuditRow } from "./event.ts";

const flushDelayMs = 100;
const batchSize = 200;
/** Beyond this many waiting requests' events (the log cannot keep up), new ones are dropped and counted. */
const maxQueued = 20_000;

/** The RPC surface of the AuditLog Durable Object. */
export interface AuditLogClient {
  /** Resolves when the rows are in D1. */
  append(rows: AuditRow[]): Promise<void>;
  /** Writes what the log holds now (tests, and the export command before it reads). */
  flush(): Promise<void>;
}

export const auditLogName = "audit";

export function auditLog(env: Env): AuditLogClient {
  return env.AUDIT.get(cachedId(env.AUDIT, auditLogName)) as unknown as AuditLogClient;
}

/** Events waiting, as the functions that build their rows: built when sent, off every request's path. */
type PendingRows = () => AuditRow[];

let queue: PendingRows[] = [];
/** When the pending flush was scheduled: one whose request went away before it ran is replaced after 1 s. */
let scheduledAt = 0;
let dropped = 0;

async function send(env: Env): Promise<void> {
  const pending = queue;
  queue = [];
  const rows: AuditRow[] = [];
  for (const build of pending) {
    try {
      rows.push(...build());
    } catch (error) {
      console.error("audit: building an event failed", error);
    }
  }
  if (rows.length === 0) return;
  try {
    await auditLog(env).append(rows);
  } catch (error) {
    console.error(`audit: ${rows.length} events lost: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Queues a request's events (`build` makes their rows when they are sent); `waitUntil` is the request's, and
 * keeps it alive until they are sent when it is the one that sends them.
 */
export function recordAuditEvents(env: Env, waitUntil: (promise: Promise<unknown>) => void, build: PendingRows): void {
  if (queue.length >= maxQueued) {
    if (dropped++ % 1000 === 0) console.error(`audit: queue full, ${dropped} events dropped so far`);
    return;
  }
  queue.push(build);
  if (queue.length >= batchSize) {
    waitUntil(send(env));
  } else if (Date.now() - scheduledAt > 1000) {
    const at = (scheduledAt = Date.now());
    waitUntil(
      new Promise((done) => setTimeout(done, flushDelayMs)).then(() => {
        if (scheduledAt === at) scheduledAt = 0;
        return send(env);
      }),
    );
  }
}
