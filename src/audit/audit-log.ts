// The Durable Object that writes the audit log to D1 (table `audit`, migrations/0003). Workers send it events
// in batches (audit-sink.ts); it gathers what arrives within writeDelayMs (or writeBatchRows rows) from every
// isolate into one D1 statement, so the log costs D1 a few statements a second, not one per request. Its
// alarm keeps the table bounded: rows older than AUDIT_RETENTION_DAYS (default 7), and the oldest beyond
// AUDIT_MAX_EVENTS (default 1,000,000), are deleted in small batches.

import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import type { AuditRow } from "./event.ts";

const writeDelayMs = 200;
const writeBatchRows = 200;
/** One statement's rows as JSON stay below this many characters (D1 caps a bound value at 2 MB). */
const maxChunkChars = 500_000;
const retentionEveryMs = 60_000;
const deleteBatchRows = 1000;
/** Delete statements per alarm: the rest waits for the next one, so D1 is never held long. */
const deleteBatchesPerAlarm = 10;
const dayMs = 24 * 60 * 60 * 1000;

// Every statement of the audit log, in one place.
const sql = {
  insert: `INSERT INTO audit (ts, audit_id, stage, level, user, impersonated_user, verb, resource, subresource, namespace, name, code, latency_ms, event)
    SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'),
      json_extract(value, '$[4]'), json_extract(value, '$[5]'), json_extract(value, '$[6]'), json_extract(value, '$[7]'),
      json_extract(value, '$[8]'), json_extract(value, '$[9]'), json_extract(value, '$[10]'), json_extract(value, '$[11]'),
      json_extract(value, '$[12]'), json_extract(value, '$[13]')
    FROM json_each(?1)`,
  deleteOlderThan: `DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE ts < CAST(?1 AS INTEGER) ORDER BY ts LIMIT ${deleteBatchRows})`,
  newestId: `SELECT MAX(id) AS id FROM audit`,
  deleteUpTo: `DELETE FROM audit WHERE id IN (SELECT id FROM audit WHERE id <= CAST(?1 AS INTEGER) ORDER BY id LIMIT ${deleteBatchRows})`,
} as const;

function rowValues(r: AuditRow): unknown[] {
  return [r.ts, r.auditId, r.stage, r.level, r.user, r.impersonatedUser, r.verb, r.resource, r.subresource, r.namespace, r.name, r.code, r.latencyMs, r.event];
}

/** The rows as JSON arrays of at most maxChunkChars each: one INSERT each. */
function chunks(rows: AuditRow[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const row of rows) {
    const json = JSON.stringify(rowValues(row));
    if (size + json.length > maxChunkChars && current.length) {
      out.push(`[${current.join(",")}]`);
      current = [];
      size = 0;
    }
    current.push(json);
    size += json.length + 1;
  }
  if (current.length) out.push(`[${current.join(",")}]`);
  return out;
}

interface Pending {
  rows: AuditRow[];
  start(): void;
  written: Promise<void>;
}

export class AuditLog extends DurableObject<Env> {
  private pending?: Pending;
  /** Writes run one at a time, in arrival order. */
  private writes: Promise<void> = Promise.resolve();
  private alarmChecked = false;

  /** Adds rows to the next write; resolves once they are in D1 (rejects if that write fails). */
  append(rows: AuditRow[]): Promise<void> {
    const pending = this.open();
    for (const row of rows) pending.rows.push(row);
    if (pending.rows.length >= writeBatchRows) pending.start();
    if (!this.alarmChecked) {
      this.alarmChecked = true;
      this.ctx.waitUntil(this.ensureAlarm());
    }
    return pending.written;
  }

  /** Writes what is waiting now, and waits for every write already started. */
  async flush(): Promise<void> {
    this.pending?.start();
    await this.writes;
  }

  override async alarm(): Promise<void> {
    let more = false;
    try {
      more = await this.enforceRetention();
    } catch (error) {
      console.error("audit: retention failed", error);
    }
    await this.ctx.storage.setAlarm(Date.now() + (more ? 1000 : retentionEveryMs));
  }

  private open(): Pending {
    if (this.pending) return this.pending;
    let start!: () => void;
    const started = new Promise<void>((resolve) => (start = resolve));
    const timer = setTimeout(start, writeDelayMs);
    const pending: Pending = {
      rows: [],
      start: () => {
        clearTimeout(timer);
        start();
      },
      written: started.then(() => {
        if (this.pending === pending) this.pending = undefined;
        const write = this.writes.then(() => this.insert(pending.rows));
        this.writes = write.catch(() => undefined);
        return write;
      }),
    };
    this.pending = pending;
    return pending;
  }

  private async insert(rows: AuditRow[]): Promise<void> {
    const db = this.env.DB;
    try {
      await db.batch(chunks(rows).map((json) => db.prepare(sql.insert).bind(json)));
    } catch (error) {
      console.error(`audit: writing ${rows.length} events failed`, error);
      throw error;
    }
  }

  private async ensureAlarm(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + retentionEveryMs);
  }

  /** One round of deletions; true when there is more to delete. */
  private async enforceRetention(): Promise<boolean> {
    const db = this.env.DB;
    const days = Number(this.env.AUDIT_RETENTION_DAYS ?? 7);
    const maxEvents = Number(this.env.AUDIT_MAX_EVENTS ?? 1_000_000);
    let rounds = 0;
    if (Number.isFinite(days) && days > 0) {
      const before = Date.now() - days * dayMs;
      for (; rounds < deleteBatchesPerAlarm; rounds++) {
        const { meta } = await db.prepare(sql.deleteOlderThan).bind(before).run();
        if (meta.changes < deleteBatchRows) break;
      }
    }
    if (Number.isFinite(maxEvents) && maxEvents > 0 && rounds < deleteBatchesPerAlarm) {
      const newest = (await db.prepare(sql.newestId).first<{ id: number | null }>())?.id ?? 0;
      for (; rounds < deleteBatchesPerAlarm; rounds++) {
        const { meta } = await db.prepare(sql.deleteUpTo).bind(newest - maxEvents).run();
        if (meta.changes < deleteBatchRows) break;
      }
    }
    return rounds >= deleteBatchesPerAlarm;
  }
}
