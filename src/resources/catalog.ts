// Every kind this server serves, and lookups by the names clients use. Adding a kind is one line here.

import { storageKey, type KindDefinition } from "./definition.ts";
import { customResourceDefinitions } from "./apiextensions/customresourcedefinitions.ts";
import { daemonSets } from "./apps/daemonsets.ts";
import { deployments } from "./apps/deployments.ts";
import { replicaSets } from "./apps/replicasets.ts";
import { statefulSets } from "./apps/statefulsets.ts";
import { localSubjectAccessReviews } from "./authorization/localsubjectaccessreviews.ts";
import { selfSubjectAccessReviews } from "./authorization/selfsubjectaccessreviews.ts";
import { selfSubjectRulesReviews } from "./authorization/selfsubjectrulesreviews.ts";
import { subjectAccessReviews } from "./authorization/subjectaccessreviews.ts";
import { cronJobs } from "./batch/cronjobs.ts";
import { jobs } from "./batch/jobs.ts";
import { selfSubjectReviews } from "./authentication/selfsubjectreviews.ts";
import { tokenReviews } from "./authentication/tokenreviews.ts";
import { leases } from "./coordination/leases.ts";
import { ingresses } from "./networking/ingresses.ts";
import { podDisruptionBudgets } from "./policy/poddisruptionbudgets.ts";
import { priorityClasses } from "./scheduling/priorityclasses.ts";
import { clusterRoleBindings } from "./rbac/clusterrolebindings.ts";
import { clusterRoles } from "./rbac/clusterroles.ts";
import { roleBindings } from "./rbac/rolebindings.ts";
import { roles } from "./rbac/roles.ts";
import { configMaps } from "./core/configmaps.ts";
import { endpoints } from "./core/endpoints.ts";
import { events } from "./core/events.ts";
import { namespaces } from "./core/namespaces.ts";
import { nodes } from "./core/nodes.ts";
import { persistentVolumeClaims } from "./core/persistentvolumeclaims.ts";
import { persistentVolumes } from "./core/persistentvolumes.ts";
import { pods } from "./core/pods.ts";
import { replicationControllers } from "./core/replicationcontrollers.ts";
import { resourceQuotas } from "./core/resourcequotas.ts";
import { secrets } from "./core/secrets.ts";
import { serviceAccounts } from "./core/serviceaccounts.ts";
import { services } from "./core/services.ts";

export const kinds: readonly KindDefinition[] = [
  namespaces,
  configMaps,
  secrets,
  services,
  serviceAccounts,
  events,
  endpoints,
  nodes,
  pods,
  resourceQuotas,
  persistentVolumeClaims,
  persistentVolumes,
  replicationControllers,
  deployments,
  replicaSets,
  statefulSets,
  daemonSets,
  jobs,
  cronJobs,
  leases,
  ingresses,
  podDisruptionBudgets,
  priorityClasses,
  customResourceDefinitions,
  selfSubjectAccessReviews,
  selfSubjectRulesReviews,
  subjectAccessReviews,
  localSubjectAccessReviews,
  clusterRoles,
  clusterRoleBindings,
  roles,
  roleBindings,
  tokenReviews,
  selfSubjectReviews,
];

const byResource = new Map<string, KindDefinition>();
for (const def of kinds) byResource.set(`${def.group}/${def.version}/${def.plural}`, def);

/** The kind served at /apis/{group}/{version}/{plural} (group "" for /api/v1). */
export function findKind(group: string, version: string, plural: string): KindDefinition | undefined {
  return byResource.get(`${group}/${version}/${plural}`);
}

/** Group versions served, in the order discovery lists them (core first). */
export function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const def of kinds) seen.set(`${def.group}/${def.version}`, { group: def.group, version: def.version });
  return [...seen.values()];
}

const byStorageKey = new Map<string, KindDefinition>();
for (const def of kinds) byStorageKey.set(storageKey(def), def);

/** The kind whose objects are stored under this key. */
export function findKindByStorageKey(key: string): KindDefinition | undefined {
  return byStorageKey.get(key);
}
