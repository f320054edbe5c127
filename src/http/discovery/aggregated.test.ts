import { describe, expect, it } from "vitest";
import { kinds } from "../../resources/catalog.ts";
import { aggregatedDiscovery } from "./aggregated.ts";
import { deployments, leasesV1, leasesV1beta1 } from "./test-kinds.ts";

describe("aggregatedDiscovery", () => {
  it("serves the core group at /api as one unnamed group with v1", () => {
    const list = aggregatedDiscovery(kinds, "core");
    expect(list).toMatchObject({ kind: "APIGroupDiscoveryList", apiVersion: "apidiscovery.k8s.io/v2", metadata: {} });
    expect(list.items).toHaveLength(1);
    expect(list.items[0].metadata).toEqual({});
    expect(list.items[0].versions.map((v) => [v.version, v.freshness])).toEqual([["v1", "Current"]]);
    const configmaps = list.items[0].versions[0].resources?.find((r) => r.resource === "configmaps");
    expect(configmaps).toEqual({
      resource: "configmaps",
      responseKind: { group: "", version: "", kind: "ConfigMap" },
      scope: "Namespaced",
      singularResource: "configmap",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["cm"],
    });
  });

  it("nests status under namespaces and scopes them to the cluster", () => {
    const core = aggregatedDiscovery(kinds, "core").items[0].versions[0].resources ?? [];
    const namespaces = core.find((r) => r.resource === "namespaces");
    expect(namespaces?.scope).toBe("Cluster");
    expect(namespaces?.subresources).toEqual([{ subresource: "status", responseKind: { group: "", version: "", kind: "Namespace" }, verbs: ["get", "patch", "update"] }]);
    expect(core.some((r) => r.resource.includes("/"))).toBe(false);
  });

  it("lists every catalog kind once, at /api for the core group and /apis otherwise", () => {
    const listed = (["core", "groups"] as const).flatMap((root) =>
      aggregatedDiscovery(kinds, root).items.flatMap((g) => g.versions.flatMap((v) => (v.resources ?? []).map((r) => `${g.metadata.name ?? ""}/${v.version}/${r.resource}`))),
    );
    expect(listed.sort()).toEqual(kinds.map((d) => `${d.group}/${d.version}/${d.plural}`).sort());
  });

  it("serves named groups at /apis with scale answering autoscaling/v1 Scale", () => {
    const list = aggregatedDiscovery([...kinds.filter((d) => d.group === ""), deployments, leasesV1beta1, leasesV1], "groups");
    expect(list.items.map((g) => g.metadata.name)).toEqual(["apps", "coordination.k8s.io"]);
    expect(list.items[1].versions.map((v) => v.version)).toEqual(["v1", "v1beta1"]);
    expect(list.items[0].versions[0].resources?.[0]).toEqual({
      resource: "deployments",
      responseKind: { group: "", version: "", kind: "Deployment" },
      scope: "Namespaced",
      singularResource: "deployment",
      verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
      shortNames: ["deploy"],
      categories: ["all"],
      subresources: [
        { subresource: "scale", responseKind: { group: "autoscaling", version: "v1", kind: "Scale" }, verbs: ["get", "patch", "update"] },
        { subresource: "status", responseKind: { group: "", version: "", kind: "Deployment" }, verbs: ["get", "patch", "update"] },
      ],
    });
  });

  it("lists no group at /apis when only the core group is served", () => {
    expect(aggregatedDiscovery(kinds.filter((d) => d.group === ""), "groups").items).toEqual([]);
  });
});
