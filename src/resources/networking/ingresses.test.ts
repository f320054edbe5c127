import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { ingresses } from "./ingresses.ts";

const now = new Date("2025-03-01T12:00:00Z");
const parse = (body: unknown) => ingresses.schema.parse(body) as KubeObject;

const manifest = {
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "shop", namespace: "web" },
  spec: {
    ingressClassName: "nginx",
    defaultBackend: { service: { name: "fallback", port: { name: "http" } } },
    tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
    rules: [
      {
        host: "shop.example.com",
        http: {
          paths: [
            { path: "/api", pathType: "Prefix", backend: { service: { name: "api", port: { number: 8080 } } } },
            { path: "/static", pathType: "ImplementationSpecific", backend: { resource: { apiGroup: "k8s.example.com", kind: "Bucket", name: "assets" } } },
          ],
        },
      },
      { host: "*.example.com", http: { paths: [{ path: "/", pathType: "Exact", backend: { service: { name: "www", port: { number: 80 } } } }] } },
    ],
  },
  status: { loadBalancer: { ingress: [{ ip: "203.0.113.10", ports: [{ port: 443, protocol: "TCP" }] }] } },
};

const withPath = (path: object) => ({ ...manifest, status: undefined, spec: { rules: [{ host: "a.example.com", http: { paths: [path] } }] } });

describe("ingresses", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
    expect(ingresses.validate(parse(manifest))).toEqual([]);
  });

  it("starts with an empty load balancer status", () => {
    const obj = parse({ ...manifest, status: undefined });
    ingresses.prepareForCreate(obj);
    expect(obj.status).toEqual({ loadBalancer: {} });
  });

  it("rejects what kube rejects, at kube's paths", () => {
    const backend = { service: { name: "api", port: { number: 80 } } };
    expect(ingresses.validate(parse(withPath({ path: "/", backend })))).toEqual([
      { type: "FieldValueRequired", field: "spec.rules[0].http.paths[0].pathType", detail: "pathType must be specified" },
    ]);
    expect(ingresses.validate(parse(withPath({ path: "api", pathType: "Prefix", backend })))).toEqual([
      { type: "FieldValueInvalid", field: "spec.rules[0].http.paths[0].path", value: "api", detail: "must be an absolute path" },
    ]);
    expect(ingresses.validate(parse(withPath({ path: "/", pathType: "Regex", backend }))).map((e) => [e.type, e.field])).toEqual([
      ["FieldValueNotSupported", "spec.rules[0].http.paths[0].pathType"],
    ]);
    expect(ingresses.validate(parse(withPath({ path: "/", pathType: "Exact", backend: { service: { name: "api" } } })))).toEqual([
      { type: "FieldValueRequired", field: "spec.rules[0].http.paths[0].backend.service.port", detail: "port name or number is required" },
    ]);
    expect(ingresses.validate(parse({ ...manifest, spec: {} })).map((e) => e.field)).toEqual(["spec"]);
  });

  it("prints NAME CLASS HOSTS ADDRESS PORTS AGE", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-03-01T11:59:30Z";
    expect(ingresses.table.columns.map((c) => c.name)).toEqual(["Name", "Class", "Hosts", "Address", "Ports", "Age"]);
    expect(ingresses.table.cells(obj, { now })).toEqual(["shop", "nginx", "shop.example.com,*.example.com", "203.0.113.10", "80, 443", "30s"]);
    const bare = parse({ ...manifest, status: undefined, spec: { rules: [{ http: manifest.spec.rules[1].http }] } });
    expect(ingresses.table.cells(bare, { now }).slice(1, 5)).toEqual(["<none>", "*", "", "80"]);
  });
});
