// Field ownership for every write, as kube's field manager keeps it in metadata.managedFields.
//
// recordUpdate: a create, update or non-apply patch. The fields the write added or changed go to the request's
// manager (operation Update), taken from whoever owned them; fields it removed leave every owner.
// applyConfiguration: server-side apply. The configuration is merged into the live object; a change to a field
// another manager owns is a conflict unless forced (then the field changes hands); the applier then owns exactly
// the fields of its configuration, and the fields it applied last time and no longer does are removed unless
// another manager owns them.
//
// Fields kube never tracks (apiVersion, kind, name, uid...) are left out of every set; a kind's status belongs
// to the status subresource, the rest of the object to the main resource.

import { isPlainObject, type JsonValue, type KubeObject } from "../../api/object.ts";
import { failure, type Status } from "../../api/status.ts";
import { jsonEqual } from "../../resources/json-equal.ts";
import type { KindDefinition } from "../../resources/definition.ts";
import { capUpdateManagers } from "./cap-update-managers.ts";
import { compareObjects } from "./compare.ts";
import { conflictStatus, type Conflict } from "./conflict.ts";
import { FieldSet, fieldElement } from "./field-set.ts";
import { decodeManagedFields, encodeManagedFields, managerId, type ManagerEntry } from "./managed-fields.ts";
import { mergeObjects } from "./merge.ts";
import { pruneDropped } from "./remove-fields.ts";
import { toFieldSet } from "./to-field-set.ts";
import type { KeyDefaults } from "./list-items.ts";

export interface ManagerContext {
  manager: string;
  apiVersion: string;
  subresource?: "status" | "scale";
  now: Date;
}

type Kind = Pick<KindDefinition, "schema" | "status" | "applyDefaults">;

const untracked = FieldSet.fromPaths([
  ["f:apiVersion"],
  ["f:kind"],
  ["f:metadata"],
  ...["name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion"].map((f) => ["f:metadata", fieldElement(f)]),
]);

const statusOnly = (set: FieldSet): FieldSet => {
  const out = new FieldSet();
  const status = set.child("f:status");
  if (status) out.children.set("f:status", status.clone());
  return out;
};

/** The part of a set the request's resource may own: the status subresource owns status, the main resource the rest. */
function inScope(def: Kind, subresource: ManagerContext["subresource"], set: FieldSet): FieldSet {
  if (subresource === "status") return statusOnly(set);
  return def.status ? set.recursiveDifference(FieldSet.fromPaths([["f:status"]])) : set;
}

const rfc3339 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "Z");

