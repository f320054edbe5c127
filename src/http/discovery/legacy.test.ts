import { describe, expect, it } from "vitest";
import { kinds } from "../../resources/catalog.ts";
import { apiGroup, apiGroupList, apiResourceList, apiVersions } from "./legacy.ts";
import { createOnly, deployments, leasesV1, leasesV1beta1 } from "./test-kinds.ts";

const allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

describe("apiVersions", () => {
  it("names v1 and the address the client used, without an apiVersion", () => {
    expect(apiVersions("k.example:6443")).toEqual({
      kind: "APIVersions",
      versions: ["v1"],
      serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress: "k.example:6443" }],
    });
  });
});

describe("apiResourceList for the catalog", () => {
  it("lists configmaps under v1 as kube does", async () => {
    const list = await apiResourceList(kinds, "", "v1");
    expect(list?.kind).toBe("APIResourceList");
    expect(list?.groupVersion).toBe("v1");
    expect(list && "apiVersion" in list).toBe(false);
    expect(list?.resources.find((r) => r.name === "configmaps")).toEqual({
      name: "configmaps",
      singularName: "configmap",
      namespaced: true,
      kind: "ConfigMap",
      verbs: allVerbs,
      shortNames: ["cm"],
      storageVersionHash: "qFsyl6wFWjQ=",
    });
  });

  it("lists namespaces as cluster-scoped, with kube's hash, and its status subresource", async () => {
    const list = await apiResourceList(kinds, "", "v1");
    const namespaces = list?.resources.find((r) => r.name === "namespaces");
    expect(namespaces).toMatchObject({ namespaced: false, kind: "Namespace", shortNames: ["ns"], storageVersionHash: "Q3oi5N2YM8M=" });
    expect(list?.resources.find((r) => r.name === "namespaces/status")).toEqual({
      name: "namespaces/status",
      singularName: "",
      namespaced: false,
      kind: "Namespace",
      verbs: ["get", "patch", "update"],
    });
  });

  it("lists every catalog kind at its group version, in path order, with sorted verbs", async () => {
    for (const def of kinds) {
      const list = await apiResourceList(kinds, def.group, def.version);
      const names = list?.resources.map((r) => r.name) ?? [];
      expect(names).toEqual([...names].sort());
      const entry = list?.resources.find((r) => r.name === def.plural);
      expect(entry?.kind).toBe(def.kind);
      expect(entry?.verbs).toEqual([...(entry?.verbs ?? [])].sort());
      expect(entry?.storageVersionHash).toMatch(/^[A-Za-z0-9+/]{11}=$/);
    }
  });
});

describe("apiResourceList for a named group", () => {
  it("carries apiVersion v1 and derives scale and status from the definition", async () => {
    const list = await apiResourceList([deployments], "apps", "v1");
    expect(list).toEqual({
      kind: "APIResourceList",
      apiVersion: "v1",
      groupVersion: "apps/v1",
      resources: [
        {
          name: "deployments",
          singularName: "deployment",
          namespaced: true,
          kind: "Deployment",
          verbs: allVerbs,
          shortNames: ["deploy"],
          categories: ["all"],
          storageVersionHash: "8aSe+NMegvE=",
        },
        { name: "deployments/scale", singularName: "", namespaced: true, group: "autoscaling", version: "v1", kind: "Scale", verbs: ["get", "patch", "update"] },
        { name: "deployments/status", singularName: "", namespaced: true, kind: "Deployment", verbs: ["get", "patch", "update"] },
      ],
    });
  });

  it("lists only the verbs a kind serves", async () => {
    const list = await apiResourceList([createOnly], "authentication.k8s.io", "v1");
    expect(list?.resources[0]).toMatchObject({ name: "tokenreviews", namespaced: false, verbs: ["create"] });
  });

  it("knows nothing of a group version no kind is served at", async () => {
    expect(await apiResourceList([deployments], "apps", "v1beta1")).toBeUndefined();
    expect(await apiResourceList(kinds, "", "v2")).toBeUndefined();
  });
});

describe("apiGroupList and apiGroup", () => {
  const served = [...kinds.filter((d) => d.group === ""), deployments, leasesV1beta1, leasesV1];

  it("lists named groups only, preferred version first", () => {
    const list = apiGroupList(served);
    expect(list.kind).toBe("APIGroupList");
    expect(list.apiVersion).toBe("v1");
    expect(list.groups.map((g) => g.name)).toEqual(["apps", "coordination.k8s.io"]);
    expect(list.groups[1]).toEqual({
      name: "coordination.k8s.io",
      versions: [
        { groupVersion: "coordination.k8s.io/v1", version: "v1" },
        { groupVersion: "coordination.k8s.io/v1beta1", version: "v1beta1" },
      ],
      preferredVersion: { groupVersion: "coordination.k8s.io/v1", version: "v1" },
    });
  });

  it("answers for one group, and not for the core group or an unknown one", () => {
    expect(apiGroup(served, "apps")).toEqual({
      kind: "APIGroup",
      apiVersion: "v1",
      name: "apps",
      versions: [{ groupVersion: "apps/v1", version: "v1" }],
      preferredVersion: { groupVersion: "apps/v1", version: "v1" },
    });
    expect(apiGroup(served, "")).toBeUndefined();
    expect(apiGroup(served, "example.com")).toBeUndefined();
  });
});
