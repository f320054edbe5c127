// A watch event as the client reads it: {"type", "object"}, the object as JSON or as a one-row Table.

import type { KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import { toTable } from "../http/table.ts";
import type { KindDefinition } from "../resources/definition.ts";
import type { WatchEventType, WatchSpec } from "./watch-spec.ts";

export function encodeWatchEvent(type: WatchEventType, object: KubeObject | Status, spec: WatchSpec, def: KindDefinition, withColumns: boolean, now: Date): string {
  if (spec.format.type === "json" || type === "ERROR") return JSON.stringify({ type, object });
  const obj = object as KubeObject;
  const table = toTable(def, type === "BOOKMARK" ? [] : [obj], { resourceVersion: obj.metadata.resourceVersion }, {
    version: spec.format.version,
    includeObject: spec.format.includeObject,
    now,
  }) as { columnDefinitions?: unknown; rows?: { object?: unknown }[] };
  if (!withColumns) table.columnDefinitions = [];
  if (type === "BOOKMARK") return JSON.stringify({ type, object: bookmarkObject(def, obj) });
  return JSON.stringify({ type, object: table });
}

/** A BOOKMARK carries only the kind and a resourceVersion (and, at the end of initial events, an annotation). */
export function bookmarkObject(def: KindDefinition, obj: KubeObject): KubeObject {
  return { kind: def.kind, apiVersion: def.group ? `${def.group}/${def.version}` : def.version, metadata: obj.metadata };
}
