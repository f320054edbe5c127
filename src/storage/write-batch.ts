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
    const statements: D1PreparedStatement[] = [];
    const texts = this.staged.map((change) => encodeStored(change.object));
    this.staged.forEach((change, i) => {
      const value = texts[i];
      statements.push(this.db.prepare(sql.appendLog).bind(change.resource, this.namespace, change.name, change.event, value, now.getTime()));
      statements.push(
        change.event === "DELETED"
          ? this.db.prepare(sql.deleteObject).bind(change.resource, this.namespace, change.name)
          : this.db.prepare(sql.upsertObject).bind(change.resource, this.namespace, change.name, value),
      );
    });
    const results = await this.db.batch<{ id: number }>(statements);
    this.staged.forEach((change, i) => {
      const rv = results[i * 2].results[0].id;
      change.object.metadata.resourceVersion = String(rv);
      this.index.committed(change.resource, change.name, change.event === "DELETED" ? undefined : texts[i], rv);
    });
  }
}
