import { describe, expect, it } from "vitest";
import { testKind } from "../discovery/test-kinds.ts";
import { buildDefinitions } from "./definitions.ts";
import { operationIdPart, pathsOf } from "./paths.ts";

const idsOf = (kind: Parameters<typeof testKind>[0]) => {
  const [entry] = buildDefinitions([testKind(kind)]).kinds;
  return Object.fromEntries(pathsOf(entry).map((p) => [p.path, p.operations.map((o) => `${o.method} ${o.operationId} ${o.action}`)]));
};

describe("operation ids", () => {
  it("turns group and version into kube's words", () => {
    expect(operationIdPart("rbac.authorization", true)).toBe("RbacAuthorization");
    expect(operationIdPart("rbac.authorization", false)).toBe("rbacAuthorization");
    expect(operationIdPart("v1beta1", true)).toBe("V1beta1");
    expect(operationIdPart("flowcontrol.apiserver", true)).toBe("FlowcontrolApiserver");
  });
});

describe("paths of a kind", () => {
  it("publishes kube's operations for a namespaced kind with status and scale", () => {
    const scale = { specReplicasPath: ["spec", "replicas"], specReplicas: () => 1, setSpecReplicas: () => {}, statusReplicas: () => 1, selector: () => "" };
    expect(idsOf({ group: "apps", version: "v1", kind: "Deployment", plural: "deployments", status: true, scale })).toEqual({
      "/apis/apps/v1/namespaces/{namespace}/deployments": [
        "get listAppsV1NamespacedDeployment list",
        "post createAppsV1NamespacedDeployment post",
        "delete deleteAppsV1CollectionNamespacedDeployment deletecollection",
      ],
      "/apis/apps/v1/namespaces/{namespace}/deployments/{name}": [
        "get readAppsV1NamespacedDeployment get",
        "put replaceAppsV1NamespacedDeployment put",
        "delete deleteAppsV1NamespacedDeployment delete",
        "patch patchAppsV1NamespacedDeployment patch",
      ],
      "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale": [
        "get readAppsV1NamespacedDeploymentScale get",
        "put replaceAppsV1NamespacedDeploymentScale put",
        "patch patchAppsV1NamespacedDeploymentScale patch",
      ],
      "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/status": [
        "get readAppsV1NamespacedDeploymentStatus get",
        "put replaceAppsV1NamespacedDeploymentStatus put",
        "patch patchAppsV1NamespacedDeploymentStatus patch",
      ],
      "/apis/apps/v1/deployments": ["get listAppsV1DeploymentForAllNamespaces list"],
      "/apis/apps/v1/watch/namespaces/{namespace}/deployments": ["get watchAppsV1NamespacedDeploymentList watchlist"],
      "/apis/apps/v1/watch/namespaces/{namespace}/deployments/{name}": ["get watchAppsV1NamespacedDeployment watch"],
      "/apis/apps/v1/watch/deployments": ["get watchAppsV1DeploymentListForAllNamespaces watchlist"],
    });
  });

  it("publishes only the verbs a kind serves, without a namespace for cluster-scoped kinds", () => {
    expect(idsOf({ group: "", version: "v1", kind: "Namespace", plural: "namespaces", namespaced: false, verbs: ["create", "get", "list", "patch"] })).toEqual({
      "/api/v1/namespaces": ["get listCoreV1Namespace list", "post createCoreV1Namespace post"],
      "/api/v1/namespaces/{name}": ["get readCoreV1Namespace get", "patch patchCoreV1Namespace patch"],
    });
  });

  it("shares path parameters on the path and names fieldValidation on writes", () => {
    const [entry] = buildDefinitions([testKind({ group: "", version: "v1", kind: "ConfigMap", plural: "configmaps" })]).kinds;
    const object = pathsOf(entry).find((p) => p.path === "/api/v1/namespaces/{namespace}/configmaps/{name}")!;
    expect(object.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:name", "path:namespace", "query:pretty"]);
    const names = (method: string) => object.operations.find((o) => o.method === method)!.parameters.map((p) => p.name);
    expect(names("patch")).toEqual(["dryRun", "fieldManager", "fieldValidation", "force"]);
    expect(names("put")).toEqual(["dryRun", "fieldManager", "fieldValidation"]);
    expect(names("delete")).toEqual(["dryRun", "gracePeriodSeconds", "orphanDependents", "propagationPolicy"]);
  });
});
