// Runs one write request against a shard: the generic flow for every kind and verb. It stages changes and
// returns a function that gives the answer once the batch holding those changes has committed.

import { alreadyExists, badRequest, forbidden, notFound } from "../api/errors.ts";
import { parseFieldSelector } from "../api/field-selector.ts";
import { parseLabelSelector, SelectorParseError } from "../api/label-selector.ts";
import { cloneJson, type KubeObject } from "../api/object.ts";
import { success, type Status } from "../api/status.ts";
import { jsonEqual } from "../resources/json-equal.ts";
import { apiVersionOf, storageKey, type KindDefinition, type ShardAdmissionContext, type StrategyContext } from "../resources/definition.ts";
import type { CreateRequest, DeleteCollectionRequest, DeleteRequest, PatchRequest, UpdateRequest, WriteRequest, WriteResult } from "./contract.ts";
import { applyPatch } from "./apply-patch.ts";
import { fieldsOf } from "./field-attributes.ts";
import { patchVerdict, writeVerdict, type FieldVerdict } from "./field-validation.ts";
import { generateName, newUid } from "../api/object-names.ts";
import { prepareCreate } from "./prepare-create.ts";
import { prepareDelete } from "./prepare-delete.ts";
import { prepareUpdate, shouldRemoveAfterUpdate } from "./prepare-update.ts";
import { applyScale, scaleOf } from "./scale.ts";
import { checkApplyBody } from "./server-side-apply/apply-body.ts";
import { applyConfiguration, recordUpdate } from "./server-side-apply/field-manager.ts";
import { applyScaleConfiguration, recordScaleUpdate } from "./server-side-apply/scale-field-manager.ts";
import { scale as scaleSchema } from "../resources/object-meta-schema.ts";
import type { ShardView } from "./shard-view.ts";


export type Answer = () => WriteResult;
/** The managedFields an apply settled on, which the write stores as they are. */
type Applied = { managedFields: KubeObject["metadata"]["managedFields"] };

const fail = (status: Status, warnings?: string[]): Answer => () => ({ ok: false, status, warnings });
const generateNameAttempts = 8;

/** Runs a write for `def`, the kind the request names (resolved by the caller in the kind catalog). */
export async function executeWrite(def: KindDefinition | undefined, req: WriteRequest, view: ShardView, now: Date): Promise<Answer> {
  if (!def) return fail(notFound({ group: req.kind.group, resource: req.kind.plural }, ""));
  const ctx: StrategyContext = { now, user: req.user };
  switch (req.op) {
    case "create":
      return create(def, req, view, ctx);
    case "update":
      return update(def, req, view, ctx, undefined, writeVerdict(def, req));
    case "patch":
      return patch(def, req, view, ctx);
    case "delete":
      return remove(def, req, view, ctx);
    case "deletecollection":
      return removeCollection(def, req, view, ctx);
  }
}

function admissionContext(view: ShardView, old?: KubeObject): ShardAdmissionContext {
  return { namespace: view.namespace, old, load: (r, n) => view.load(r, n), clusterObjects: (r) => view.clusterObjects(r) };
}

function ref(def: KindDefinition) {
  return { group: def.group, resource: def.plural };
}

async function create(def: KindDefinition, req: CreateRequest, view: ShardView, ctx: StrategyContext, applied?: Applied): Promise<Answer> {
  if (def.namespaced) {
    const phase = await view.namespacePhase();
    if (phase === "missing") return fail(notFound({ group: "", resource: "namespaces" }, view.namespace));
    if (phase === "terminating") {
      return fail(forbidden(ref(def), req.body.metadata.name ?? "", `unable to create new content in namespace ${view.namespace} because it is being terminated`));
    }
  }
  const resource = storageKey(def);
  const generated = !req.body.metadata.name && !!req.body.metadata.generateName;
  const fields = writeVerdict(def, req);
  for (let attempt = 0; ; attempt++) {
    // The body came over RPC and is this request's own: it is prepared in place unless a retry needs it again.
    const body = generated ? cloneJson(req.body) : req.body;
    const prepared = prepareCreate(def, body, { ...ctx, namespace: req.namespace, uid: newUid(), generateName, fields });
    const { warnings } = prepared;
    if (!prepared.ok) return fail(prepared.status, warnings);
    const obj = prepared.object;
    trackFields(def, req, undefined, obj, ctx, applied);
    const name = obj.metadata.name ?? "";
    if (view.exists(resource, name)) {
      if (generated && attempt < generateNameAttempts) continue;
      return fail(alreadyExists(ref(def), name), warnings);
    }
    const refused = await def.admitInShard?.(obj, admissionContext(view));
    if (refused) return fail(refused, warnings);
    if (req.dryRun) return () => ({ ok: true, code: 201, object: obj, warnings });
    view.stage({ event: "ADDED", resource, name, object: obj });
    return () => ({ ok: true, code: 201, object: obj, warnings });
  }
}

