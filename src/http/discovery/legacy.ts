// The unaggregated discovery documents (meta/v1), built from the catalog: /api, /apis, /apis/{group},
// /api/v1 and /apis/{group}/{version}. Like kube, the core documents (/api, /api/v1) carry no apiVersion.

import type { KindDefinition } from "../../resources/definition.ts";
import { discoveryVerbs, kindsAt, servedGroups, subresourcesOf, type ServedGroup, type ServedSubresource } from "./served.ts";
import { storageVersionHash } from "./storage-version-hash.ts";
import type { APIGroup, APIGroupList, APIResource, APIResourceList, APIVersions, GroupVersionForDiscovery } from "./types.ts";

/** GET /api: the core group's one version, reachable at the address the client used. */
export function apiVersions(serverAddress: string): APIVersions {
  return { kind: "APIVersions", versions: ["v1"], serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }] };
}

/** GET /apis: every named group (the core group lives at /api). */
export function apiGroupList(kinds: readonly KindDefinition[]): APIGroupList {
  const groups = servedGroups(kinds).filter((g) => g.name !== "").map(groupEntry);
  return { kind: "APIGroupList", apiVersion: "v1", groups };
}

/** GET /apis/{group}; undefined when no kind is served in that group. */
export function apiGroup(kinds: readonly KindDefinition[], name: string): APIGroup | undefined {
  if (name === "") return undefined;
  const group = servedGroups(kinds).find((g) => g.name === name);
  return group && { kind: "APIGroup", apiVersion: "v1", ...groupEntry(group) };
}

/** GET /api/v1 (group "") or /apis/{group}/{version}; undefined when nothing is served there. */
export async function apiResourceList(kinds: readonly KindDefinition[], group: string, version: string): Promise<APIResourceList | undefined> {
  const served = kindsAt(kinds, group, version);
  if (served.length === 0) return undefined;
  const resources: APIResource[] = [];
  for (const def of served) {
    resources.push(await resourceEntry(def));
    for (const sub of subresourcesOf(def)) resources.push(subresourceEntry(def, sub));
  }
  return group === ""
    ? { kind: "APIResourceList", groupVersion: version, resources }
    : { kind: "APIResourceList", apiVersion: "v1", groupVersion: `${group}/${version}`, resources };
}

async function resourceEntry(def: KindDefinition): Promise<APIResource> {
  const entry: APIResource = { name: def.plural, singularName: def.singular, namespaced: def.namespaced, kind: def.kind, verbs: discoveryVerbs(def) };
  if (def.shortNames?.length) entry.shortNames = [...def.shortNames];
  if (def.categories?.length) entry.categories = [...def.categories];
  entry.storageVersionHash = await storageVersionHash(def);
  return entry;
}

/** A subresource names its response kind's group and version only when they differ from the parent's. */
function subresourceEntry(def: KindDefinition, sub: ServedSubresource): APIResource {
  const { group, version, kind } = sub.responseKind;
  const elsewhere = group || version ? { group, version } : {};
  return { name: `${def.plural}/${sub.name}`, singularName: "", namespaced: def.namespaced, ...elsewhere, kind, verbs: sub.verbs };
}

function groupEntry(group: ServedGroup): APIGroup {
  const versions: GroupVersionForDiscovery[] = group.versions.map((version) => ({ groupVersion: `${group.name}/${version}`, version }));
  return { name: group.name, versions, preferredVersion: versions[0] };
}