/** The object without managedFields, as the field manager compares it. */
function bare(obj: KubeObject | undefined): Record<string, unknown> {
  if (!obj) return {};
  const { managedFields: _ignored, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

/** managedFields: [{}] asks for them to be cleared. */
function isReset(value: unknown): boolean {
  return Array.isArray(value) && value.length === 1 && isPlainObject(value[0]) && Object.keys(value[0]).length === 0;
}

/**
 * The managedFields after a create or update (old undefined on create): the body's own when it sends valid
 * ones (not on a subresource), else the stored ones, with this write's changes recorded for its manager.
 * Undefined means the object has none.
 */
export function recordUpdate(def: Kind, old: KubeObject | undefined, obj: KubeObject, ctx: ManagerContext): JsonValue[] | undefined {
  const sent = obj.metadata.managedFields;
  if (isReset(sent) && !ctx.subresource) return undefined;
  const fromBody = !ctx.subresource ? decodeManagedFields(sent) : undefined;
  const useBody = !!fromBody && fromBody.length > 0;
  const entries = useBody ? fromBody : (decodeManagedFields(old?.metadata.managedFields) ?? []);
  const cmp = compareObjects(def.schema, bare(old), bare(obj));
  const changed = inScope(def, ctx.subresource, cmp.added.union(cmp.modified).difference(untracked));
  const removed = inScope(def, ctx.subresource, cmp.removed);
  if (changed.isEmpty() && removed.isEmpty()) {
    return useBody ? encodeManagedFields(capUpdateManagers(entries)) : (old?.metadata.managedFields as JsonValue[] | undefined);
  }
  const self = { manager: ctx.manager, operation: "Update" as const, apiVersion: ctx.apiVersion, subresource: ctx.subresource };
  const id = managerId(self);
  let mine: ManagerEntry | undefined;
  for (const entry of entries) {
    entry.set = entry.set.difference(changed).difference(removed);
    if (managerId(entry) === id) mine = entry;
  }
  if (!changed.isEmpty()) {
    if (!mine) entries.push((mine = { ...self, set: new FieldSet() }));
    mine.set = mine.set.union(changed);
    mine.time = rfc3339(ctx.now);
  }
  return encodeManagedFields(capUpdateManagers(entries));
}

/** For each applied list item that leaves out a key field, the value the kind's defaults give it. */
function keyDefaultsOf(def: Kind, config: KubeObject): KeyDefaults {
  const defaults: KeyDefaults = new WeakMap();
  if (!def.applyDefaults) return defaults;
  const defaulted = structuredClone(config);
  try {
    def.applyDefaults(defaulted);
  } catch {
    return defaults;
  }
  const pair = (a: unknown, b: unknown): void => {
    if (Array.isArray(a) && Array.isArray(b)) {
      a.forEach((item, i) => {
        if (isPlainObject(item) && isPlainObject(b[i])) {
          const missing = Object.fromEntries(Object.entries(b[i] as Record<string, unknown>).filter(([k]) => !(k in item)));
          if (Object.keys(missing).length) defaults.set(item, missing);
        }
        pair(item, b[i]);
      });
    } else if (isPlainObject(a) && isPlainObject(b)) {
      for (const key of Object.keys(a)) pair(a[key], b[key]);
    }
  };
  pair(config, defaulted);
  return defaults;
}

export type Applied = { ok: true; object: KubeObject; changed: boolean } | { ok: false; status: Status };

/** Server-side apply of `config` by ctx.manager onto the live object (undefined: the object is created). */
export function applyConfiguration(def: Kind, live: KubeObject | undefined, config: KubeObject, ctx: ManagerContext & { force: boolean; describe: string }): Applied {
  const defaults = keyDefaultsOf(def, config);
  const configured = toFieldSet(def.schema, config, defaults);
  if (configured.errors.length) {
    const detail = configured.errors.length === 1 ? configured.errors[0] : `errors:\n  ${configured.errors.join("\n  ")}`;
    return { ok: false, status: failure(500, undefined, `failed to create typed patch object (${ctx.describe}): ${detail}`) };
  }
  const entries = decodeManagedFields(live?.metadata.managedFields) ?? [];
  const before = bare(live);
  if (live && entries.length === 0) {
    // An object no one has claimed yet: what it holds goes to "before-first-apply", as an update from nothing would.
    const cmp = compareObjects(def.schema, {}, before);
    const all = inScope(def, ctx.subresource, cmp.added.union(cmp.modified).difference(untracked));
    entries.push({ manager: "before-first-apply", operation: "Update", apiVersion: ctx.apiVersion, set: all });
  }
  const self = { manager: ctx.manager, operation: "Apply" as const, apiVersion: ctx.apiVersion, subresource: ctx.subresource };
  const id = managerId(self);
  const previous = entries.find((e) => managerId(e) === id);
  const lastSet = previous?.set ?? new FieldSet();
  const mine: ManagerEntry = previous ?? { ...self, set: new FieldSet() };
  if (!previous) entries.push(mine);
  mine.set = inScope(def, ctx.subresource, configured.set.difference(untracked));

  let merged = mergeObjects(def.schema, before, config, defaults) as KubeObject;
  if (!lastSet.isEmpty()) {
    // The applier's whole configuration counts as owned here, the fields kube never records (name) included.
    const owned = entries.reduce((all, e) => all.union(e.set), configured.set);
    merged = pruneDropped(def.schema, merged, lastSet, owned, defaults) as KubeObject;
  }

  // Every other manager loses what the apply removed, and what it changed: a conflict unless forced.
  const cmp = compareObjects(def.schema, before, merged, defaults);
  const changed = inScope(def, ctx.subresource, cmp.added.union(cmp.modified));
  const removed = inScope(def, ctx.subresource, cmp.removed);
  const conflicts: Conflict[] = [];
  for (const entry of entries) {
    if (entry === mine) continue;
    for (const path of entry.set.intersection(changed).paths()) conflicts.push({ entry, path });
  }
  if (conflicts.length && !ctx.force) {
    conflicts.sort((a, b) => (a.entry.manager < b.entry.manager ? -1 : a.entry.manager > b.entry.manager ? 1 : 0));
    return { ok: false, status: conflictStatus(conflicts) };
  }
  for (const entry of entries) if (entry !== mine) entry.set = entry.set.difference(changed).difference(removed);

  const changedObject = !jsonEqual(before, merged);
  if (changedObject || !mine.time) mine.time = rfc3339(ctx.now);
  const managedFields = encodeManagedFields(entries);
  merged.metadata = { ...(isPlainObject(merged.metadata) ? merged.metadata : {}) };
  if (managedFields) merged.metadata.managedFields = managedFields;
  else delete merged.metadata.managedFields;
  return { ok: true, object: merged, changed: changedObject };
}
