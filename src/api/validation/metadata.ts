// ObjectMeta validation as kube-apiserver does it for built-in kinds (apimachinery's ValidateObjectMeta plus
// core's finalizer rule), on the raw JSON: a value of the wrong type is a field error, never an exception.

import { fieldError, type FieldError } from "../field-errors.ts";
import { isPlainObject } from "../object.ts";
import type { NameRule } from "../../resources/definition.ts";
import { dns1123LabelErrors, labelValueErrors, nameErrors, qualifiedNameErrors } from "./names.ts";

export interface ObjectMetaRules {
  namespaced: boolean;
  nameRule: NameRule;
}

/** metadata.annotations may hold at most this many bytes of keys and values together. */
export const totalAnnotationSizeLimit = 256 * 1024;
const fieldManagerMaxLength = 128;
const subresourceMaxLength = 256;

/** Finalizers that may be used without a domain prefix. */
// The finalizers kube itself sets without a domain prefix (the last: every CustomResourceDefinition's).
export const standardFinalizers: readonly string[] = ["kubernetes", "orphan", "foregroundDeletion", "customresourcecleanup.apiextensions.k8s.io"];

const utf8 = new TextEncoder();
const bytes = (s: string): number => utf8.encode(s).length;
const typeError = (field: string, value: unknown, type: string): FieldError => fieldError.invalid(field, value, `must be of type ${type}`);

/** Reads metadata's fields with their JSON types checked; a wrong type is reported once and read as absent. */
class MetaReader {
  readonly errors: FieldError[] = [];
  readonly meta: Record<string, unknown>;

  constructor(meta: unknown) {
    this.meta = isPlainObject(meta) ? meta : {};
    if (meta !== undefined && meta !== null && !isPlainObject(meta)) this.errors.push(typeError("metadata", meta, "object"));
  }

  string(key: string): string {
    const v = this.meta[key];
    if (v === undefined || v === null) return "";
    if (typeof v === "string") return v;
    this.errors.push(typeError(`metadata.${key}`, v, "string"));
    return "";
  }

  integer(key: string): number | undefined {
    const v = this.meta[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v === "number" && Number.isInteger(v)) return v;
    this.errors.push(typeError(`metadata.${key}`, v, "integer"));
    return undefined;
  }

  stringMap(key: string): Record<string, string> {
    const v = this.meta[key];
    const out: Record<string, string> = {};
    if (v === undefined || v === null) return out;
    if (!isPlainObject(v)) {
      this.errors.push(typeError(`metadata.${key}`, v, "object"));
      return out;
    }
    for (const [k, value] of Object.entries(v)) {
      if (typeof value === "string") out[k] = value;
      else this.errors.push(typeError(`metadata.${key}[${k}]`, value, "string"));
    }
    return out;
  }

  list(key: string): unknown[] {
    const v = this.meta[key];
    if (v === undefined || v === null) return [];
    if (Array.isArray(v)) return v;
    this.errors.push(typeError(`metadata.${key}`, v, "array"));
    return [];
  }

  stringList(key: string): string[] {
    const out: string[] = [];
    this.list(key).forEach((item, i) => {
      if (typeof item === "string") out.push(item);
      else this.errors.push(typeError(`metadata.${key}[${i}]`, item, "string"));
    });
    return out;
  }
}

/**
 * Validates metadata on create (and, with validateObjectMetaUpdate, on update), after generateName has been
 * turned into a name. Errors come in kube's order: generateName, name, namespace, generation, labels,
 * annotations, ownerReferences, finalizers, managedFields, then the finalizer-prefix rule.
 */
export function validateObjectMeta(meta: unknown, rules: ObjectMetaRules): FieldError[] {
  const r = new MetaReader(meta);
  const errors = r.errors;
  const generateName = r.string("generateName");
  const name = r.string("name");
  const namespace = r.string("namespace");
  const generation = r.integer("generation");
  r.integer("deletionGracePeriodSeconds");
  for (const key of ["uid", "resourceVersion", "creationTimestamp", "deletionTimestamp"]) r.string(key);
  const labels = r.stringMap("labels");
  const annotations = r.stringMap("annotations");
  const ownerReferences = r.list("ownerReferences");
  const finalizers = r.stringList("finalizers");
  const managedFields = r.list("managedFields");

  if (generateName) {
    for (const msg of nameErrors(rules.nameRule, generateName, { prefix: true })) {
      errors.push(fieldError.invalid("metadata.generateName", generateName, msg));
    }
  }
  if (!name) errors.push(fieldError.required("metadata.name", "name or generateName is required"));
  else for (const msg of nameErrors(rules.nameRule, name)) errors.push(fieldError.invalid("metadata.name", name, msg));

  if (rules.namespaced) {
    if (!namespace) errors.push(fieldError.required("metadata.namespace"));
    else for (const msg of dns1123LabelErrors(namespace)) errors.push(fieldError.invalid("metadata.namespace", namespace, msg));
  } else if (namespace) {
    errors.push(fieldError.forbidden("metadata.namespace", "not allowed on this type"));
  }
  if (generation !== undefined && generation < 0) {
    errors.push(fieldError.invalid("metadata.generation", generation, "must be greater than or equal to 0"));
  }

  errors.push(...validateLabels(labels, "metadata.labels"));
  errors.push(...validateAnnotations(annotations));
  errors.push(...validateOwnerReferences(ownerReferences));
  errors.push(...validateFinalizers(finalizers));
  errors.push(...validateManagedFields(managedFields));
  finalizers.forEach((f, i) => {
    if (!f.includes("/") && !standardFinalizers.includes(f)) {
      errors.push(fieldError.invalid(`metadata.finalizers[${i}]`, f, "name is neither a standard finalizer name nor is it fully qualified"));
    }
  });
  return errors;
}

