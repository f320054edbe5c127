// core/v1 Namespace: deleting one makes it Terminating; its content is removed, then the namespace itself.

import { z } from "zod";
import { forbidden } from "../../api/errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { rfc3339 } from "../../api/time.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { envelope } from "../schema-types.ts";

/** The finalizer kube's namespace controller owns: cleared once the namespace is empty. */
export const namespaceFinalizer = "kubernetes";

/** Namespaces that exist from the start; the first three may never be deleted. */
export const initialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;
const undeletable = new Set(["default", "kube-system", "kube-public"]);

/** NamespaceCondition: its own message (not metav1.Condition); other keys are kept as given. */
const namespaceCondition = z
  .looseObject({
    type: z.string().meta({ proto: 1, description: "The condition's type." }),
    status: z.string().meta({ proto: 2, description: "True, False or Unknown." }),
    lastTransitionTime: z.string().meta({ proto: 4, protoType: "Time", description: "When the status last changed." }).optional(),
    reason: z.string().meta({ proto: 5, description: "Machine-readable reason for the last change." }).optional(),
    message: z.string().meta({ proto: 6, description: "The last change, for a person." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NamespaceCondition" });

const namespaceSpec = z
  .object({
    finalizers: z
      .array(z.string())
      .meta({ proto: 1, listType: "atomic", description: "What must be done before the namespace is removed; the server owns this list." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NamespaceSpec" });

const namespaceStatus = z
  .object({
    phase: z.enum(["Active", "Terminating"]).meta({ proto: 1, description: "Active, or Terminating once deleted." }).optional(),
    conditions: z
      .array(namespaceCondition)
      .meta({ proto: 2, patchStrategy: "merge", patchMergeKey: "type", listType: "map", listMapKeys: ["type"], description: "The namespace's observed state." })
      .optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.NamespaceStatus" });

const schema = z
  .object({
    ...envelope,
    spec: namespaceSpec.meta({ proto: 2, description: "What the namespace should be." }).optional(),
    status: namespaceStatus.meta({ proto: 3, description: "What the namespace is, as the server observed it." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Namespace", description: "A scope for names; most kinds live in one." });

interface Namespace extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: "Active" | "Terminating"; conditions?: unknown[] };
}

export const namespaces = {
  group: "",
  version: "v1",
  kind: "Namespace",
  plural: "namespaces",
  singular: "namespace",
  namespaced: false,
  shortNames: ["ns"],
  nameRule: "dns1123-label",
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
  schema,
  status: true,
  applyDefaults(obj) {
    const ns = obj as Namespace;
    ns.status = { ...ns.status, phase: ns.status?.phase ?? "Active" };
  },
  prepareForCreate(obj) {
    const ns = obj as Namespace;
    ns.spec = { ...ns.spec, finalizers: [namespaceFinalizer] };
    ns.status = { phase: "Active" };
  },
  prepareForUpdate(obj, old) {
    // spec.finalizers change only through finalization; the phase only through the lifecycle.
    const ns = obj as Namespace;
    const before = old as Namespace;
    ns.spec = { ...ns.spec, finalizers: before.spec?.finalizers };
    ns.status = { ...ns.status, phase: before.status?.phase ?? "Active" };
  },
  onDelete(obj, ctx) {
    const ns = obj as Namespace;
    const name = ns.metadata.name ?? "";
    if (undeletable.has(name)) return forbidden({ group: "", resource: "namespaces" }, name, "this namespace may not be deleted");
    if ((ns.spec?.finalizers ?? []).length === 0) return undefined;
    if (ns.metadata.deletionTimestamp) return ns;
    ns.metadata.deletionTimestamp = rfc3339(ctx.now);
    ns.metadata.deletionGracePeriodSeconds = 0;
    ns.status = { ...ns.status, phase: "Terminating" };
    return ns;
  },
  readyToRemove(obj) {
    return ((obj as Namespace).spec?.finalizers ?? []).length === 0;
  },
  afterCommit(obj, effects, event) {
    const name = obj.metadata.name;
    if (!name || event === "DELETED") return;
    if (obj.metadata.deletionTimestamp) effects.terminateNamespace(name);
    else if (event === "ADDED") effects.ensureNamespaceDefaults(name);
  },
  table: {
    columns: [nameColumn, column("Status", "string", "The status of the namespace"), ageColumn],
    cells(obj, { now }) {
      return [obj.metadata.name ?? "", (obj as Namespace).status?.phase ?? "", creationAge(obj, now)];
    },
  },
  fieldSelectors: {
    "status.phase": (obj) => (obj as Namespace).status?.phase,
  },
} satisfies KindDefinition;
