// The Durable Object that streams changes to watchers of one scope (a namespace, or all namespaces).
// It reads the D1 log in id order from its cursor after every commit poke (and on a periodic sweep), so
// every watcher sees every change of its scope exactly once, in resourceVersion order. A watcher is a
// hibernatable WebSocket carrying its spec and the last revision it has been given, or an HTTP watch stream the
// hub holds in memory (watch-sink.ts); both get the same events.

import { DurableObject } from "cloudflare:workers";
import { gone } from "../api/errors.ts";
import type { KubeObject } from "../api/object.ts";
import type { Env } from "../env.ts";
import { watchMatcher, type WatchMatcher, type WatchSpec } from "../registry/watch-spec.ts";
import { kindCatalog, type KindCatalog } from "../customresources/kind-catalog.ts";
import { findKind } from "../resources/catalog.ts";
import { storageKey } from "../resources/definition.ts";
import { decodeStored } from "./codec.ts";
import { bindPage, pageStatementsFor, sql } from "./statements.ts";
import { encodeWatchEvent, bookmarkObject, relayMessage, relayMessages, type WatchPayload } from "../registry/watch-event.ts";
import { shardFor } from "./shards.ts";
import { hubName, idleHubQuietMs } from "./watch-hubs.ts";
import { bookmarkEveryMs, SocketSink, StreamSink, tooSlow, type WatchSink } from "./watch-sink.ts";

const pageSize = 500;
const sweepMs = 5000;
const fastSweepMs = 100;
const roundGapMs = 2;
const roundGapFactor = 2.5;
const maxRoundGapMs = 250;
/** Watchers' cursors are written to their sockets this long after the last round (before hibernation can). */
const persistDelayMs = 1000;

/** How a watch starts: from a revision (changes after it), or with the current objects first. */
export interface WatchStart {
  /** "initial": the current objects as ADDED first; a number: changes after that revision. */
  from: "initial" | number;
  /** Close the initial events with a BOOKMARK annotated k8s.io/initial-events-end. */
  initialEventsEnd: boolean;
}

interface Attachment {
  spec: WatchSpec;
  scope: string | null;
  /** The socket is the Worker relaying an HTTP watch: events of one round may share a message. */
  relay: boolean;
  lastRv: number;
  columnsSent: boolean;
  start?: WatchStart;
}

interface Watcher extends Attachment {
  sink: WatchSink;
  matcher: WatchMatcher;
  resource: string;
  /** The spec as a string: watchers with equal specs at the same position get the same events. */
  specKey: string;
  /** For a watch that begins with the current objects: those objects, read before the watch was answered. */
  snapshot?: Snapshot;
}

/** The current objects of a resource in a scope, at one revision. */
interface Snapshot {
  rows: { rv: number; value: string }[];
  revision: number;
}

/** The first events of new watchers with equal specs, encoded once (`batch`: as HTTP stream bytes). */
interface InitialEvents {
  texts: WatchPayload[];
  batch: () => Uint8Array[];
  columnsSent: boolean;
}

/** Watchers that get the same events this round, and those events (JSON lines or protobuf messages). */
interface Group {
  leader: Watcher;
  members: Watcher[];
  lines: WatchPayload[];
  columnsSent?: boolean;
}

interface LogRow {
  id: number;
  resource: string;
  namespace: string;
  name: string;
  event: "ADDED" | "MODIFIED" | "DELETED";
  value: string;
}

/** A watcher's key: its socket, or its stream. */
type WatcherKey = WebSocket | StreamSink;

export class WatchHub extends DurableObject<Env> {
  private watchers?: Map<WatcherKey, Watcher>;
  private cursor?: number;
  private scope?: string | null;
  private running = false;
  private fastSweepUntil = 0;
  private rerun = false;
  /** Reads of the current objects not yet begun, per resource and scope: watches arriving meanwhile share one. */
  private readonly pendingSnapshots = new Map<string, Promise<Snapshot>>();
  /** How often HTTP streams the hub holds get a bookmark (when their clients allow them); shorter in tests. */
  private streamBookmarkMs = bookmarkEveryMs;

