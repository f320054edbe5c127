// What the catalog serves, shaped for discovery: groups with their versions in preference order, the kinds
// of one group version in kube's path order, and the subresources a definition implies. Driven only by the
// fields of each KindDefinition; nothing here knows a kind by name.

import { verbsOf, type KindDefinition } from "../../resources/definition.ts";
import type { GroupVersionKind } from "./types.ts";
import { compareVersionPriority } from "../../api/version-priority.ts";

export interface ServedGroup {
  /** "" for the core group. */
  name: string;
  /** Preferred version first. */
  versions: string[];
}

/** Groups in the order their first kind appears in the catalog; versions by kube's priority. */
/**
 * The order kube-apiserver lists its built-in groups in (its group priorities, highest first). Groups not
 * named here (custom resources, later additions) follow, by name.
 */
const builtInGroupOrder = [
  "",
  "apiregistration.k8s.io",
  "apps",
  "events.k8s.io",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "networking.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "storage.k8s.io",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "node.k8s.io",
  "discovery.k8s.io",
  "flowcontrol.apiserver.k8s.io",
  "resource.k8s.io",
];

function groupRank(name: string): number {
  const rank = builtInGroupOrder.indexOf(name);
  return rank < 0 ? builtInGroupOrder.length : rank;
}

export function servedGroups(kinds: readonly KindDefinition[]): ServedGroup[] {
  const byName = new Map<string, Set<string>>();
  for (const def of kinds) {
    let versions = byName.get(def.group);
    if (!versions) byName.set(def.group, (versions = new Set()));
    versions.add(def.version);
  }
  return [...byName]
    .sort(([a], [b]) => groupRank(a) - groupRank(b) || byCodeUnit(a, b))
    .map(([name, versions]) => ({ name, versions: [...versions].sort(compareVersionPriority) }));
}

/** The kinds served at one group version, by plural (kube registers paths in sorted order). */
export function kindsAt(kinds: readonly KindDefinition[], group: string, version: string): KindDefinition[] {
  return kinds.filter((def) => def.group === group && def.version === version).sort((a, b) => byCodeUnit(a.plural, b.plural));
}

/** The verbs a resource lists in discovery: kube sorts them by name. */
export function discoveryVerbs(def: KindDefinition): string[] {
  return [...verbsOf(def)].sort(byCodeUnit);
}

export interface ServedSubresource {
  name: string;
  /** The kind the subresource answers with; group and version "" mean the parent's own. */
  responseKind: GroupVersionKind;
  verbs: string[];
}

const subresourceVerbs = ["get", "patch", "update"];

/**
 * Subresources the definition implies, by name: scale (autoscaling/v1 Scale), status (the kind itself) and
 * its actions (created by POST, e.g. serviceaccounts/token answering authentication.k8s.io/v1 TokenRequest).
 */
export function subresourcesOf(def: KindDefinition): ServedSubresource[] {
  const served: ServedSubresource[] = [];
  if (def.scale) {
    served.push({ name: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: [...subresourceVerbs] });
  }
  if (def.status) {
    served.push({ name: "status", responseKind: { group: "", version: "", kind: def.kind }, verbs: [...subresourceVerbs] });
  }
  for (const [name, action] of Object.entries(def.actions ?? {})) {
    const { group, version, kind } = action.type;
    served.push({ name, responseKind: { group, version, kind }, verbs: ["create"] });
  }
  return served.sort((a, b) => byCodeUnit(a.name, b.name));
}

/** Go's string order for ASCII names (localeCompare would fold case and punctuation). */
function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
