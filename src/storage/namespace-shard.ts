// The Durable Object that owns one namespace's objects (or, as "cluster", the cluster-scoped ones).
// It serializes writes: requests queue up, and each turn of the queue runs the queued requests in order
// against one batch, then commits the batch in one D1 transaction. Concurrent writers thus share commits.

import { DurableObject } from "cloudflare:workers";
import { internalError } from "../api/errors.ts";
import { compactionEveryMs, compactLog } from "../controllers/compaction.ts";
import { reconcileAggregation } from "../controllers/cluster-role-aggregation.ts";
import { CustomResourceDefinitionControllers } from "../controllers/custom-resource-definitions.ts";
import { ensureNamespaceDefaults } from "../controllers/namespace-defaults.ts";
import { NamespaceTermination } from "../controllers/namespace-termination.ts";
import { populateTokenSecret } from "../controllers/service-account-token-secrets.ts";
import type { Env } from "../env.ts";
import type { WriteRequest, WriteResult } from "../registry/contract.ts";
import { executeWrite } from "../registry/execute-write.ts";
import type { ShardView } from "../registry/shard-view.ts";
import { kindCatalog } from "../customresources/kind-catalog.ts";
import { findKind, findKindByStorageKey } from "../resources/catalog.ts";
import { namespaces } from "../resources/core/namespaces.ts";
import { storageKey, type KindDefinition } from "../resources/definition.ts";
import type { CommitEffects } from "../resources/definition.ts";
import { ShardIndex } from "./shard-index.ts";
import { shardFor } from "./shards.ts";
import { pokeHubs, QuietHubs } from "./watch-hubs.ts";
import { WriteBatch } from "./write-batch.ts";

/** Who deletes a deleted CRD's resources. */
const resourceCleaner = { name: "system:apiextensions-controller", groups: ["system:masters"] };

/** Requests taken into one batch at most: bounds the work between two commits. */
const maxBatch = 128;

/** A unit of work in the shard's order: it stages changes, and its answer is read once they are committed. */
export type Job<T> = (view: ShardView, now: Date) => Promise<() => T>;

interface Queued {
  job: Job<unknown>;
  /** Objects the job will read ([storage key, name]), loaded for the whole batch at once. */
  reads?: (readonly [string, string])[];
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

export class NamespaceShard extends DurableObject<Env> {
  private namespace?: string;
  private index?: ShardIndex;
  private readonly queue: Queued[] = [];
  private draining = false;
  /** Hubs found without watchers, and until when they are not poked (see pokeHubs). */
  private readonly quietHubs = new QuietHubs();
  private readonly termination = new NamespaceTermination(this.ctx, this.env, this);
  private readonly effects: CommitEffects = {
    ...this.termination.effects,
    populateServiceAccountToken: (name) => {
      this.run(this.namespace ?? "", populateTokenSecret(this.env, name)).catch((error: unknown) => {
        console.error(`secret ${this.namespace}/${name}: filling in its service account token failed`, error);
      });
    },
    reconcileClusterRoleAggregation: () => this.aggregation.request(),
    reconcileCustomResourceDefinitions: () => this.crdControllers.request(),
    ensureNamespaceDefaults: (namespace) => {
      const done = namespace === this.namespace ? this.populateDefaults(namespace) : shardFor(this.env, namespace).populateDefaults(namespace);
      done.catch((error: unknown) => console.error(`namespace ${namespace}: creating its default objects failed`, error));
    },
  };
  /** Whether this (cluster) shard has asked every namespace to check its default objects since it started. */
  private defaultsResynced = false;
  private readonly crdControllers = new CustomResourceDefinitionControllers(this.env, this);
  /** One reconcile at a time; changes during a run make one more run. Its writes queue in this shard. */
  private readonly aggregation = coalesced(() =>
    reconcileAggregation(this.env).catch((error: unknown) => console.error("clusterrole aggregation failed", error)),
  );

  /** Runs one write (create, update, delete, deletecollection) in this shard's order. */
  async write(req: WriteRequest): Promise<WriteResult> {
    const def = findKind(req.kind.group, req.kind.version, req.kind.plural) ?? (await this.customKind(req));
    return this.run(req.namespace, (view, now) => executeWrite(def, req, view, now), readsOf(def, req)).catch((error: unknown) => ({
      ok: false as const,
      status: internalError(error instanceof Error ? error.message : String(error)),
    }));
  }

  /** A custom kind, from a catalog at least as new as the one the Worker found it in. */
  private async customKind(req: WriteRequest): Promise<KindDefinition | undefined> {
    const catalog = await kindCatalog(this.env.DB).current(req.kind.revision);
    return catalog.find(req.kind.group, req.kind.version, req.kind.plural);
  }

  /** A watch hub (by name) gained its first watcher: the next commit pokes it even if it was quiet. */
  async hubWatched(hub: string): Promise<void> {
    this.quietHubs.watched(hub);
  }

  /** Deletes everything in this namespace (finalizers are honoured); answers how many objects remain. */
  async purge(namespace: string): Promise<number> {
    // The namespace is Terminating: creates must look again (see ShardIndex.namespaceActive).
    if (this.index) this.index.namespaceActive = false;
    return this.run(namespace, (view, now) => this.termination.purgeShard(view, now));
  }

