// metadata.managedFields: decoding the entries into field sets per manager, and encoding them back in kube's
// order (Apply before Update, then by time, manager, apiVersion, subresource). A manager is identified by its
// name, operation and subresource, and for Update also by apiVersion (an applier keeps one entry across versions).

import { isPlainObject, type JsonValue } from "../../api/object.ts";
import { FieldSet } from "./field-set.ts";

export interface ManagerEntry {
  manager: string;
  operation: "Apply" | "Update";
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

export function managerId(entry: Pick<ManagerEntry, "manager" | "operation" | "apiVersion" | "subresource">): string {
  return JSON.stringify([entry.manager, entry.operation, entry.operation === "Apply" ? "" : entry.apiVersion, entry.subresource ?? ""]);
}

/** The entries of metadata.managedFields, or undefined when they cannot be read (kube then ignores them). */
export function decodeManagedFields(value: unknown): ManagerEntry[] | undefined {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return undefined;
  const entries: ManagerEntry[] = [];
  for (const raw of value) {
    if (!isPlainObject(raw)) return undefined;
    const { manager, operation, apiVersion, time, subresource, fieldsType, fieldsV1 } = raw;
    if (operation !== "Apply" && operation !== "Update") return undefined;
    if (fieldsType !== undefined && fieldsType !== "FieldsV1") return undefined;
    const set = fieldsV1 === undefined ? new FieldSet() : FieldSet.fromFieldsV1(fieldsV1);
    if (!set) return undefined;
    entries.push({
      manager: typeof manager === "string" ? manager : "",
      operation,
      apiVersion: typeof apiVersion === "string" ? apiVersion : "",
      time: typeof time === "string" ? time : undefined,
      subresource: typeof subresource === "string" && subresource !== "" ? subresource : undefined,
      set,
    });
  }
  return entries;
}

const seconds = (time: string | undefined): number => (time ? Math.floor(Date.parse(time) / 1000) || 0 : 0);
const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareEntries(p: ManagerEntry, q: ManagerEntry): number {
  if (p.operation !== q.operation) return byString(p.operation, q.operation);
  const dt = seconds(p.time) - seconds(q.time);
  if (dt) return dt;
  return byString(p.manager, q.manager) || byString(p.apiVersion, q.apiVersion) || byString(p.subresource ?? "", q.subresource ?? "");
}

/** The entries as metadata.managedFields, empty sets left out; undefined when none is left. */
export function encodeManagedFields(entries: ManagerEntry[]): JsonValue[] | undefined {
  const kept = entries.filter((e) => !e.set.isEmpty()).sort(compareEntries);
  if (!kept.length) return undefined;
  return kept.map((e) => {
    // Every field of the entry is omitempty in kube's Go type.
    const out: { [key: string]: JsonValue } = {};
    if (e.manager) out.manager = e.manager;
    out.operation = e.operation;
    if (e.apiVersion) out.apiVersion = e.apiVersion;
    if (e.time) out.time = e.time;
    out.fieldsType = "FieldsV1";
    out.fieldsV1 = e.set.toFieldsV1();
    if (e.subresource) out.subresource = e.subresource;
    return out;
  });
}
