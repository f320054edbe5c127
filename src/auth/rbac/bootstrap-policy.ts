// The ClusterRoles and ClusterRoleBindings kube creates at start (bootstrappolicy): cluster-admin, the
// aggregated admin/edit/view with the system:aggregate-to-* roles they gather, system:discovery,
// system:basic-user and system:public-info-viewer. Their rules are facts of Kubernetes.

import type { PolicyRule } from "./policy-rule.ts";

const rbacGroup = "rbac.authorization.k8s.io";
const read = ["get", "list", "watch"];
const write = ["create", "delete", "deletecollection", "patch", "update"];
const readWrite = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

const rule = (verbs: string[], apiGroups: string[], resources: string[]): PolicyRule => ({ verbs, apiGroups, resources });
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });

export interface BootstrapClusterRole {
  name: string;
  labels?: Record<string, string>;
  rules?: PolicyRule[];
  aggregateFrom?: string;
}

const aggregateTo = (role: string) => ({ [`rbac.authorization.k8s.io/aggregate-to-${role}`]: "true" });

export const bootstrapClusterRoles: BootstrapClusterRole[] = [
  { name: "cluster-admin", rules: [rule(["*"], ["*"], ["*"]), urls(["*"], ["*"])] },
  { name: "admin", aggregateFrom: "admin" },
  { name: "edit", labels: aggregateTo("admin"), aggregateFrom: "edit" },
  { name: "view", labels: aggregateTo("edit"), aggregateFrom: "view" },
  {
    name: "system:aggregate-to-admin",
    labels: aggregateTo("admin"),
    rules: [rule(["create"], ["authorization.k8s.io"], ["localsubjectaccessreviews"]), rule(readWrite, [rbacGroup], ["rolebindings", "roles"])],
  },
  {
    name: "system:aggregate-to-edit",
    labels: aggregateTo("edit"),
    rules: [
      rule(read, [""], ["pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy"]),
      rule(["impersonate"], [""], ["serviceaccounts"]),
      rule(write, [""], ["pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"]),
      rule(["create"], [""], ["pods/eviction"]),
      rule(write, [""], ["configmaps", "events", "persistentvolumeclaims", "replicationcontrollers", "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"]),
      rule(["create"], [""], ["serviceaccounts/token"]),
      rule(write, ["apps"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"]),
      rule(write, ["autoscaling"], ["horizontalpodautoscalers"]),
      rule(write, ["batch"], ["cronjobs", "jobs"]),
      rule(write, ["extensions"], ["daemonsets", "deployments", "deployments/rollback", "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale"]),
      rule(write, ["policy"], ["poddisruptionbudgets"]),
      rule(write, ["networking.k8s.io"], ["ingresses", "networkpolicies"]),
      rule(readWrite, ["coordination.k8s.io"], ["leases"]),
    ],
  },
  {
    name: "system:aggregate-to-view",
    labels: aggregateTo("view"),
    rules: [
      rule(read, [""], ["configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status"]),
      rule(read, [""], ["bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"]),
      rule(read, [""], ["namespaces"]),
      rule(read, ["discovery.k8s.io"], ["endpointslices"]),
      rule(read, ["apps"], ["controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"]),
      rule(read, ["autoscaling"], ["horizontalpodautoscalers", "horizontalpodautoscalers/status"]),
      rule(read, ["batch"], ["cronjobs", "cronjobs/status", "jobs", "jobs/status"]),
      rule(read, ["extensions"], ["daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"]),
      rule(read, ["policy"], ["poddisruptionbudgets", "poddisruptionbudgets/status"]),
      rule(read, ["networking.k8s.io"], ["ingresses", "ingresses/status", "networkpolicies"]),
    ],
  },
  {
    name: "system:discovery",
    rules: [urls(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"])],
  },
  {
    name: "system:basic-user",
    rules: [
      rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
      rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"]),
    ],
  },
  { name: "system:public-info-viewer", rules: [urls(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])] },
  { name: "system:auth-delegator", rules: [rule(["create"], ["authentication.k8s.io"], ["tokenreviews"]), rule(["create"], ["authorization.k8s.io"], ["subjectaccessreviews"])] },
  { name: "system:service-account-issuer-discovery", rules: [urls(["get"], ["/.well-known/openid-configuration", "/openid/v1/jwks"])] },
];

export interface BootstrapClusterRoleBinding {
  name: string;
  role: string;
  groups: string[];
}

export const bootstrapClusterRoleBindings: BootstrapClusterRoleBinding[] = [
  { name: "cluster-admin", role: "cluster-admin", groups: ["system:masters"] },
  { name: "system:discovery", role: "system:discovery", groups: ["system:authenticated"] },
  { name: "system:basic-user", role: "system:basic-user", groups: ["system:authenticated"] },
  { name: "system:public-info-viewer", role: "system:public-info-viewer", groups: ["system:authenticated", "system:unauthenticated"] },
  { name: "system:service-account-issuer-discovery", role: "system:service-account-issuer-discovery", groups: ["system:serviceaccounts"] },
];

const bootstrapLabels = { "kubernetes.io/bootstrapping": "rbac-defaults" };
const autoupdate = { "rbac.authorization.kubernetes.io/autoupdate": "true" };

export function clusterRoleObject(role: BootstrapClusterRole): Record<string, unknown> & { metadata: { name: string } } {
  const obj: Record<string, unknown> & { metadata: { name: string } } = {
    apiVersion: `${rbacGroup}/v1`,
    kind: "ClusterRole",
    metadata: { name: role.name, labels: { ...bootstrapLabels, ...role.labels }, annotations: { ...autoupdate } } as { name: string },
  };
  if (role.aggregateFrom) {
    obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: aggregateTo(role.aggregateFrom) }] };
  } else {
    obj.rules = role.rules ?? [];
  }
  return obj;
}

export function clusterRoleBindingObject(binding: BootstrapClusterRoleBinding): Record<string, unknown> & { metadata: { name: string } } {
  return {
    apiVersion: `${rbacGroup}/v1`,
    kind: "ClusterRoleBinding",
    metadata: { name: binding.name, labels: { ...bootstrapLabels }, annotations: { ...autoupdate } } as { name: string },
    roleRef: { apiGroup: rbacGroup, kind: "ClusterRole", name: binding.role },
    subjects: binding.groups.map((name) => ({ apiGroup: rbacGroup, kind: "Group", name })),
  };
}
