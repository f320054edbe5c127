// Every kind served right now: the built-in catalog and the versions of the CustomResourceDefinitions that are
// Established. Kept per isolate in a ResourceCache (src/storage/resource-cache.ts): built from D1's CRD rows, re-checked by a fingerprint of
// those rows at most once a second, and at once after a CRD write through this isolate or when a request
// carries another revision (the Worker sends its revision to the shards, so a shard never serves an older
// catalog than the Worker that routed the request).

import { findKind, groupVersions as builtinGroupVersions, kinds as builtinKinds, findKindByStorageKey } from "../resources/catalog.ts";
import { storageKey, type KindDefinition } from "../resources/definition.ts";
import { ResourceCache } from "../storage/resource-cache.ts";
import { conditionTrue, crdStorageKey, type CustomResourceDefinition } from "./crd-types.ts";
import { customKind } from "./custom-kind.ts";


export interface KindCatalog {
  /** The fingerprint of the CRD rows it was built from. */
  readonly revision: string;
  /** Built-in kinds first, then custom ones by group, in the order discovery lists them. */
  readonly kinds: readonly KindDefinition[];
  find(group: string, version: string, plural: string): KindDefinition | undefined;
  /** The kind whose objects are stored under this key (a custom resource's storage version). */
  byStorageKey(key: string): KindDefinition | undefined;
  /** The CRD a custom kind comes from. */
  definitionOf(def: KindDefinition): CustomResourceDefinition | undefined;
}

export function buildCatalog(revision: string, crds: readonly CustomResourceDefinition[]): KindCatalog {
  const custom: KindDefinition[] = [];
  const byResource = new Map<string, KindDefinition>();
  const byKey = new Map<string, KindDefinition>();
  const origin = new Map<KindDefinition, CustomResourceDefinition>();
  for (const crd of crds) {
    if (!conditionTrue(crd, "Established")) continue;
    const terminating = crd.metadata.deletionTimestamp !== undefined;
    // Webhook conversion is not carried out here: such a CRD is served at its storage version only, rather
    // than answering other versions with objects that were never converted.
    const webhook = crd.spec.conversion?.strategy === "Webhook";
    for (const version of crd.spec.versions) {
      if (!version.served && !version.storage) continue;
      if (webhook && !version.storage) continue;
      let def: KindDefinition;
      try {
        def = customKind(crd, version);
      } catch (error) {
        console.error(`customresourcedefinition ${crd.metadata.name}: version ${version.name} cannot be served`, error);
        continue;
      }
      // A terminating CRD's resources can still be read and deleted while they are cleaned up.
      if (terminating) def.verbs = ["delete", "deletecollection", "get", "list", "patch", "update", "watch"];
      origin.set(def, crd);
      if (version.storage) byKey.set(storageKey(def), def);
      if (!version.served) continue;
      const key = `${def.group}/${def.version}/${def.plural}`;
      if (findKind(def.group, def.version, def.plural) || byResource.has(key)) continue;
      byResource.set(key, def);
      custom.push(def);
    }
  }
  return {
    revision,
    kinds: [...builtinKinds, ...custom],
    find: (group, version, plural) => findKind(group, version, plural) ?? byResource.get(`${group}/${version}/${plural}`),
    byStorageKey: (key) => findKindByStorageKey(key) ?? byKey.get(key),
    definitionOf: (def) => origin.get(def),
  };
}

/** Group versions served, core first, in the order discovery lists them. */
export function servedGroupVersions(catalog: KindCatalog): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const gv of builtinGroupVersions()) seen.set(`${gv.group}/${gv.version}`, gv);
  for (const def of catalog.kinds) seen.set(`${def.group}/${def.version}`, { group: def.group, version: def.version });
  return [...seen.values()];
}

let shared: ResourceCache<KindCatalog> | undefined;

/**
 * This isolate's catalog: `current(revision)` never answers one older than a revision a caller saw;
 * `invalidate()` after a CRD write through this isolate.
 */
export function kindCatalog(db: D1Database): ResourceCache<KindCatalog> {
  shared ??= new ResourceCache(db, [crdStorageKey], (objects, fingerprint) => buildCatalog(fingerprint, (objects.get(crdStorageKey) ?? []) as CustomResourceDefinition[]));
  shared.db = db;
  return shared;
}
