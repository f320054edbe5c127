// The update flow every kind shares: preconditions, system fields carried over, spec/status separation,
// generation, schema, defaults, the kind's hooks, validation. Pure.

import { badRequest, conflict, invalid, modifiedConflict } from "../api/errors.ts";
import { cloneJson, valueAt, type KubeObject } from "../api/object.ts";
import { jsonEqual } from "../resources/json-equal.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "../api/validation/metadata.ts";
import { apiVersionOf, type KindDefinition, type StrategyContext } from "../resources/definition.ts";
import type { FieldVerdict } from "./field-validation.ts";
import { storedApiVersion } from "./served-version.ts";
import type { Prepared } from "./prepare-create.ts";
import { settleNamespace } from "./prepare-create.ts";
import { checkSchema, checkTypeMeta } from "./schema-check.ts";

export interface UpdateContext extends StrategyContext {
  namespace: string;
  name: string;
  subresource?: "status";
  /** fieldValidation's verdict on the body (for a patch: on the patch and the patched object). */
  fields?: FieldVerdict;
}

function ref(def: KindDefinition) {
  return { group: def.group, resource: def.plural };
}

/** The status subresource writes status only: everything else comes from the stored object. */
function statusOnly(body: KubeObject, old: KubeObject): KubeObject {
  const next = cloneJson(old);
  if (body.status === undefined) delete next.status;
  else next.status = body.status;
  next.metadata.resourceVersion = body.metadata.resourceVersion;
  return next;
}

export function prepareUpdate(def: KindDefinition, body: KubeObject, old: KubeObject, ctx: UpdateContext): Prepared {
  const typeError = checkTypeMeta(def, body);
  if (typeError) return { ok: false, status: typeError };
  const nsError = settleNamespace(body, ctx.namespace);
  if (nsError) return { ok: false, status: nsError };
  if (body.metadata.name !== undefined && body.metadata.name !== ctx.name) {
    return { ok: false, status: badRequest(`the name of the object (${body.metadata.name}) does not match the name on the URL (${ctx.name})`) };
  }
  body.metadata.name = ctx.name;
  const rv = body.metadata.resourceVersion;
  if (rv !== undefined && rv !== "" && rv !== old.metadata.resourceVersion) {
    return { ok: false, status: conflict(ref(def), ctx.name, modifiedConflict) };
  }

  const incoming = ctx.subresource === "status" ? statusOnly(body, old) : body;
  const checked = checkSchema(def, incoming);
  if (!checked.ok && "status" in checked) return checked;
  if (ctx.fields?.refusal) return { ok: false, status: ctx.fields.refusal };
  const warnings = ctx.fields?.warnings;
  const schemaErrors = checked.ok ? [] : checked.errors;
  const obj = checked.ok ? checked.object : incoming;
  obj.apiVersion = storedApiVersion(def);
  obj.kind = def.kind;

  const m = obj.metadata;
  const o = old.metadata;
  m.uid ??= o.uid;
  m.creationTimestamp ??= o.creationTimestamp;
  m.deletionTimestamp = o.deletionTimestamp;
  m.deletionGracePeriodSeconds = o.deletionGracePeriodSeconds;
  if (m.deletionTimestamp === undefined) delete m.deletionTimestamp;
  if (m.deletionGracePeriodSeconds === undefined) delete m.deletionGracePeriodSeconds;
  delete m.selfLink;
  if (def.status && ctx.subresource !== "status") {
    if (old.status === undefined) delete obj.status;
    else obj.status = cloneJson(old.status);
  }
  if (checked.ok) {
    def.applyDefaults?.(obj);
    def.prepareForUpdate?.(obj, old, ctx);
  }
  if (def.generationFields || def.specChanged) {
    const bumped = def.specChanged ? def.specChanged(obj, old) : def.generationFields!.some((field) => !jsonEqual(valueAt(obj, field.split(".")), valueAt(old, field.split("."))));
    m.generation = (o.generation ?? 1) + (bumped ? 1 : 0);
  } else {
    delete m.generation;
  }

  const errors = [
    ...validateObjectMeta(m, { namespaced: def.namespaced, nameRule: def.nameRule }),
    ...validateObjectMetaUpdate(m, o),
    ...schemaErrors,
  ];
  if (checked.ok) errors.push(...(def.validate?.(obj, old) ?? []), ...(def.validateUpdate?.(obj, old) ?? []));
  if (errors.length) return { ok: false, status: invalid(def.group, def.kind, ctx.name, errors), warnings };
  return { ok: true, object: obj, warnings };
}

/** A marked object whose finalizers are all gone is removed rather than stored. */
export function shouldRemoveAfterUpdate(def: KindDefinition, obj: KubeObject): boolean {
  const m = obj.metadata;
  if (!m.deletionTimestamp || (m.finalizers ?? []).length > 0) return false;
  return def.readyToRemove ? def.readyToRemove(obj) : true;
}
