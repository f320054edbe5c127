// Admission of writes in the Worker, before they are sent to the shard: a kind's admit hook (RBAC's escalation
// checks) sees the object as the write would store it. For updates and patches the current object is read
// from D1 and the patch applied to it here; the shard applies it again under its lock. (A concurrent change
// between the two reads is not re-checked: see docs/architecture.md, Authorization.)

import type { KubeObject } from "../api/object.ts";
import { isPlainObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import type { Env } from "../env.ts";
import type { WriteRequest } from "../registry/contract.ts";
import { applyPatch } from "../registry/apply-patch.ts";
import { findKind } from "../resources/catalog.ts";
import { storageKey } from "../resources/definition.ts";
import { ObjectReader } from "../storage/object-reader.ts";
import { authorizationFor } from "./rbac/authorization.ts";

export async function admitWrite(env: Env, req: WriteRequest): Promise<Status | undefined> {
  const def = findKind(req.kind.group, req.kind.version, req.kind.plural);
  if (!def?.admit || req.op === "delete" || req.op === "deletecollection" || ("subresource" in req && req.subresource)) return undefined;
  const ctx = { namespace: req.namespace, authz: authorizationFor(env.DB, req.user), now: new Date() };
  if (ctx.authz.privileged) return undefined;
  if (req.op === "create") return def.admit(req.body, undefined, ctx);
  const old = await new ObjectReader(env.DB).get(storageKey(def), req.namespace, req.name);
  if (req.op === "update") return def.admit(req.body, old, ctx);
  if (req.patchType === "apply") {
    // Apply's fields here (rules, roleRef, subjects) are atomic: the applied value replaces the stored one.
    if (!isPlainObject(req.patch)) return undefined;
    const applied = { ...(old ?? {}), ...req.patch, metadata: { ...old?.metadata, ...(req.patch.metadata as object) } } as KubeObject;
    return def.admit(applied, old, ctx);
  }
  if (!old) return undefined; // the shard answers 404
  const patched = applyPatch(req.patchType, old, req.patch, def.schema);
  return patched.ok ? def.admit(patched.object, old, ctx) : undefined;
}