  /**
   * A watcher connects: a WebSocket from the Worker relaying an HTTP watch (`relay=1`) or from the client
   * itself, or an HTTP watch stream the hub holds (`stream=<timeout ms>`, answered with the stream).
   */
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const spec = JSON.parse(url.searchParams.get("spec") ?? "null") as WatchSpec;
    const start = JSON.parse(url.searchParams.get("start") ?? "null") as WatchStart;
    if (spec.kind.revision !== undefined) this.catalog = await kindCatalog(this.env.DB).current(spec.kind.revision);
    else await this.ready();
    const scope = spec.namespace ?? null;
    const relay = url.searchParams.get("relay") === "1";
    const streamTimeout = url.searchParams.get("stream");
    // Shards skip poking a hub that had no watchers for a while. A namespace's hub tells its shard; the
    // all-namespaces hub sweeps often until the shards poke again.
    if (this.load().size === 0) {
      if (spec.namespace === undefined) this.fastSweepUntil = Date.now() + idleHubQuietMs + fastSweepMs;
      else await shardFor(this.env, spec.namespace).hubWatched(hubName(spec.namespace));
    }
    const attachment: Attachment = { spec, scope, relay: relay || streamTimeout !== null, lastRv: -1, columnsSent: false, start };
    const matcher = watchMatcher(spec, this.find);
    const resource = storageKey(matcher.def);
    // A watch that begins with the current objects has them read before it is answered: a write acknowledged
    // before then is in its first events, a later one comes after them.
    const snapshot = start?.from === "initial" ? await this.sharedSnapshot(resource, spec.namespace) : undefined;
    const watcher = (sink: WatchSink): Watcher => ({ ...attachment, sink, matcher, resource, specKey: JSON.stringify(spec), snapshot });
    let response: Response;
    if (streamTimeout !== null) {
      const sink: StreamSink = new StreamSink({
        timeoutMs: Number(streamTimeout),
        tooSlow: () => relayMessage([encodeWatchEvent("ERROR", tooSlow(), spec, matcher.def, false, new Date())]),
        onBookmarkDue: spec.bookmarks ? () => this.requestBookmark(sink) : undefined,
        bookmarkEveryMs: this.streamBookmarkMs,
        onEnd: () => this.load().delete(sink),
      });
      this.load().set(sink, watcher(sink));
      response = new Response(sink.readable, { status: 200 });
    } else {
      const pair = new WebSocketPair();
      const [client, server] = [pair[0], pair[1]];
      this.ctx.acceptWebSocket(server);
      server.serializeAttachment(attachment);
      this.load().set(server, watcher(new SocketSink(server, relay, () => this.drop(server))));
      response = new Response(null, { status: 101, webSocket: client });
    }
    this.scope = scope;
    await this.ctx.storage.setAlarm(Date.now() + (Date.now() < this.fastSweepUntil ? fastSweepMs : sweepMs));
    this.run();
    return response;
  }

  /** New changes are in the log. Answers whether this hub has watchers (shards stop poking idle hubs). */
  async poke(): Promise<boolean> {
    await this.ready();
    if (this.load().size === 0) return false;
    this.run();
    return true;
  }

  override async alarm(): Promise<void> {
    await this.ready();
    if (this.load().size === 0) return;
    this.run();
    const fast = Date.now() < this.fastSweepUntil;
    await this.ctx.storage.setAlarm(Date.now() + (fast ? fastSweepMs : sweepMs));
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    await this.ready();
    if (message === "bookmark") this.requestBookmark(ws);
  }

  private requestBookmark(key: WatcherKey): void {
    const watcher = this.load().get(key);
    if (watcher?.spec.bookmarks) this.run(() => this.bookmark(watcher));
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    this.drop(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.drop(ws);
  }

  private drop(key: WatcherKey): void {
    const watcher = this.load().get(key);
    this.load().delete(key);
    watcher?.sink.close();
  }

  /** The kind catalog custom kinds are found in; read before watchers are rebuilt after hibernation. */
  private catalog?: KindCatalog;
  private readonly find = (group: string, version: string, plural: string) =>
    findKind(group, version, plural) ?? this.catalog?.find(group, version, plural);

  private async ready(): Promise<void> {
    if (!this.watchers && !this.catalog) this.catalog = await kindCatalog(this.env.DB).current();
  }

  /** The watchers, rebuilt from the sockets' attachments after hibernation. */
  private load(): Map<WatcherKey, Watcher> {
    if (this.watchers) return this.watchers;
    this.watchers = new Map();
    for (const ws of this.ctx.getWebSockets()) {
      const a = ws.deserializeAttachment() as Attachment | null;
      if (!a) continue;
      let matcher: WatchMatcher;
      try {
        matcher = watchMatcher(a.spec, this.find);
      } catch {
        // Its kind is no longer served (a CustomResourceDefinition was deleted): the watch ends.
        ws.close(1000, "watch closed");
        continue;
      }
      const sink = new SocketSink(ws, a.relay, () => this.drop(ws));
      this.watchers.set(ws, { ...a, sink, matcher, resource: storageKey(matcher.def), specKey: JSON.stringify(a.spec) });
      this.scope = a.scope;
    }
    return this.watchers;
  }

  private pending: (() => Promise<void>)[] = [];

  /** Runs the pump (and any extra task first), one at a time; a request during a run makes it run again. */
  private run(task?: () => Promise<void>): void {
    if (task) this.pending.push(task);
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    void (async () => {
      try {
        do {
          const started = Date.now();
          this.rerun = false;
          await this.startNewWatchers();
          await this.pump();
          for (const t of this.pending.splice(0)) await t();
          // A round costs per watcher, not per change: when more changes are waiting, let writers run for a
          // while (in proportion to the round just done) so the next round carries more changes. Fan-out thus
          // takes a bounded share of the CPU it shares with writes, and is never a reason writes slow down.
          if (this.rerun) await new Promise((r) => setTimeout(r, Math.min(maxRoundGapMs, Math.max(roundGapMs, (Date.now() - started) * roundGapFactor))));
        } while (this.rerun);
      } catch (error) {
        console.error("watch hub", error);
      } finally {
        this.running = false;
      }
    })();
  }

  /**
   * Starts the watchers that joined since the last run. Those that begin with the current objects and share a
   * resource and scope share one read of them, and those with equal specs one decision and encoding of each
   * event: a thousand informers that start at once cost one list, not a thousand.
   */
  private async startNewWatchers(): Promise<void> {
    const starting = [...this.load()].filter(([, w]) => w.start);
    if (starting.length === 0) return;
    const compacted = await this.env.DB.prepare(sql.compactedRevision).first<{ rv: number }>();
    const compactedRv = compacted?.rv ?? 0;
    const initialEvents = new Map<string, InitialEvents>();
    for (const [key, w] of starting) {
      const start = w.start!;
      w.start = undefined;
      if (start.from !== "initial") {
        if (start.from < compactedRv) {
          const expired = gone(`too old resource version: ${start.from} (${compactedRv})`);
          w.sink.event(encodeWatchEvent("ERROR", expired, w.spec, w.matcher.def, false, new Date()));
          this.drop(key);
          continue;
        }
        w.lastRv = start.from;
      } else {
        // Read again only if the hub hibernated between answering the watch and starting it.
        const snapshot = w.snapshot ?? (await this.readSnapshot(w.resource, w.spec.namespace));
        w.snapshot = undefined;
        // One revision of one resource and scope is one state: equal specs get equal events.
        const eventsKey = `${snapshot.revision}\n${w.specKey}\n${start.initialEventsEnd}`;
        let events = initialEvents.get(eventsKey);
        if (!events) initialEvents.set(eventsKey, (events = this.initialEvents(w, snapshot, start.initialEventsEnd)));
        if (events.texts.length > 0) w.sink.round(events.texts, events.batch);
        if (events.columnsSent) w.columnsSent = true;
        w.lastRv = snapshot.revision;
      }
      this.persist(w);
    }
  }

  /**
   * The current objects of a resource in a scope, from a read that begins on the event loop's next turn: watches
   * that arrive before it begins share it (a thousand informers starting at once cost one read), and every one
   * of them arrived before the read, so none gets a state older than its request.
   */
  private sharedSnapshot(resource: string, namespace: string | undefined): Promise<Snapshot> {
    const key = `${resource}\n${namespace === undefined ? "*" : `=${namespace}`}`;
    let pending = this.pendingSnapshots.get(key);
    if (!pending) {
      pending = new Promise((resolve) => setTimeout(resolve, 0)).then(() => {
        this.pendingSnapshots.delete(key);
        return this.readSnapshot(resource, namespace);
      });
      this.pendingSnapshots.set(key, pending);
    }
    return pending;
  }

  /** The current objects of a resource in a scope, and the revision they are at, read together. */
  private async readSnapshot(resource: string, namespace: string | undefined): Promise<Snapshot> {
    const [rows, revision] = await this.env.DB.batch([
      bindPage(this.env.DB, pageStatementsFor(namespace).currentObjects, { resource, namespace }),
      this.env.DB.prepare(sql.currentRevision),
    ]);
    return { rows: rows.results as { rv: number; value: string }[], revision: (revision.results[0] as { rv: number }).rv };
  }

  /** The events a new watcher gets first: ADDED for each object its spec selects, then the optional marker. */
  private initialEvents(w: Watcher, snapshot: Snapshot, initialEventsEnd: boolean): InitialEvents {
    const now = new Date();
    const texts: WatchPayload[] = [];
    for (const row of snapshot.rows) {
      const decision = w.matcher.decide("ADDED", decodeStored(row.value, row.rv), () => undefined);
      if (decision) texts.push(encodeWatchEvent("ADDED", decision.object, w.spec, w.matcher.def, texts.length === 0, now));
    }
    const columnsSent = texts.length > 0;
    if (initialEventsEnd) {
      const marker = { metadata: { resourceVersion: String(snapshot.revision), annotations: { "k8s.io/initial-events-end": "true" } } } as KubeObject;
      texts.push(encodeWatchEvent("BOOKMARK", bookmarkObject(w.matcher.def, marker), w.spec, w.matcher.def, !columnsSent, now));
    }
    let messages: Uint8Array[] | undefined;
    return { texts, batch: () => (messages ??= relayMessages(texts)), columnsSent };
  }

  /**
   * Fans out every log row after the cursor. Watchers with the same spec at the same position get the same
   * events, so each group's events are decided and encoded once; an HTTP watch (a relay socket, or a stream)
   * gets the group's events of the round as one message (newline- or length-framed), a client socket one per
   * event.
   */
  private async pump(): Promise<void> {
    const groups = new Map<string, Group>();
    for (const w of this.load().values()) {
      if (w.start) continue;
      const key = `${w.specKey}\n${w.lastRv}\n${w.columnsSent}`;
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { leader: w, members: [], lines: [] }));
      group.members.push(w);
    }
    if (groups.size === 0) return;
    const floor = Math.min(...[...groups.values()].map((g) => g.leader.lastRv));
    let cursor = Math.min(this.cursor ?? floor, floor);
    for (;;) {
      const stmt =
        this.scope === null || this.scope === undefined
          ? this.env.DB.prepare(sql.logAfter).bind(cursor, pageSize)
          : this.env.DB.prepare(sql.logAfterInNamespace).bind(cursor, pageSize, this.scope);
      const rows = (await stmt.all<LogRow>()).results;
      const now = new Date();
      for (const row of rows) {
        const obj = decodeStored(row.value, row.id);
        const encoded = new Map<string, WatchPayload>();
        let previous: KubeObject | undefined | null = null;
        const loadPrevious = () => previous ?? undefined;
        for (const group of groups.values()) {
          const w = group.leader;
          if (row.id <= w.lastRv || w.resource !== row.resource) continue;
          if (w.matcher.needsPrevious && row.event === "MODIFIED" && previous === null) previous = await this.previous(row);
          const decision = w.matcher.decide(row.event, obj, loadPrevious);
          if (!decision) continue;
          const columns = !group.columnsSent && !w.columnsSent;
          const key = `${decision.type}\n${w.specKey}\n${columns}`;
          let text = decision.object === obj ? encoded.get(key) : undefined;
          if (text === undefined) {
            text = encodeWatchEvent(decision.type, decision.object, w.spec, w.matcher.def, columns, now);
            if (decision.object === obj) encoded.set(key, text);
          }
          group.columnsSent = true;
          group.lines.push(text);
        }
        cursor = row.id;
      }
      if (rows.length < pageSize) break;
    }
    this.cursor = cursor;
    for (const group of groups.values()) {
      let messages: Uint8Array[] | undefined;
      const batch = () => (messages ??= relayMessages(group.lines));
      for (const w of group.members) {
        if (w.lastRv < cursor) w.lastRv = cursor;
        if (group.columnsSent) w.columnsSent = true;
        if (group.lines.length === 0) continue;
        w.sink.round(group.lines, batch);
      }
    }
    this.schedulePersist();
  }

  private async previous(row: LogRow): Promise<KubeObject | undefined> {
    const prev = await this.env.DB.prepare(sql.previousValue).bind(row.resource, row.namespace, row.name, row.id).first<{ value: string }>();
    return prev ? decodeStored(prev.value, row.id) : undefined;
  }

  private async bookmark(w: Watcher): Promise<void> {
    const marker = { metadata: { resourceVersion: String(w.lastRv) } } as KubeObject;
    w.sink.event(encodeWatchEvent("BOOKMARK", bookmarkObject(w.matcher.def, marker), w.spec, w.matcher.def, !w.columnsSent, new Date()));
  }

  private persistTimer?: ReturnType<typeof setTimeout>;

  private schedulePersist(): void {
    this.persistTimer ??= setTimeout(() => {
      this.persistTimer = undefined;
      for (const w of this.load().values()) this.persist(w);
    }, persistDelayMs);
  }

  private persist(w: Watcher): void {
    const { spec, scope, relay, lastRv, columnsSent, start } = w;
    w.sink.persist({ spec, scope, relay, lastRv, columnsSent, start } satisfies Attachment);
  }
}
