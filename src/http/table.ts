// Server-side printing: objects as a meta.k8s.io Table with the kind's columns (kubectl get asks for this).

import type { KubeObject } from "../api/object.ts";
import type { KindDefinition } from "../resources/definition.ts";

export type IncludeObject = "None" | "Metadata" | "Object";

export interface ListMeta {
  resourceVersion?: string;
  continue?: string;
  remainingItemCount?: number;
}

export function toTable(
  def: KindDefinition,
  objects: KubeObject[],
  listMeta: ListMeta,
  options: { version: "v1" | "v1beta1"; includeObject: IncludeObject; now: Date },
): unknown {
  const apiVersion = `meta.k8s.io/${options.version}`;
  return {
    kind: "Table",
    apiVersion,
    metadata: listMeta,
    columnDefinitions: def.table.columns.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? "",
      description: c.description,
      priority: c.priority,
    })),
    rows: objects.map((obj) => ({
      cells: def.table.cells(obj, { now: options.now }),
      object: rowObject(obj, options.includeObject, apiVersion),
    })),
  };
}

function rowObject(obj: KubeObject, include: IncludeObject, apiVersion: string): unknown {
  if (include === "None") return undefined;
  if (include === "Object") return obj;
  return { kind: "PartialObjectMetadata", apiVersion, metadata: obj.metadata };
}
