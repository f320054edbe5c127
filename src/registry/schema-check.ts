// Runs a kind's schema over a request body. A value of the wrong JSON type is a decode error (400, as kube's
// decoder answers); a missing or out-of-range value is a validation error (422 with field causes). Fields the
// schema does not know are dropped (metadata's too), as kube's decoder drops them, and so are the zero values
// Go's JSON leaves out (src/api/protobuf/go-zeros.ts).

import type { z } from "zod";
import { badRequest } from "../api/errors.ts";
import type { FieldError } from "../api/field-errors.ts";
import type { KubeObject } from "../api/object.ts";
import { isStatus, type Status } from "../api/status.ts";
import { fieldErrorsFromZod } from "../api/zod-issues.ts";
import { apiVersionOf, type BodyType, type KindDefinition } from "../resources/definition.ts";
import { objectMeta } from "../resources/object-meta-schema.ts";
import { dropUnknownFields } from "./unknown-fields.ts";
import { dropGoZeros } from "../api/protobuf/go-zeros.ts";

export type SchemaResult = { ok: true; object: KubeObject } | { ok: false; status: Status } | { ok: false; errors: FieldError[] };

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return "array";
  if (value === null) return "null";
  return typeof value === "object" ? "object" : typeof value;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** A JSON null on a field means the field is absent, as Go's decoder reads it into an optional field. */
function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== null) out[key] = dropNulls(v);
  return out;
}

export function checkSchema(def: BodyType & Pick<KindDefinition, "decode">, body: KubeObject): SchemaResult {
  if (def.decode) {
    const object = def.decode(body);
    if (isStatus(object)) return { ok: false, status: object };
    dropUnknownFields(objectMeta, object.metadata);
    return { ok: true, object };
  }
  const parsed = def.schema.safeParse(dropNulls(body), { reportInput: true });
  if (parsed.success) {
    const object = parsed.data as KubeObject;
    dropUnknownFields(objectMeta, body.metadata);
    object.metadata = body.metadata;
    dropGoZeros(object, def.schema);
    return { ok: true, object };
  }
  const wrongType = parsed.error.issues.find(
    (issue: z.core.$ZodIssue) => issue.code === "invalid_type" && issue.input !== undefined,
  );
  if (wrongType && wrongType.code === "invalid_type") {
    const kind = def.kind;
    return {
      ok: false,
      status: badRequest(
        `${kind} in version "${def.version}" cannot be handled as a ${kind}: json: cannot unmarshal ${jsonType(wrongType.input)} into Go struct field ${kind}.${fieldPath(wrongType.path)} of type ${wrongType.expected}`,
      ),
    };
  }
  return { ok: false, errors: fieldErrorsFromZod(parsed.error, "", { schema: def.schema }) };
}

/** The body names this kind (or names none: kube fills in the URL's). */
export function checkTypeMeta(def: BodyType, body: KubeObject): Status | undefined {
  const apiVersion = apiVersionOf(def);
  if (body.kind !== undefined && body.kind !== "" && body.kind !== def.kind) {
    return badRequest(`the object provided is unrecognized (must be of type ${def.kind}): kind ${String(body.kind)} does not match the URL`);
  }
  if (body.apiVersion !== undefined && body.apiVersion !== "" && body.apiVersion !== apiVersion) {
    return badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${apiVersion})`);
  }
  return undefined;
}
