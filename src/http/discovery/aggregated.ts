// Aggregated discovery (apidiscovery.k8s.io/v2 APIGroupDiscoveryList), built from the catalog: GET /api
// lists the core group, GET /apis every other group, each with all its versions and resources in one
// document. As kube does for built-in kinds, a resource's responseKind leaves group and version empty
// (meaning "this group version"); only a subresource answering with another group's kind (autoscaling/v1
// Scale) names them. Custom resources name their group and version, as kube's CRD discovery does.

import type { KindDefinition } from "../../resources/definition.ts";
import { discoveryVerbs, kindsAt, servedGroups, subresourcesOf, type ServedGroup } from "./served.ts";
import type { APIGroupDiscovery, APIGroupDiscoveryList, APIResourceDiscovery, APIVersionDiscovery } from "./types.ts";

/** The two documents: "core" is served at /api, "groups" at /apis. */
export type DiscoveryRoot = "core" | "groups";

export function aggregatedDiscovery(kinds: readonly KindDefinition[], root: DiscoveryRoot): APIGroupDiscoveryList {
  const groups = servedGroups(kinds).filter((g) => (root === "core") === (g.name === ""));
  return {
    kind: "APIGroupDiscoveryList",
    apiVersion: "apidiscovery.k8s.io/v2",
    metadata: {},
    items: groups.map((group) => groupDiscovery(kinds, group)),
  };
}

function groupDiscovery(kinds: readonly KindDefinition[], group: ServedGroup): APIGroupDiscovery {
  const versions: APIVersionDiscovery[] = group.versions.map((version) => ({
    version,
    resources: kindsAt(kinds, group.name, version).map(resourceDiscovery),
    freshness: "Current",
  }));
  return { metadata: group.name ? { name: group.name } : {}, versions };
}

function resourceDiscovery(def: KindDefinition): APIResourceDiscovery {
  const entry: APIResourceDiscovery = {
    resource: def.plural,
    responseKind: def.unstructured ? { group: def.group, version: def.version, kind: def.kind } : { group: "", version: "", kind: def.kind },
    scope: def.namespaced ? "Namespaced" : "Cluster",
    singularResource: def.singular,
    verbs: discoveryVerbs(def),
  };
  if (def.shortNames?.length) entry.shortNames = [...def.shortNames];
  if (def.categories?.length) entry.categories = [...def.categories];
  const subresources = subresourcesOf(def);
  if (subresources.length > 0) {
    entry.subresources = subresources.map((sub) => ({ subresource: sub.name, responseKind: sub.responseKind, verbs: sub.verbs }));
  }
  return entry;
}
