// Compaction of the change log: keeps at least the last 5 minutes and the last 1,000 changes, and of older
// history only the newest row of each live key. Runs in small batches from the cluster shard's alarm, never on
// the write path. Snapshots (continue tokens, exact lists, watches) older than the compacted revision get 410.

import { sql } from "../storage/statements.ts";

export interface CompactionPolicy {
  windowMs: number;
  minEvents: number;
  batchRows: number;
  /** Batches per run at most; what is left waits for the next run. */
  maxBatches: number;
}

export const defaultPolicy: CompactionPolicy = { windowMs: 5 * 60_000, minEvents: 1000, batchRows: 500, maxBatches: 20 };

/** How often the cluster shard compacts. */
export const compactionEveryMs = 30_000;

export interface CompactionRun {
  /** The revision below which history is gone after this run. */
  compacted: number;
  deleted: number;
  /** More rows are eligible: run again soon. */
  more: boolean;
}

export async function compactLog(db: D1Database, now: Date, policy: CompactionPolicy = defaultPolicy): Promise<CompactionRun> {
  const target = (await db.prepare(sql.compactionTarget).bind(now.getTime() - policy.windowMs, policy.minEvents).first<{ rv: number }>())?.rv ?? 0;
  const current = (await db.prepare(sql.compactedRevision).first<{ rv: number }>())?.rv ?? 0;
  if (target <= 0) return { compacted: current, deleted: 0, more: false };
  // Raise the compacted revision first: from now on nothing below it is served, so deleting is safe.
  if (target > current) await db.prepare(sql.setCompacted).bind(target).run();
  const upTo = Math.max(target, current);
  let deleted = 0;
  for (let i = 0; i < policy.maxBatches; i++) {
    const result = await db.prepare(sql.compactBatch).bind(upTo, policy.batchRows).run();
    const changes = result.meta.changes ?? 0;
    deleted += changes;
    if (changes < policy.batchRows) return { compacted: upTo, deleted, more: false };
  }
  return { compacted: upTo, deleted, more: true };
}