async function patch(def: KindDefinition, req: PatchRequest, view: ShardView, ctx: StrategyContext): Promise<Answer> {
  if (req.patchType === "apply") return apply(def, req, view, ctx);
  const old = await view.load(storageKey(def), req.name);
  if (!old) return fail(notFound(ref(def), req.name));
  const target = req.subresource === "scale" ? scaleOf(def, old) : old;
  const patched = applyPatch(req.patchType, target, req.patch, req.subresource === "scale" ? scaleSchema : def.schema);
  if (!patched.ok) return fail(patched.status);
  const fields = patchVerdict(def, req, patched.object);
  // A merge patch's result shares untouched parts with the stored object; the update prepares its body in
  // place, so it gets its own copy (or old and new would change together).
  return update(def, { ...req, op: "update", body: cloneJson(patched.object) }, view, ctx, old, fields);
}

async function update(
  def: KindDefinition,
  req: UpdateRequest,
  view: ShardView,
  ctx: StrategyContext,
  current?: KubeObject,
  fields?: FieldVerdict,
  applied?: Applied,
): Promise<Answer> {
  const resource = storageKey(def);
  const old = current ?? (await view.load(resource, req.name));
  if (!old) return fail(notFound(ref(def), req.name));
  let body = req.body;
  if (req.subresource === "scale") {
    const scaled = applyScale(def, old, req.body);
    if (!scaled.ok) return fail(scaled.status);
    body = scaled.object;
  }
  const subresource = req.subresource === "status" ? "status" : undefined;
  // The body is this request's own (it came over RPC, or from a patch or scale just made): prepared in place.
  const prepared = prepareUpdate(def, body, old, { ...ctx, namespace: req.namespace, name: req.name, subresource, fields });
  const { warnings } = prepared;
  if (!prepared.ok) return fail(prepared.status, warnings);
  const obj = prepared.object;
  trackFields(def, req, old, obj, ctx, applied);
  if (!req.subresource && def.admitInShard) {
    const refused = await def.admitInShard(obj, admissionContext(view, old));
    if (refused) return fail(refused, warnings);
  }
  const present = (o: KubeObject): WriteResult => ({ ok: true, code: 200, object: req.subresource === "scale" ? scaleOf(def, o) : o, warnings });
  if (shouldRemoveAfterUpdate(def, obj)) {
    if (!req.dryRun) view.stage({ event: "DELETED", resource, name: req.name, object: obj });
    return () => present(obj);
  }
  const { resourceVersion: _a, ...before } = old.metadata;
  const { resourceVersion: _b, ...after } = obj.metadata;
  // Key order is not a change: defaults and patches may lay out the same object differently.
  const unchanged = jsonEqual({ ...old, metadata: before }, { ...obj, metadata: after });
  if (unchanged || req.dryRun) {
    const version = view.versionNow(resource, req.name);
    return () => {
      if (unchanged) obj.metadata.resourceVersion = version() ?? old.metadata.resourceVersion;
      return present(obj);
    };
  }
  view.stage({ event: "MODIFIED", resource, name: req.name, object: obj });
  return () => present(obj);
}

/** managedFields after a create or update: an apply's own, or this write recorded for its manager (internal writes record none). */
function trackFields(def: KindDefinition, req: CreateRequest | UpdateRequest, old: KubeObject | undefined, obj: KubeObject, ctx: StrategyContext, applied?: Applied): void {
  const subresource = req.op === "update" ? req.subresource : undefined;
  let fields = obj.metadata.managedFields;
  if (applied) fields = applied.managedFields;
  else if (req.fieldManager !== undefined && subresource === "scale" && old) fields = recordScaleUpdate(def, old, obj, req.fieldManager, ctx.now);
  else if (req.fieldManager !== undefined) fields = recordUpdate(def, old, obj, { manager: req.fieldManager, apiVersion: apiVersionOf(def), subresource, now: ctx.now });
  if (fields === undefined) delete obj.metadata.managedFields;
  else obj.metadata.managedFields = fields;
}

