// Applies a JSON patch, merge patch or strategic merge patch to the stored object, giving the body of the
// update that follows. Strategic merge reads its merge rules from the schema of what is patched.

import { badRequest } from "../api/errors.ts";
import { applyJsonPatch, JsonPatchError } from "../api/json-patch.ts";
import { applyMergePatch } from "../api/merge-patch.ts";
import { isPlainObject, type KubeObject } from "../api/object.ts";
import { failure, type Status } from "../api/status.ts";
import { schemaPatchMeta } from "../api/strategic-merge/schema-patch-meta.ts";
import { applyStrategicMergePatch, StrategicMergeError } from "../api/strategic-merge-patch.ts";
import type { z } from "zod";
import type { PatchRequest } from "./contract.ts";

/** What Go says when a body that must be a JSON object is not one. */
function notAnObject(value: unknown): Status {
  const type = Array.isArray(value) ? "array" : typeof value === "boolean" ? "bool" : typeof value;
  return badRequest(`json: cannot unmarshal ${type} into Go value of type map[string]interface {}`);
}

export function applyPatch(
  type: PatchRequest["patchType"],
  target: KubeObject,
  patch: unknown,
  schema: z.ZodType,
): { ok: true; object: KubeObject } | { ok: false; status: Status } {
  let result: unknown;
  if (type === "strategic") {
    const body = patch ?? {};
    if (!isPlainObject(body)) return { ok: false, status: notAnObject(body) };
    try {
      result = applyStrategicMergePatch(target, body, schemaPatchMeta(schema));
    } catch (error) {
      if (!(error instanceof StrategicMergeError)) throw error;
      return { ok: false, status: error.toStatus() };
    }
  } else if (type === "merge") {
    if (!isPlainObject(patch)) return { ok: false, status: badRequest("the patch is not a JSON object") };
    result = applyMergePatch(target, patch);
  } else {
    try {
      result = applyJsonPatch(target, patch);
    } catch (error) {
      if (!(error instanceof JsonPatchError)) throw error;
      return { ok: false, status: failure(422, "Invalid", error.message) };
    }
  }
  if (!isPlainObject(result)) return { ok: false, status: badRequest("the patched document is not a JSON object") };
  const metadata = result.metadata ?? {};
  if (!isPlainObject(metadata)) return { ok: false, status: badRequest("metadata of the patched document is not an object") };
  return { ok: true, object: { ...result, metadata } as KubeObject };
}
