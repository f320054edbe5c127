// Writes through /scale record their managed fields as kube records them: the field manager runs on the Scale
// with the parent's entries converted (scale-fields.ts), and the result is converted back onto the parent.

import type { JsonValue, KubeObject } from "../../api/object.ts";
import { apiVersionOf, type KindDefinition } from "../../resources/definition.ts";
import { scale as scaleSchema } from "../../resources/object-meta-schema.ts";
import { scaleOf } from "../scale.ts";
import { applyConfiguration, recordUpdate, type Applied } from "./field-manager.ts";
import { decodeManagedFields, encodeManagedFields } from "./managed-fields.ts";
import { scaleApiVersion, toParentEntries, toScaleEntries, type ScaleMapping } from "./scale-fields.ts";

const scaleKind = { schema: scaleSchema };

function scaleView(def: KindDefinition, parent: KubeObject) {
  const entries = decodeManagedFields(parent.metadata.managedFields) ?? [];
  const mapping: ScaleMapping = { apiVersion: apiVersionOf(def), replicasPath: def.scale!.specReplicasPath };
  const scale = scaleOf(def, parent);
  const converted = encodeManagedFields(toScaleEntries(entries, mapping));
  if (converted) scale.metadata.managedFields = converted;
  const back = (fields: unknown) => encodeManagedFields(toParentEntries(entries, decodeManagedFields(fields) ?? [], mapping));
  return { scale, back };
}

/** The parent's managedFields after an update or patch of its Scale by `manager` (undefined: none). */
export function recordScaleUpdate(def: KindDefinition, old: KubeObject, next: KubeObject, manager: string, now: Date): JsonValue[] | undefined {
  const { scale, back } = scaleView(def, old);
  const fields = recordUpdate(scaleKind, scale, scaleOf(def, next), { manager, apiVersion: scaleApiVersion, subresource: "scale", now });
  if (fields === scale.metadata.managedFields) return old.metadata.managedFields as JsonValue[] | undefined;
  return back(fields);
}

/** Server-side apply of a Scale: the merged Scale, and the parent's managedFields after it. */
export function applyScaleConfiguration(
  def: KindDefinition,
  parent: KubeObject,
  config: KubeObject,
  ctx: { manager: string; now: Date; force: boolean; describe: string },
): Applied & { managedFields?: JsonValue[] } {
  const { scale, back } = scaleView(def, parent);
  const result = applyConfiguration(scaleKind, scale, config, { ...ctx, apiVersion: scaleApiVersion, subresource: "scale" });
  if (!result.ok) return result;
  return { ...result, managedFields: back(result.object.metadata.managedFields) };
}
