// Empties a Terminating namespace, then removes it: kube's namespace controller, run by the cluster shard.
// Pending terminations are kept in the Durable Object's storage; an alarm retries until the namespace is gone.

import type { KubeObject } from "../api/object.ts";
import type { Env } from "../env.ts";
import { executeWrite } from "../registry/execute-write.ts";
import type { ShardView } from "../registry/shard-view.ts";
import { kindCatalog } from "../customresources/kind-catalog.ts";
import { namespaceFinalizer } from "../resources/core/namespaces.ts";
import type { CommitEffects } from "../resources/definition.ts";
import { shardFor } from "../storage/shards.ts";

const retryMs = 2000;
const pendingPrefix = "terminating/";
const controller = { name: "system:serviceaccount:kube-system:namespace-controller", groups: ["system:serviceaccounts"] };

interface JobRunner {
  run<T>(namespace: string, job: (view: ShardView, now: Date) => Promise<() => T>): Promise<T>;
  wakeAt(at: number): Promise<void>;
}

export class NamespaceTermination {
  readonly effects: Pick<CommitEffects, "terminateNamespace"> = {
    terminateNamespace: (name) => {
      void this.start(name);
    },
  };

  constructor(
    private readonly ctx: DurableObjectState,
    private readonly env: Env,
    private readonly shard: JobRunner,
  ) {}

  async start(name: string): Promise<void> {
    await this.ctx.storage.put(pendingPrefix + name, true);
    await this.step(name);
  }

  async resume(): Promise<void> {
    const pending = await this.ctx.storage.list({ prefix: pendingPrefix });
    for (const key of pending.keys()) await this.step(key.slice(pendingPrefix.length));
  }

  private async step(name: string): Promise<void> {
    try {
      const remaining = await shardFor(this.env, name).purge(name);
      if (remaining === 0) {
        await this.shard.run("", (view) => finalize(view, name));
        await this.ctx.storage.delete(pendingPrefix + name);
        return;
      }
    } catch (error) {
      console.error(`namespace ${name}: termination step failed, will retry`, error);
    }
    await this.shard.wakeAt(Date.now() + retryMs);
  }

  /** Deletes every object of a namespace's shard; answers how many remain, waiting for finalizers. */
  async purgeShard(view: ShardView, now: Date): Promise<() => number> {
    const catalog = await kindCatalog(this.env.DB).current();
    for (const resource of view.resources()) {
      const def = catalog.byStorageKey(resource);
      if (!def) continue;
      await executeWrite(
        def,
        {
          op: "deletecollection",
          kind: { group: def.group, version: def.version, plural: def.plural },
          namespace: view.namespace,
          dryRun: false,
          user: controller,
          options: { propagationPolicy: "Background" },
        },
        view,
        now,
      );
    }
    return () => view.resources().reduce((n, resource) => n + view.names(resource).length, 0);
  }
}

/** Clears the namespace controller's finalizer; the namespace goes once no finalizer is left. */
async function finalize(view: ShardView, name: string): Promise<() => void> {
  const ns = (await view.load("namespaces", name)) as (KubeObject & { spec?: { finalizers?: string[] } }) | undefined;
  if (!ns || !ns.metadata.deletionTimestamp) return () => {};
  const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== namespaceFinalizer);
  ns.spec = { ...ns.spec, finalizers };
  const gone = finalizers.length === 0 && (ns.metadata.finalizers ?? []).length === 0;
  view.stage({ event: gone ? "DELETED" : "MODIFIED", resource: "namespaces", name, object: ns });
  return () => {};
}