/** ValidateLabels: every key a qualified name, every value a label value; all reported at the map's path. */
export function validateLabels(labels: Record<string, string>, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(labels)) {
    for (const msg of qualifiedNameErrors(k)) errors.push(fieldError.invalid(field, k, msg));
    for (const msg of labelValueErrors(v)) errors.push(fieldError.invalid(field, v, msg));
  }
  return errors;
}

function validateAnnotations(annotations: Record<string, string>): FieldError[] {
  const errors: FieldError[] = [];
  let total = 0;
  for (const [k, v] of Object.entries(annotations)) {
    // Annotation keys are qualified names whose case does not matter.
    for (const msg of qualifiedNameErrors(k.toLowerCase())) errors.push(fieldError.invalid("metadata.annotations", k, msg));
    total += bytes(k) + bytes(v);
  }
  if (total > totalAnnotationSizeLimit) errors.push(fieldError.tooLong("metadata.annotations", totalAnnotationSizeLimit));
  return errors;
}

/** An owner reference as Go would marshal it, for showing in messages. */
function ownerRefShown(ref: Record<string, unknown>): Record<string, unknown> {
  const shown: Record<string, unknown> = { apiVersion: ref.apiVersion ?? "", kind: ref.kind ?? "", name: ref.name ?? "", uid: ref.uid ?? "" };
  if (ref.controller !== undefined && ref.controller !== null) shown.controller = ref.controller;
  if (ref.blockOwnerDeletion !== undefined && ref.blockOwnerDeletion !== null) shown.blockOwnerDeletion = ref.blockOwnerDeletion;
  return shown;
}

function validateOwnerReferences(refs: unknown[]): FieldError[] {
  const path = "metadata.ownerReferences";
  const errors: FieldError[] = [];
  const valid: Record<string, unknown>[] = [];
  refs.forEach((ref, i) => {
    if (!isPlainObject(ref)) {
      errors.push(typeError(`${path}[${i}]`, ref, "object"));
      return;
    }
    let ok = true;
    for (const key of ["apiVersion", "kind", "name", "uid"]) {
      const v = ref[key];
      if (v !== undefined && v !== null && typeof v !== "string") {
        errors.push(typeError(`${path}[${i}].${key}`, v, "string"));
        ok = false;
      }
    }
    for (const key of ["controller", "blockOwnerDeletion"]) {
      const v = ref[key];
      if (v !== undefined && v !== null && typeof v !== "boolean") {
        errors.push(typeError(`${path}[${i}].${key}`, v, "boolean"));
        ok = false;
      }
    }
    if (ok) valid.push(ref);
  });

  let firstController = "";
  for (const ref of valid) {
    const apiVersion = (ref.apiVersion as string | undefined) ?? "";
    const kind = (ref.kind as string | undefined) ?? "";
    const name = (ref.name as string | undefined) ?? "";
    const uid = (ref.uid as string | undefined) ?? "";
    const { group, version } = parseApiVersion(apiVersion);
    // kube reports these at the list's path plus the field, without the index.
    if (!version) errors.push(fieldError.invalid(`${path}.apiVersion`, apiVersion, "version must not be empty"));
    if (!kind) errors.push(fieldError.invalid(`${path}.kind`, kind, "must not be empty"));
    if (!name) errors.push(fieldError.invalid(`${path}.name`, name, "must not be empty"));
    if (!uid) errors.push(fieldError.invalid(`${path}.uid`, uid, "must not be empty"));
    if (group === "" && version === "v1" && kind === "Event") {
      errors.push(fieldError.invalid(path, ownerRefShown(ref), "/v1, Kind=Event is disallowed from being an owner"));
    }
    if (ref.controller === true) {
      const current = `${kind}/${name}`;
      if (!firstController) firstController = current;
      else {
        errors.push(
          fieldError.invalid(
            path,
            valid.map(ownerRefShown),
            `Only one reference can have Controller set to true. Found "true" in references for ${firstController} and ${current}`,
          ),
        );
      }
    }
  }
  return errors;
}

