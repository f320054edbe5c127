// Field ownership through /scale, as kube's ScaleHandler keeps it: the field manager runs on the autoscaling/v1
// Scale, whose managedFields are the parent's entries that own the replicas field (spec.replicas there, the
// kind's replicas path in the parent, apiVersion autoscaling/v1); afterwards the Scale's entries that own
// spec.replicas go back to the parent as the replicas path with the parent's apiVersion, and a parent entry
// that lost the field to them keeps the rest. Entries of another apiVersion than the parent's are dropped, as
// kube drops versions it has no mapping for. Times come from the parent's entries: a new one has none.

import { FieldSet, fieldElement, type FieldPath } from "./field-set.ts";
import { managerId, type ManagerEntry } from "./managed-fields.ts";

export const scaleApiVersion = "autoscaling/v1";
const replicasInScale: FieldPath = ["f:spec", "f:replicas"];

export interface ScaleMapping {
  /** The parent's apiVersion ("apps/v1"). */
  apiVersion: string;
  /** The replicas field in the parent, field by field. */
  replicasPath: readonly string[];
}

const only = (path: FieldPath): FieldSet => FieldSet.fromPaths([path]);
const replicasIn = (mapping: ScaleMapping): FieldPath => mapping.replicasPath.map(fieldElement);

/** The parent's entries as the Scale sees them (kube's ToSubresource). */
export function toScaleEntries(parent: ManagerEntry[], mapping: ScaleMapping): ManagerEntry[] {
  const path = replicasIn(mapping);
  return parent
    .filter((e) => e.apiVersion === mapping.apiVersion && e.set.has(path))
    .map((e) => ({ ...e, apiVersion: scaleApiVersion, set: only(replicasInScale) }));
}

/** The parent's entries after a write through /scale that left the Scale with `scale` (kube's ToParent). */
export function toParentEntries(parent: ManagerEntry[], scale: ManagerEntry[], mapping: ScaleMapping): ManagerEntry[] {
  const path = replicasIn(mapping);
  const fromScale = new Map(scale.map((e) => [managerId(e), e]));
  const out = new Map<string, ManagerEntry>();
  for (const entry of parent) {
    if (entry.apiVersion !== mapping.apiVersion) continue;
    const id = managerId(entry);
    if (!entry.set.has(path)) out.set(id, entry);
    else if (fromScale.has(id)) {
      out.set(id, entry);
      fromScale.delete(id);
    } else {
      const rest = entry.set.difference(only(path));
      if (!rest.isEmpty()) out.set(id, { ...entry, set: rest });
    }
  }
  const times = new Map(parent.map((e) => [managerId(e), e.time]));
  for (const [id, entry] of fromScale) {
    if (!entry.set.has(replicasInScale)) continue;
    out.set(id, { ...entry, apiVersion: mapping.apiVersion, time: times.get(id), set: only(path) });
  }
  return [...out.values()];
}
