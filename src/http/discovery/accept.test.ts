import { describe, expect, it } from "vitest";
import { aggregatedContentType, negotiateDiscovery } from "./accept.ts";

const v2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
const v2beta1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";
const plain = { format: "json", aggregated: false };
const aggregated = { format: "json", aggregated: true };

describe("negotiateDiscovery", () => {
  it("answers plain JSON when the client states no preference", () => {
    expect(negotiateDiscovery(undefined, true)).toEqual(plain);
    expect(negotiateDiscovery("", true)).toEqual(plain);
    expect(negotiateDiscovery("*/*", true)).toEqual(plain);
    expect(negotiateDiscovery("application/json", true)).toEqual(plain);
  });

  it("answers aggregated v2 to client-go's header", () => {
    expect(negotiateDiscovery(`${v2},${v2beta1},application/json`, true)).toEqual(aggregated);
    const withProtobuf = `application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,${v2},application/json`;
    expect(negotiateDiscovery(withProtobuf, true)).toEqual(aggregated);
  });

  it("prefers the aggregated form wherever it appears, as kube does", () => {
    expect(negotiateDiscovery(`application/json, ${v2}`, true)).toEqual(aggregated);
  });

  it("does not serve v2beta1 (kube 1.35 locked its removal)", () => {
    expect(negotiateDiscovery(`${v2beta1},application/json`, true)).toEqual(plain);
    expect(negotiateDiscovery(v2beta1, true)).toBeUndefined();
  });

  it("skips clauses with q=0", () => {
    expect(negotiateDiscovery(`${v2};q=0,application/json`, true)).toEqual(plain);
  });

  it("serves the aggregated form only where it exists", () => {
    expect(negotiateDiscovery(v2, false)).toBeUndefined();
    expect(negotiateDiscovery(`${v2},application/json`, false)).toEqual(plain);
  });

  it("serves YAML, in either form", () => {
    expect(negotiateDiscovery("application/yaml", false)).toEqual({ format: "yaml", aggregated: false });
    expect(negotiateDiscovery("application/yaml;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", true)).toEqual({ format: "yaml", aggregated: true });
  });

  it("finds nothing acceptable in other types or other conversions", () => {
    expect(negotiateDiscovery("text/html", true)).toBeUndefined();
    expect(negotiateDiscovery("application/vnd.kubernetes.protobuf", true)).toBeUndefined();
    expect(negotiateDiscovery("application/json;as=Table;v=v1;g=meta.k8s.io", false)).toBeUndefined();
  });

  it("orders by q, then concrete types before wildcards", () => {
    expect(negotiateDiscovery("application/json;q=0.5, application/yaml", false)).toEqual({ format: "yaml", aggregated: false });
    expect(negotiateDiscovery("*/*, application/yaml", false)).toEqual({ format: "yaml", aggregated: false });
  });
});

describe("aggregatedContentType", () => {
  it("names the group, version and kind as kube does", () => {
    expect(aggregatedContentType("json")).toBe(v2);
  });
});
