// Applies a JSON patch or merge patch to the stored object, giving the body of the update that follows.

import { badRequest } from "../api/errors.ts";
import { applyJsonPatch, JsonPatchError } from "../api/json-patch.ts";
import { applyMergePatch } from "../api/merge-patch.ts";
import { isPlainObject, type KubeObject } from "../api/object.ts";
import { failure, type Status } from "../api/status.ts";

export function applyPatch(type: "json" | "merge", target: KubeObject, patch: unknown): { ok: true; object: KubeObject } | { ok: false; status: Status } {
  let result: unknown;
  if (type === "merge") {
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