/** schema.ParseGroupVersion, lenient as FromAPIVersionAndKind is: a malformed value has no version. */
function parseApiVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === "" || apiVersion === "/") return { group: "", version: "" };
  const parts = apiVersion.split("/");
  if (parts.length === 1) return { group: "", version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: "", version: "" };
}

function validateFinalizers(finalizers: string[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const f of finalizers) {
    for (const msg of qualifiedNameErrors(f)) errors.push(fieldError.invalid("metadata.finalizers", f, msg));
  }
  if (finalizers.includes("orphan") && finalizers.includes("foregroundDeletion")) {
    errors.push(fieldError.invalid("metadata.finalizers", finalizers, "finalizer orphan and foregroundDeletion cannot be both set"));
  }
  return errors;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function validateManagedFields(entries: unknown[]): FieldError[] {
  const errors: FieldError[] = [];
  entries.forEach((entry, i) => {
    const path = `metadata.managedFields[${i}]`;
    if (!isPlainObject(entry)) {
      errors.push(typeError(path, entry, "object"));
      return;
    }
    const operation = entry.operation ?? "";
    if (operation !== "Apply" && operation !== "Update") errors.push(fieldError.invalid(`${path}.operation`, operation, "must be `Apply` or `Update`"));
    const fieldsType = entry.fieldsType ?? "";
    if (fieldsType !== "" && fieldsType !== "FieldsV1") errors.push(fieldError.invalid(`${path}.fieldsType`, fieldsType, "must be `FieldsV1`"));
    const manager = typeof entry.manager === "string" ? entry.manager : "";
    if (bytes(manager) > fieldManagerMaxLength) errors.push(fieldError.tooLong(`${path}.manager`, fieldManagerMaxLength));
    let position = 0;
    for (const ch of manager) {
      if (!printable.test(ch)) {
        const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
        errors.push(fieldError.invalid(`${path}.manager`, manager, `invalid character U+${code} (at position ${position})`));
      }
      position += bytes(ch);
    }
    const subresource = typeof entry.subresource === "string" ? entry.subresource : "";
    if (bytes(subresource) > subresourceMaxLength) errors.push(fieldError.tooLong(`${path}.subresource`, subresourceMaxLength));
  });
  return errors;
}

/** Two timestamps are the same when they name the same instant (kube compares metav1.Time semantically). */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string" && a !== b) {
    const ta = Date.parse(a);
    const tb = Date.parse(b);
    return !Number.isNaN(ta) && ta === tb;
  }
  return (a ?? null) === (b ?? null);
}

/**
 * The checks only an update has: immutable identity fields, no decrementing generation, no new finalizers once
 * deletion started. Like kube's strategies, run validateObjectMeta on the new metadata as well; the registry
 * copies uid, creationTimestamp and deletion fields from the old object first where the request left them out,
 * and settles a missing resourceVersion (kube's store does both before validation).
 */
export function validateObjectMetaUpdate(meta: unknown, oldMeta: unknown): FieldError[] {
  const m = isPlainObject(meta) ? meta : {};
  const old = isPlainObject(oldMeta) ? oldMeta : {};
  const errors: FieldError[] = [];

  if (old.deletionTimestamp) {
    const before = new Set(Array.isArray(old.finalizers) ? old.finalizers : []);
    const added = [...new Set(Array.isArray(m.finalizers) ? m.finalizers : [])].filter((f) => !before.has(f)).map(String).sort();
    if (added.length) {
      const shown = `[]string{${added.map((f) => JSON.stringify(f)).join(", ")}}`;
      errors.push(fieldError.forbidden("metadata.finalizers", `no new finalizers can be added if the object is being deleted, found new finalizers ${shown}`));
    }
  }
  const generation = typeof m.generation === "number" ? m.generation : 0;
  const oldGeneration = typeof old.generation === "number" ? old.generation : 0;
  if (generation < oldGeneration) errors.push(fieldError.invalid("metadata.generation", generation, "must not be decremented"));

  // Strings that Go holds as plain strings show "" when absent; timestamps and pointers show null.
  for (const key of ["name", "namespace", "uid"]) {
    if ((m[key] ?? "") !== (old[key] ?? "")) errors.push(fieldError.immutable(`metadata.${key}`, m[key] ?? ""));
  }
  for (const key of ["creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds"]) {
    if (!sameValue(m[key], old[key])) errors.push(fieldError.immutable(`metadata.${key}`, m[key] ?? null));
  }
  return errors;
}
