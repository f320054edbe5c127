// kube's CRD controllers, run by the cluster shard after every CRD write and on its alarm while a deleted CRD
// is being cleaned up:
//   naming: accepts a CRD's names unless another CRD of its group already serves one of them (NamesAccepted),
//   establishing: a CRD whose names are accepted is Established, and from then on served (kind-catalog.ts),
//   finalizer: a deleted CRD is Terminating until its custom resources, in every namespace, are deleted;
//   then its finalizer is removed and it goes.

import type { KubeObject } from "../api/object.ts";
import { rfc3339 } from "../api/time.ts";
import { crdCleanupFinalizer, crdStorageKey, type CustomResourceDefinition, type CustomResourceDefinitionCondition, type CustomResourceDefinitionNames } from "../customresources/crd-types.ts";
import type { Env } from "../env.ts";
import { executeWrite } from "../registry/execute-write.ts";
import type { ShardView } from "../registry/shard-view.ts";
import { customResourceDefinitions } from "../resources/apiextensions/customresourcedefinitions.ts";
import { jsonEqual } from "../resources/json-equal.ts";
import { shardFor } from "../storage/shards.ts";
import { sql } from "../storage/statements.ts";

const controller = { name: "system:apiextensions-controller", groups: ["system:masters"] };
const crdKind = { group: customResourceDefinitions.group, version: customResourceDefinitions.version, plural: customResourceDefinitions.plural };

interface ShardRunner {
  run<T>(namespace: string, job: (view: ShardView, now: Date) => Promise<() => T>): Promise<T>;
  wakeAt(at: number): Promise<void>;
}

type Condition = CustomResourceDefinitionCondition;

/** The condition list with `next` set; its transition time kept while its status is unchanged. */
function withCondition(conditions: readonly Condition[], next: Condition, now: Date): Condition[] {
  const old = conditions.find((c) => c.type === next.type);
  const lastTransitionTime = old && old.status === next.status ? old.lastTransitionTime : rfc3339(now);
  const merged = { ...next, lastTransitionTime };
  return old ? conditions.map((c) => (c.type === next.type ? merged : c)) : [...conditions, merged];
}

/** Why a CRD's names cannot be accepted: kube's reason and message, or undefined when none conflicts. */
export function nameConflict(crd: CustomResourceDefinition, others: readonly CustomResourceDefinition[]): { reason: string; message: string } | undefined {
  const names = crd.spec.names;
  const taken = others
    .filter((o) => o.metadata.name !== crd.metadata.name && o.spec.group === crd.spec.group)
    .map((o) => o.status?.acceptedNames)
    .filter((n): n is CustomResourceDefinitionNames => !!n && !!n.plural);
  const used = (pick: (n: CustomResourceDefinitionNames) => (string | undefined)[]) => new Set(taken.flatMap(pick).filter(Boolean));
  const resources = used((n) => [n.plural, n.singular, ...(n.shortNames ?? [])]);
  const kinds = used((n) => [n.kind, n.listKind]);
  if (resources.has(names.plural)) return { reason: "PluralConflict", message: `"${names.plural}" is already in use` };
  if (names.singular && resources.has(names.singular)) return { reason: "SingularConflict", message: `"${names.singular}" is already in use` };
  const short = (names.shortNames ?? []).find((s) => resources.has(s));
  if (short) return { reason: "ShortNamesConflict", message: `"${short}" is already in use` };
  if (kinds.has(names.kind)) return { reason: "KindConflict", message: `"${names.kind}" is already in use` };
  if (names.listKind && kinds.has(names.listKind)) return { reason: "ListKindConflict", message: `"${names.listKind}" is already in use` };
  return undefined;
}

/** The status the naming and establishing controllers want for a live CRD. */
export function desiredStatus(crd: CustomResourceDefinition, others: readonly CustomResourceDefinition[], now: Date): CustomResourceDefinition["status"] {
  const status = crd.status ?? {};
  let conditions = status.conditions ?? [];
  const conflict = nameConflict(crd, others);
  let acceptedNames = status.acceptedNames ?? { plural: "", kind: "" };
  if (conflict) {
    conditions = withCondition(conditions, { type: "NamesAccepted", status: "False", ...conflict }, now);
    if (!conditions.some((c) => c.type === "Established")) {
      conditions = withCondition(conditions, { type: "Established", status: "False", reason: "NotAccepted", message: "not all names are accepted" }, now);
    }
  } else {
    acceptedNames = crd.spec.names;
    conditions = withCondition(conditions, { type: "NamesAccepted", status: "True", reason: "NoConflicts", message: "no conflicts found" }, now);
    const established = conditions.find((c) => c.type === "Established");
    if (established?.status !== "True") {
      conditions = withCondition(conditions, { type: "Established", status: "True", reason: "InitialNamesAccepted", message: "the initial names have been accepted" }, now);
    }
  }
  return { ...status, conditions, acceptedNames };
}

