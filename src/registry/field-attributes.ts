// The fields a field selector can compare, per kind: metadata.name and metadata.namespace for every kind,
// plus what the kind's definition declares.

import type { KubeObject } from "../api/object.ts";
import type { KindDefinition } from "../resources/definition.ts";

const common: Record<string, (obj: KubeObject) => string | undefined> = {
  "metadata.name": (obj) => obj.metadata.name,
  "metadata.namespace": (obj) => obj.metadata.namespace,
};

export function supportsField(def: KindDefinition, field: string): boolean {
  return field in common || (def.fieldSelectors !== undefined && field in def.fieldSelectors);
}

export function fieldsOf(def: KindDefinition, obj: KubeObject): (field: string) => string | undefined {
  return (field) => {
    const getter = common[field] ?? def.fieldSelectors?.[field];
    return getter ? getter(obj) : undefined;
  };
}