  /**
   * Deletes every object of one resource here (a deleted CRD's custom resources; finalizers are honoured);
   * answers how many remain.
   */
  async purgeResource(namespace: string, resource: string): Promise<number> {
    const def = (await kindCatalog(this.env.DB).current()).byStorageKey(resource);
    return this.run(namespace, async (view, now) => {
      if (def) {
        const kind = { group: def.group, version: def.version, plural: def.plural };
        const options = { propagationPolicy: "Background" as const };
        await executeWrite(def, { op: "deletecollection", kind, namespace: view.namespace, dryRun: false, user: resourceCleaner, options }, view, now);
      } else {
        // No served kind knows these objects any more: nothing can finalize them.
        for (const name of view.names(resource)) {
          const object = await view.load(resource, name);
          if (object) view.stage({ event: "DELETED", resource, name, object });
        }
      }
      return () => view.names(resource).length;
    });
  }

  /** Creates or repairs this namespace's default objects (src/controllers/namespace-defaults.ts). */
  async populateDefaults(namespace: string): Promise<number> {
    return this.run(namespace, ensureNamespaceDefaults(this.env));
  }

  /**
   * Makes sure the cluster shard's periodic work (compaction) is scheduled, and once per start of this shard
   * has every namespace check its default objects (as kube's controllers resync when they start).
   */
  async startMaintenance(): Promise<void> {
    this.namespace ??= "";
    await this.wakeAt(Date.now() + compactionEveryMs);
    if (!this.defaultsResynced) {
      this.defaultsResynced = true;
      this.ctx.waitUntil(this.resyncNamespaceDefaults());
    }
  }

  private async resyncNamespaceDefaults(): Promise<void> {
    const names = await this.run("", async (view) => {
      const found = view.names(storageKey(namespaces));
      return () => found;
    });
    for (const name of names) {
      await shardFor(this.env, name)
        .populateDefaults(name)
        .catch((error: unknown) => console.error(`namespace ${name}: creating its default objects failed`, error));
    }
  }

  /** Starts emptying a namespace that went Terminating (called on the cluster shard). */
  async terminateNamespace(name: string): Promise<void> {
    this.namespace ??= "";
    await this.termination.start(name);
  }

  override async alarm(): Promise<void> {
    this.namespace ??= "";
    await this.termination.resume();
    if (this.namespace === "") {
      this.crdControllers.request();
      const run = await compactLog(this.env.DB, new Date()).catch((error: unknown) => {
        console.error("compaction failed", error);
        return undefined;
      });
      await this.wakeAt(Date.now() + (run?.more ? 1000 : compactionEveryMs));
    }
  }

  /** Sets the alarm for `at` unless it is set for earlier already. */
  async wakeAt(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at || current < Date.now()) await this.ctx.storage.setAlarm(at);
  }

  /** Queues a job in this shard's write order. */
  run<T>(namespace: string, job: Job<T>, reads?: (readonly [string, string])[]): Promise<T> {
    this.namespace ??= namespace;
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ job, reads, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) {
        // Start on the event loop's next turn, not now: requests that arrive meanwhile join the batch and share
        // its commit (at 16 clients batches grew from 3.8 to ~7 changes; docs/performance.md).
        this.draining = true;
        setTimeout(() => void this.drain(), 0);
      }
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        this.index ??= await ShardIndex.load(this.env.DB, this.namespace ?? "");
        await this.runBatch(this.queue.splice(0, maxBatch));
      }
    } catch (error) {
      for (const item of this.queue.splice(0)) item.reject(error);
    } finally {
      this.draining = false;
    }
  }

  private async runBatch(items: Queued[]): Promise<void> {
    const now = new Date();
    const reads = items.flatMap((item) => item.reads ?? []);
    if (reads.length > 1) await this.index!.prefetch(this.env.DB, reads);
    const batch = new WriteBatch(this.env.DB, this.namespace ?? "", this.index!);
    const answers: ({ ok: true; read: () => unknown } | { ok: false; error: unknown })[] = [];
    for (const item of items) {
      try {
        answers.push({ ok: true, read: await item.job(batch, now) });
      } catch (error) {
        answers.push({ ok: false, error });
      }
    }
    try {
      await batch.commit(now);
    } catch (error) {
      // Nothing of the batch was stored: every request in it fails, and the index is reloaded from D1.
      this.index = undefined;
      for (const item of items) item.reject(error);
      return;
    }
    items.forEach((item, i) => {
      const answer = answers[i];
      if (answer.ok) item.resolve(answer.read());
      else item.reject(answer.error);
    });
    if (batch.staged.length > 0) pokeHubs(this.env, this.namespace ?? "", this.quietHubs);
    for (const change of batch.staged) {
      findKindByStorageKey(change.resource)?.afterCommit?.(change.object, this.effects, change.event);
    }
  }
}

/** Runs `task` on request; requests while it runs are folded into one more run after it. */
function coalesced(task: () => Promise<unknown>): { request(): void } {
  let running = false;
  let again = false;
  const run = async () => {
    running = true;
    do {
      again = false;
      await task();
    } while (again);
    running = false;
  };
  return {
    request() {
      if (running) again = true;
      else void run();
    },
  };
}

/** The object a write reads before it writes, if it names one. */
function readsOf(def: KindDefinition | undefined, req: WriteRequest): (readonly [string, string])[] | undefined {
  if (req.op !== "update" && req.op !== "patch" && req.op !== "delete") return undefined;
  return def ? [[storageKey(def), req.name]] : undefined;
}
