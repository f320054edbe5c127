import { describe, expect, it } from "vitest";
import { requestAttributes } from "./request-attributes.ts";

const attrs = (method: string, url: string) => requestAttributes(method, new URL(`https://k${url}`));

describe("requestAttributes", () => {
  it("reads verbs from the method and the path's shape", () => {
    expect(attrs("GET", "/api/v1/namespaces/x/pods")).toMatchObject({ verb: "list", resourceRequest: true, apiGroup: "", resource: "pods", namespace: "x" });
    expect(attrs("GET", "/api/v1/namespaces/x/pods?watch=true")).toMatchObject({ verb: "watch" });
    expect(attrs("GET", "/api/v1/watch/namespaces/x/pods")).toMatchObject({ verb: "watch", resource: "pods", namespace: "x" });
    expect(attrs("GET", "/api/v1/namespaces/x/pods/p")).toMatchObject({ verb: "get", name: "p" });
    expect(attrs("DELETE", "/apis/apps/v1/namespaces/x/deployments")).toMatchObject({ verb: "deletecollection", apiGroup: "apps", resource: "deployments" });
    expect(attrs("PATCH", "/apis/apps/v1/namespaces/x/deployments/d/scale")).toMatchObject({ verb: "patch", name: "d", subresource: "scale" });
    expect(attrs("POST", "/api/v1/pods")).toMatchObject({ verb: "create", namespace: "", resource: "pods" });
  });

  it("scopes a namespace's own object to that namespace", () => {
    expect(attrs("GET", "/api/v1/namespaces/x")).toMatchObject({ verb: "get", resource: "namespaces", name: "x", namespace: "x" });
    expect(attrs("PUT", "/api/v1/namespaces/x/finalize")).toMatchObject({ resource: "namespaces", name: "x", subresource: "finalize" });
  });

  it("takes a list's name from a metadata.name field selector", () => {
    expect(attrs("GET", "/api/v1/namespaces/x/pods?fieldSelector=metadata.name%3Dp&watch=1")).toMatchObject({ verb: "watch", name: "p" });
  });

  it("treats other paths (discovery included) as non-resource requests", () => {
    expect(attrs("GET", "/healthz")).toEqual({ verb: "get", resourceRequest: false, path: "/healthz" });
    expect(attrs("GET", "/api/v1")).toEqual({ verb: "get", resourceRequest: false, path: "/api/v1" });
    expect(attrs("GET", "/apis/apps/v1")).toEqual({ verb: "get", resourceRequest: false, path: "/apis/apps/v1" });
  });
});