async function loadAll(view: ShardView): Promise<CustomResourceDefinition[]> {
  const all: CustomResourceDefinition[] = [];
  for (const name of view.names(crdStorageKey)) {
    const crd = await view.load(crdStorageKey, name);
    if (crd) all.push(crd as CustomResourceDefinition);
  }
  return all;
}

async function writeStatus(view: ShardView, now: Date, crd: CustomResourceDefinition, status: CustomResourceDefinition["status"]): Promise<void> {
  const body = { ...crd, status } as KubeObject;
  await executeWrite(customResourceDefinitions, { op: "update", subresource: "status", kind: crdKind, namespace: "", name: crd.metadata.name ?? "", body, dryRun: false, user: controller }, view, now);
}

export class CustomResourceDefinitionControllers {
  private running = false;
  private again = false;

  constructor(
    private readonly env: Env,
    private readonly shard: ShardRunner,
  ) {}

  /** Runs the controllers; a request while they run makes them run once more. */
  request(): void {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void (async () => {
      do {
        this.again = false;
        try {
          const pending = await this.reconcile();
          if (pending) await this.shard.wakeAt(Date.now() + 2000);
        } catch (error) {
          console.error("customresourcedefinition controllers failed, will retry", error);
          await this.shard.wakeAt(Date.now() + 2000).catch(() => {});
        }
      } while (this.again);
      this.running = false;
    })();
  }

  /** One pass; answers whether a deleted CRD is still waiting for its resources to go. */
  async reconcile(): Promise<boolean> {
    const deleting = await this.shard.run("", async (view, now) => {
      const all = await loadAll(view);
      const live = all.filter((crd) => !crd.metadata.deletionTimestamp);
      for (const crd of live) {
        const status = desiredStatus(crd, all, now);
        if (!jsonEqual(status, crd.status)) await writeStatus(view, now, crd, status);
      }
      const gone = all.filter((crd) => crd.metadata.deletionTimestamp && (crd.metadata.finalizers ?? []).includes(crdCleanupFinalizer));
      for (const crd of gone) {
        const conditions = withCondition(crd.status?.conditions ?? [], { type: "Terminating", status: "True", reason: "InstanceDeletionInProgress", message: "CustomResource deletion is in progress" }, now);
        if (!jsonEqual(conditions, crd.status?.conditions)) await writeStatus(view, now, crd, { ...crd.status, conditions });
      }
      return () => gone.map((crd) => crd.metadata.name ?? "");
    });
    let pending = false;
    for (const name of deleting) {
      if (await this.cleanUp(name)) continue;
      pending = true;
    }
    return pending;
  }

  /** Deletes a deleted CRD's resources; once none is left, removes its finalizer. Answers whether it is done. */
  private async cleanUp(name: string): Promise<boolean> {
    const resource = name; // a CRD's name is <plural>.<group>: its resources' storage key
    const rows = await this.env.DB.prepare(sql.namespacesOfResource).bind(resource).all<{ namespace: string }>();
    let remaining = 0;
    for (const { namespace } of rows.results) remaining += await shardFor(this.env, namespace).purgeResource(namespace, resource);
    if (remaining > 0) return false;
    await this.shard.run("", async (view, now) => {
      const crd = (await view.load(crdStorageKey, name)) as CustomResourceDefinition | undefined;
      if (!crd?.metadata.deletionTimestamp) return () => undefined;
      const conditions = withCondition(crd.status?.conditions ?? [], { type: "Terminating", status: "False", reason: "InstanceDeletionCompleted", message: "removed all instances" }, now);
      const body = { ...crd, status: { ...crd.status, conditions } } as KubeObject;
      body.metadata = { ...crd.metadata, finalizers: (crd.metadata.finalizers ?? []).filter((f) => f !== crdCleanupFinalizer) };
      await executeWrite(customResourceDefinitions, { op: "update", kind: crdKind, namespace: "", name, body, dryRun: false, user: controller }, view, now);
      return () => undefined;
    });
    return true;
  }
}