async function apply(def: KindDefinition, req: PatchRequest, view: ShardView, ctx: StrategyContext): Promise<Answer> {
  const checked = checkApplyBody(def, req);
  if ("status" in checked) return fail(checked.status);
  const resource = storageKey(def);
  const old = await view.load(resource, req.name);
  if (!old && req.subresource) return fail(notFound(ref(def), req.name));
  if (old && req.subresource === "scale") return applyToScale(def, req, view, ctx, old, checked);
  const result = applyConfiguration(def, old, checked.config, {
    manager: req.fieldManager ?? "",
    apiVersion: apiVersionOf(def),
    subresource: req.subresource === "status" ? "status" : undefined,
    now: ctx.now,
    force: !!req.force,
    describe: checked.describe,
  });
  if (!result.ok) return fail(result.status);
  const obj = result.object;
  if (obj.metadata.name !== req.name) return fail(badRequest(`the name of the object (${obj.metadata.name ?? ""}) does not match the name on the URL (${req.name})`));
  const applied = { managedFields: obj.metadata.managedFields };
  if (!old) return create(def, { ...req, op: "create", body: obj, fieldValidation: undefined }, view, ctx, applied);
  return update(def, { ...req, op: "update", body: obj, subresource: req.subresource as "status" | undefined, fieldValidation: undefined }, view, ctx, old, undefined, applied);
}

/** Apply of an autoscaling/v1 Scale: merged as a Scale, its replicas written to the object like a scale update. */
function applyToScale(def: KindDefinition, req: PatchRequest, view: ShardView, ctx: StrategyContext, old: KubeObject, checked: { config: KubeObject; describe: string }): Promise<Answer> {
  if (!def.scale) return Promise.resolve(fail(badRequest(`${def.plural} do not have a scale subresource`)));
  const result = applyScaleConfiguration(def, old, checked.config, { manager: req.fieldManager ?? "", now: ctx.now, force: !!req.force, describe: checked.describe });
  if (!result.ok) return Promise.resolve(fail(result.status));
  const scale = result.object;
  if (scale.metadata.name !== req.name) return Promise.resolve(fail(badRequest(`the name of the object (${scale.metadata.name ?? ""}) does not match the name on the URL (${req.name})`)));
  return update(def, { ...req, op: "update", body: scale, subresource: "scale", fieldValidation: undefined }, view, ctx, old, undefined, { managedFields: result.managedFields });
}

function deletedAnswer(def: KindDefinition, obj: KubeObject): WriteResult {
  if (def.returnDeletedObject) return { ok: true, code: 200, object: obj };
  return {
    ok: true,
    code: 200,
    object: success({ name: obj.metadata.name, group: def.group || undefined, kind: def.plural, uid: obj.metadata.uid }) as unknown as KubeObject,
  };
}

/** Stages the deletion of one object; the answer tells what happened to it. */
function stageDelete(
  def: KindDefinition,
  old: KubeObject,
  req: DeleteRequest | DeleteCollectionRequest,
  view: ShardView,
  ctx: StrategyContext,
  answerWithObject = false,
): Answer {
  const outcome = prepareDelete(def, old, req.options, ctx);
  const name = old.metadata.name ?? "";
  const resource = storageKey(def);
  switch (outcome.action) {
    case "refuse":
      return fail(outcome.status);
    case "unchanged": {
      const version = view.versionNow(resource, name);
      return () => {
        outcome.object.metadata.resourceVersion = version() ?? outcome.object.metadata.resourceVersion;
        return { ok: true, code: 200, object: outcome.object };
      };
    }
    case "mark":
      if (!req.dryRun) view.stage({ event: "MODIFIED", resource, name, object: outcome.object });
      return () => ({ ok: true, code: 200, object: outcome.object });
    case "remove":
      if (!req.dryRun) view.stage({ event: "DELETED", resource, name, object: outcome.object });
      return () => (answerWithObject ? { ok: true, code: 200, object: outcome.object } : deletedAnswer(def, outcome.object));
  }
}

async function remove(def: KindDefinition, req: DeleteRequest, view: ShardView, ctx: StrategyContext): Promise<Answer> {
  const old = await view.load(storageKey(def), req.name);
  if (!old) return fail(notFound(ref(def), req.name));
  return stageDelete(def, old, req, view, ctx);
}

async function removeCollection(def: KindDefinition, req: DeleteCollectionRequest, view: ShardView, ctx: StrategyContext): Promise<Answer> {
  let labels, fields;
  try {
    labels = parseLabelSelector(req.labelSelector ?? "");
    fields = parseFieldSelector(req.fieldSelector ?? "");
  } catch (error) {
    if (error instanceof SelectorParseError) return fail(badRequest(error.message));
    throw error;
  }
  const resource = storageKey(def);
  const answers: Answer[] = [];
  for (const name of view.names(resource)) {
    const obj = await view.load(resource, name);
    if (!obj || !labels.matches(obj.metadata.labels)) continue;
    const attrs = fieldsOf(def, obj);
    if (!fields.matches((field) => attrs(field))) continue;
    answers.push(stageDelete(def, obj, req, view, ctx, true));
  }
  return () => {
    const items: KubeObject[] = [];
    for (const answer of answers) {
      const result = answer();
      if (!result.ok) return result;
      if ("object" in result) items.push(result.object);
    }
    return { ok: true, code: 200, items };
  };
}
