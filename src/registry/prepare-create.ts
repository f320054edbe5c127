// The create flow every kind shares: type meta, namespace, system fields, schema, defaults, the kind's hooks,
// validation. Pure: time, user and generated names come in through the context.

import { badRequest, invalid } from "../api/errors.ts";
import type { KubeObject } from "../api/object.ts";
import type { Status } from "../api/status.ts";
import { rfc3339 } from "../api/time.ts";
import { validateObjectMeta } from "../api/validation/metadata.ts";
import { apiVersionOf, type KindDefinition, type StrategyContext } from "../resources/definition.ts";
import type { FieldVerdict } from "./field-validation.ts";
import { storedApiVersion } from "./served-version.ts";
import { checkSchema, checkTypeMeta } from "./schema-check.ts";

export interface CreateContext extends StrategyContext {
  /** The namespace of the URL; "" for cluster-scoped kinds. */
  namespace: string;
  uid: string;
  /** Picks a name for metadata.generateName. */
  generateName(prefix: string): string;
  /** fieldValidation's verdict on the body, applied once the body has decoded. */
  fields?: FieldVerdict;
}

/** The object to store, or why not; once the body has decoded, with fieldValidation's warnings. */
export type Prepared = ({ ok: true; object: KubeObject } | { ok: false; status: Status }) & { warnings?: string[] };

const namespaceMismatch = "the namespace of the provided object does not match the namespace sent on the request";

/** Puts the namespace of the URL on the object, or refuses a body that names another. */
export function settleNamespace(obj: KubeObject, namespace: string): Status | undefined {
  const given = obj.metadata.namespace;
  if (given === undefined || given === "") {
    if (namespace) obj.metadata.namespace = namespace;
    else delete obj.metadata.namespace;
    return undefined;
  }
  return given === namespace ? undefined : badRequest(namespaceMismatch);
}

export function prepareCreate(def: KindDefinition, body: KubeObject, ctx: CreateContext): Prepared {
  const typeError = checkTypeMeta(def, body);
  if (typeError) return { ok: false, status: typeError };
  const meta = body.metadata;
  if (meta.resourceVersion !== undefined && meta.resourceVersion !== "") {
    return { ok: false, status: badRequest("resourceVersion should not be set on objects to be created") };
  }
  const nsError = settleNamespace(body, ctx.namespace);
  if (nsError) return { ok: false, status: nsError };

  const checked = checkSchema(def, body);
  if (!checked.ok && "status" in checked) return checked;
  if (ctx.fields?.refusal) return { ok: false, status: ctx.fields.refusal };
  const warnings = ctx.fields?.warnings;
  const schemaErrors = checked.ok ? [] : checked.errors;
  const obj = checked.ok ? checked.object : body;
  obj.apiVersion = storedApiVersion(def);
  obj.kind = def.kind;

  const m = obj.metadata;
  delete m.deletionTimestamp;
  delete m.deletionGracePeriodSeconds;
  delete m.resourceVersion;
  delete m.selfLink;
  m.uid = ctx.uid;
  m.creationTimestamp = rfc3339(ctx.now);
  if (def.generationFields || def.specChanged) m.generation = 1;
  else delete m.generation;
  if (!m.name && m.generateName) m.name = ctx.generateName(m.generateName);

  if (checked.ok) {
    def.applyDefaults?.(obj);
    def.prepareForCreate?.(obj, ctx);
  }
  const errors = [
    ...validateObjectMeta(m, { namespaced: def.namespaced, nameRule: def.nameRule }),
    ...schemaErrors,
    ...(checked.ok ? (def.validate?.(obj) ?? []) : []),
  ];
  if (errors.length) return { ok: false, status: invalid(def.group, def.kind, m.name ?? m.generateName ?? "", errors), warnings };
  return { ok: true, object: obj, warnings };
}
