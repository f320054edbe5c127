// Every definition the documents publish: one per kind (tagged with its group, version and kind) and one
// per kind's list, the definitions their zod schemas name, and the shared meta/v1 ones. Built from the
// kinds alone, so the same catalog always gives the same definitions.

import type { KindDefinition } from "../../resources/definition.ts";
import { listMetaProperty, metaDefinitions, metaNames, objectMetaProperty, typeMetaProperties } from "./meta-definitions.ts";
import { byCodeUnit, extension, gvkValue, sortedRecord, type GroupVersionKind, type Schema } from "./schema.ts";
import { SchemaCollector, unwrap } from "./zod-schemas.ts";
import { customDefinitionName, publishedKindSchema } from "./custom-schema.ts";

/** A kind as the documents name it. */
export interface KindEntry {
  def: KindDefinition;
  gvk: GroupVersionKind;
  /** Its definition, e.g. "io.k8s.api.core.v1.ConfigMap". */
  name: string;
  /** Its list's definition, e.g. "io.k8s.api.core.v1.ConfigMapList". */
  listName: string;
}

export interface DefinitionSet {
  kinds: KindEntry[];
  /** By name, sorted. */
  definitions: Record<string, Schema>;
  /** Names that different zod schemas claim (the first one to be reached defines the name). */
  conflicts: string[];
}

/** Where kube's Go packages put a group's types, for the few groups not under k8s.io/api/<group>. */
const packageOfGroup: Record<string, string> = {
  "": "io.k8s.api.core",
  "apiextensions.k8s.io": "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions",
  "apiregistration.k8s.io": "io.k8s.kube-aggregator.pkg.apis.apiregistration",
  "internal.apiserver.k8s.io": "io.k8s.api.apiserverinternal",
};

/** The definition name of a kind: the one its schema's meta gives, else kube's name for it. */
export function kindDefinitionName(def: KindDefinition): string {
  if (def.openAPI) return customDefinitionName(def.group, def.version, def.kind);
  const { core, wrapperMeta } = unwrap(def.schema);
  const declared = wrapperMeta.definition ?? (core.meta() as { definition?: string } | undefined)?.definition;
  if (declared) return declared;
  const pkg = packageOfGroup[def.group] ?? `io.k8s.api.${def.group.split(".")[0]}`;
  return `${pkg}.${def.version}.${def.kind}`;
}

export function buildDefinitions(kinds: readonly KindDefinition[]): DefinitionSet {
  const collector = new SchemaCollector(new Set(Object.keys(metaDefinitions)));
  const entries: KindEntry[] = [];
  const gvks = new Map<string, GroupVersionKind[]>();
  const tag = (name: string, gvk: GroupVersionKind) => gvks.set(name, [...(gvks.get(name) ?? []), gvk]);

  for (const def of kinds) {
    const gvk = { group: def.group, version: def.version, kind: def.kind };
    const name = kindDefinitionName(def);
    const entry: KindEntry = { def, gvk, name, listName: `${name}List` };
    entries.push(entry);
    collector.definitions.delete(name); // a kind's definition is always its top-level form
    if (def.openAPI) collector.definitions.set(name, publishedKindSchema(def.openAPI.schema));
    else collector.define(name, def.schema, () => kindBody(collector, def));
    collector.definitions.set(entry.listName, listBody(entry));
    tag(name, gvk);
    tag(entry.listName, { ...gvk, kind: `${def.kind}List` });
  }

  const definitions: Record<string, Schema> = { ...Object.fromEntries(collector.definitions), ...metaDefinitions };
  // kube tags the option and event types with every group version they are served in.
  const versions = servedGroupVersions(kinds);
  for (const [name, kind] of [
    [metaNames.deleteOptions, "DeleteOptions"],
    [metaNames.watchEvent, "WatchEvent"],
  ] as const) {
    for (const gv of versions) tag(name, { ...gv, kind });
  }
  for (const [name, list] of gvks) {
    const sorted = list.slice().sort((a, b) => byCodeUnit(gvkKey(a), gvkKey(b)));
    definitions[name] = { ...definitions[name], extensions: { ...definitions[name].extensions, [extension.gvk]: sorted.map(gvkValue) } };
  }
  const conflicts = [...collector.claims].filter(([, claimants]) => claimants.size > 1).map(([name]) => name);
  return { kinds: entries, definitions: sortedRecord(definitions), conflicts: conflicts.sort() };
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}\u0000${gvk.version}\u0000${gvk.kind}`;
}

/** Group versions served, core v1 always among them (kube serves meta types there). */
function servedGroupVersions(kinds: readonly KindDefinition[]): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>([["/v1", { group: "", version: "v1" }]]);
  for (const def of kinds) seen.set(`${def.group}/${def.version}`, { group: def.group, version: def.version });
  return [...seen.values()];
}

/** A kind's own fields, with kube's envelope: apiVersion, kind and metadata as every kind has them. */
function kindBody(collector: SchemaCollector, def: KindDefinition): Schema {
  const { properties, required, loose } = collector.objectParts(def.schema);
  const body: Record<string, Schema> = {
    ...properties,
    apiVersion: described(properties.apiVersion, typeMetaProperties.apiVersion),
    kind: described(properties.kind, typeMetaProperties.kind),
    metadata: objectMetaProperty,
  };
  const out: Schema = { type: "object" };
  const stillRequired = required.filter((key) => !["apiVersion", "kind", "metadata"].includes(key));
  if (stillRequired.length) out.required = stillRequired;
  out.properties = sortedRecord(body);
  if (loose) out.loose = true;
  return out;
}

function described(field: Schema | undefined, fallback: Schema): Schema {
  if (!field || field.ref || field.type !== "string") return fallback;
  return field.description ? field : { ...field, description: fallback.description };
}

function listBody(entry: KindEntry): Schema {
  return {
    description: `A list of ${entry.def.kind} objects.`,
    type: "object",
    required: ["items"],
    properties: {
      apiVersion: typeMetaProperties.apiVersion,
      items: { description: `The ${entry.def.kind} objects.`, type: "array", items: { ref: entry.name } },
      kind: typeMetaProperties.kind,
      metadata: listMetaProperty,
    },
  };
}
