// One batch of writes for a shard: a view of the shard with the batch's staged changes on top, and the commit
// of all of them in one D1 transaction (log rows and current state together).

import { cloneJson, type KubeObject } from "../api/object.ts";
import type { NamespacePhase, ShardView, StagedChange } from "../registry/shard-view.ts";
import { decodeStored, encodeStored } from "./codec.ts";
import { ObjectReader } from "./object-reader.ts";
import type { ShardIndex } from "./shard-index.ts";
import { sql } from "./statements.ts";

/** Cluster-scoped objects an admission reads (priority classes) are few; more than this are not looked at. */
const clusterObjectsLimit = 1000;
/** A change's text longer than this goes in a statement of its own, as a parameter by itself. */
const largeText = 256 * 1024;
/** The changes of one statement, as JSON text, at most (escaped texts grow; D1 takes parameters up to 2 MB). */
const chunkCharacters = 1024 * 1024;

export class WriteBatch implements ShardView {
  readonly staged: StagedChange[] = [];
  /** Latest staged state per key: an object, or null once deleted. */
  private readonly overlay = new Map<string, KubeObject | null>();
  private phase?: Promise<NamespacePhase>;

  constructor(
    private readonly db: D1Database,
    readonly namespace: string,
    private readonly index: ShardIndex,
  ) {}

  async load(resource: string, name: string): Promise<KubeObject | undefined> {
    const staged = this.overlay.get(`${resource}/${name}`);
    if (staged !== undefined) return staged === null ? undefined : cloneJson(staged);
    return this.index.get(this.db, resource, name);
  }

  async clusterObjects(resource: string): Promise<KubeObject[]> {
    if (this.namespace === "") {
      const found = await Promise.all(this.names(resource).map((name) => this.load(resource, name)));
      return found.filter((obj): obj is KubeObject => obj !== undefined);
    }
    const page = await new ObjectReader(this.db).page({ resource, namespace: "", after: { namespace: "", name: "" }, limit: clusterObjectsLimit });
    return page.rows.map((row) => decodeStored(row.value, row.rv));
  }

  exists(resource: string, name: string): boolean {
    const staged = this.overlay.get(`${resource}/${name}`);
    return staged !== undefined ? staged !== null : this.index.has(resource, name);
  }

  versionNow(resource: string, name: string): () => string | undefined {
    const staged = this.overlay.get(`${resource}/${name}`);
    // A staged object gets its resourceVersion when the batch commits.
    if (staged) return () => staged.metadata.resourceVersion;
    if (staged === null) return () => undefined;
    const stored = this.index.version(resource, name);
    return () => stored;
  }

  names(resource: string): string[] {
    const names = new Set(this.index.names(resource));
    for (const change of this.staged) {
      if (change.resource !== resource) continue;
      if (change.event === "DELETED") names.delete(change.name);
      else names.add(change.name);
    }
    return [...names].sort();
  }

  resources(): string[] {
    return [...new Set([...this.index.resources(), ...this.staged.map((c) => c.resource)])];
  }

  stage(change: StagedChange): void {
    this.staged.push(change);
    this.overlay.set(`${change.resource}/${change.name}`, change.event === "DELETED" ? null : change.object);
  }

  namespacePhase(): Promise<NamespacePhase> {
    if (this.index.namespaceActive) return Promise.resolve("active");
    this.phase ??= this.db
      .prepare(sql.getObject)
      .bind("namespaces", "", this.namespace)
      .first<{ value: string }>()
      .then((row) => {
        if (!row) return "missing";
        const ns = JSON.parse(row.value) as KubeObject;
        if (ns.metadata.deletionTimestamp) return "terminating";
        this.index.namespaceActive = true;
        return "active";
      });
    return this.phase;
  }

  /** Commits every staged change in one transaction and stamps each object with its resourceVersion. */
  async commit(now: Date): Promise<void> {
    if (this.staged.length === 0) return;
    const texts = this.staged.map((change) => encodeStored(change.object));
    const statements = this.statements(texts, now.getTime());
    const results = await this.db.batch<{ id: number }>(statements.map((s) => s.statement));
    // Ids ascend in the order the changes went in; RETURNING gives them in no promised order.
    const ids = results.flatMap((result, i) => {
      const found = result.results.map((row) => row.id).sort((a, b) => a - b);
      if (found.length !== statements[i].count) throw new Error(`the log took ${found.length} of ${statements[i].count} changes`);
      return found;
    });
    this.staged.forEach((change, i) => {
      change.object.metadata.resourceVersion = String(ids[i]);
      this.index.committed(change.resource, change.name, change.event === "DELETED" ? undefined : texts[i], ids[i]);
    });
  }

  /**
   * The log inserts for the staged changes, in order: as few statements as the parameter size allows (D1 takes
   * strings of up to 2 MB), a large object in a statement of its own.
   */
  private statements(texts: string[], at: number): { statement: D1PreparedStatement; count: number }[] {
    const out: { statement: D1PreparedStatement; count: number }[] = [];
    let chunk: string[] = [];
    let size = 0;
    const flush = () => {
      if (chunk.length === 0) return;
      out.push({ statement: this.db.prepare(sql.appendChanges).bind(this.namespace, at, `[${chunk.join(",")}]`), count: chunk.length });
      chunk = [];
      size = 0;
    };
    this.staged.forEach((change, i) => {
      if (texts[i].length > largeText) {
        flush();
        out.push({ statement: this.db.prepare(sql.appendChange).bind(this.namespace, at, change.resource, change.name, change.event, texts[i]), count: 1 });
        return;
      }
      const entry = JSON.stringify([change.resource, change.name, change.event, texts[i]]);
      if (size + entry.length > chunkCharacters) flush();
      chunk.push(entry);
      size += entry.length + 1;
    });
    flush();
    return out;
  }
}
