// core/v1 Namespace: deleting one makes it Terminating; its content is removed, then the namespace itself.

import { z } from "zod";
import { forbidden } from "../../api/errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { rfc3339 } from "../../api/time.ts";
import type { KindDefinition } from "../definition.ts";
import { ageColumn, column, creationAge, nameColumn } from "../table-columns.ts";
import { condition, envelope } from "../schema-types.ts";

/** The finalizer kube's namespace controller owns: cleared once the namespace is empty. */
export const namespaceFinalizer = "kubernetes";

/** Namespaces that exist from the start; the first three may never be deleted. */
export const initialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"] as const;
const undeletable = new Set(["default", "kube-system", "kube-public"]);

const schema = z.object({
  ...envelope,
  spec: z.object({ finalizers: z.array(z.string()).optional() }).optional(),
  status: z
    .object({
      phase: z.enum(["Active", "Terminating"]).optional(),
      conditions: z.array(condition).optional(),
    })
    .optional(),
});

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
  afterCommit(obj, effects) {
    if (obj.metadata.deletionTimestamp && obj.metadata.name) effects.terminateNamespace(obj.metadata.name);
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
