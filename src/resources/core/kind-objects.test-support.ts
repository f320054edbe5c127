// What the tests of a kind share: a body parsed by the kind's schema as the write flow parses it (metadata is
// validated apart, so it is kept as sent), and field errors as one line each, type, path and detail.

import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import type { KindDefinition } from "../definition.ts";

export function parsedAs(def: Pick<KindDefinition, "schema">, body: unknown): KubeObject {
  const copy = cloneJson(body) as KubeObject;
  const result = def.schema.safeParse(copy);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  const obj = result.data as KubeObject;
  obj.metadata = copy.metadata;
  return obj;
}

export const errorLines = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);
