// fieldValidation (Strict, Warn, Ignore) for create, update and patch: kube's strict decoding errors for the
// body (for a patch: the patch's own, then the patched object's), and what they lead to. Under Strict the write
// is refused as kube refuses it; under Warn each error becomes a Warning header; under Ignore nothing happens.

import { z } from "zod";
import { badRequest } from "../api/errors.ts";
import { fieldError, fieldErrorBody, fieldErrorText } from "../api/field-errors.ts";
import type { KubeObject } from "../api/object.ts";
import { failure, type Status } from "../api/status.ts";
import { goValue } from "../api/strategic-merge/go-format.ts";
import type { KindDefinition } from "../resources/definition.ts";
import { scale as scaleSchema } from "../resources/object-meta-schema.ts";
import type { CreateRequest, FieldValidation, PatchRequest, UpdateRequest } from "./contract.ts";
import { strictFieldErrors } from "./unknown-fields.ts";

/** What the generic flow does with a body once it has decoded: refuse it (Strict), or answer with warnings (Warn). */
export interface FieldVerdict {
  refusal?: Status;
  warnings?: string[];
}

const yamlErrors = "yaml: unmarshal errors:\n";
const yamlErrorsConverting = "error converting YAML to JSON: yaml: unmarshal errors:\n";

/** A JSON patch's operations as kube decodes them strictly. */
const jsonPatchOperations = z.array(z.object({ op: z.string(), path: z.string(), from: z.string(), value: z.unknown() }));

/** One Warning per error; yaml.v2's collected errors become one each (kube's parseYAMLWarnings). */
function warningsOf(error: string): string[] {
  const prefix = [yamlErrors, yamlErrorsConverting].find((p) => error.startsWith(p));
  if (!prefix) return [error];
  return error
    .slice(prefix.length)
    .split("\n")
    .map((line) => line.trim());
}

function judge(validation: FieldValidation, errors: string[], refuse: (message: string) => Status): FieldVerdict | undefined {
  if (errors.length === 0 || validation.directive === "Ignore") return undefined;
  if (validation.directive === "Strict") return { refusal: refuse(`strict decoding error: ${errors.join(", ")}`) };
  return { warnings: errors.flatMap(warningsOf) };
}

/** The strict decoding errors of a request body: YAML's repeated keys first, then the schema's walk. */
function bodyErrors(schema: z.ZodType, body: unknown, validation: FieldValidation): string[] {
  if (validation.format === "yaml") {
    const repeated = validation.duplicates.length ? [`${yamlErrors}  ${validation.duplicates.join("\n  ")}`] : [];
    return [...repeated, ...strictFieldErrors(schema, body, { sortKeys: true })];
  }
  return strictFieldErrors(schema, body, { duplicates: validation.duplicates });
}

/** The verdict on a create or update body; a refusal is the 400 kube's decoder answers. */
export function writeVerdict(def: KindDefinition, req: CreateRequest | UpdateRequest): FieldVerdict | undefined {
  const validation = req.fieldValidation;
  if (!validation || validation.directive === "Ignore") return undefined;
  const scale = req.op === "update" && req.subresource === "scale";
  const [kind, version] = scale ? ["Scale", "v1"] : [def.kind, def.version];
  const errors = bodyErrors(scale ? scaleSchema : def.schema, req.body, validation);
  return judge(validation, errors, (message) => badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${message}`));
}

/** JSON with keys sorted, as kube prints a patched object (it re-encodes it from a Go map). */
function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * kube's refusal of a patch under Strict: 422 on the field "patch", showing the patched object (JSON and merge
 * patch) or, for a strategic merge patch, the patch as Go prints a map.
 */
function patchRefusal(shown: string, message: string): Status {
  const error = fieldError.invalid("patch", shown, message);
  return failure(422, "Invalid", ` "" is invalid: ${fieldErrorText(error)}`, {
    causes: [{ reason: error.type, message: fieldErrorBody(error), field: error.field }],
  });
}

/**
 * The verdict on a patch: the patch's own errors (a merge patch's repeated keys; a JSON patch's unknown and
 * repeated fields, as `json patch ...`), then the patched object's unknown fields.
 */
export function patchVerdict(def: KindDefinition, req: PatchRequest, patched: KubeObject): FieldVerdict | undefined {
  const validation = req.fieldValidation;
  if (!validation || validation.directive === "Ignore") return undefined;
  const own =
    req.patchType === "json"
      ? strictFieldErrors(jsonPatchOperations, req.patch, { duplicates: validation.duplicates }).map((e) => `json patch ${e}`)
      : validation.duplicates.map((path) => `duplicate field ${JSON.stringify(path)}`);
  const schema = req.subresource === "scale" ? scaleSchema : def.schema;
  const errors = [...own, ...strictFieldErrors(schema, patched, { sortKeys: true })];
  const shown = req.patchType === "strategic" ? goValue(req.patch) : sortedJson(patched);
  return judge(validation, errors, (message) => patchRefusal(shown, message));
}
