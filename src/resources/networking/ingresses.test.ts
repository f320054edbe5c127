import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { decodeEnvelope, encodeEnvelope } from "../../api/protobuf/envelope.ts";
import { decodeKubeObject, encodeKubeObject } from "../../api/protobuf/kube-object.ts";
import { WireType, WireWriter } from "../../api/protobuf/wire.ts";
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

describe("ingresses in protobuf", () => {
  const msg = (build: (w: WireWriter) => void): Uint8Array => {
    const w = new WireWriter();
    build(w);
    return w.finish();
  };
  const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
  const typeMeta = { apiVersion: "networking.k8s.io/v1", kind: "Ingress" };

  const object = {
    ...typeMeta,
    metadata: { name: "shop", namespace: "web" },
    spec: {
      defaultBackend: { resource: { apiGroup: "k8s.example.com", kind: "Bucket", name: "assets" } },
      tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
      rules: [{ host: "shop.example.com", http: { paths: [{ path: "/api", pathType: "Prefix", backend: { service: { name: "api", port: { number: 8080 } } } }] } }],
      ingressClassName: "nginx",
    },
    status: { loadBalancer: { ingress: [{ ip: "203.0.113.10", hostname: "lb.example.com", ports: [{ port: 443, protocol: "TCP", error: "Pending" }] }] } },
  };
  // k8s.io/api networking/v1 generated.proto: IngressSpec {defaultBackend = 1, tls = 2, rules = 3, ingressClassName = 4};
  // IngressBackend {resource = 3 (core/v1 TypedLocalObjectReference {apiGroup = 1, kind = 2, name = 3}), service = 4};
  // IngressServiceBackend {name = 1, port = 2}; ServiceBackendPort {name = 1, number = 2}; IngressTLS {hosts = 1,
  // secretName = 2}; IngressRule {host = 1, IngressRuleValue = 2 (embedded: http = 1)}; HTTPIngressRuleValue
  // {paths = 1}; HTTPIngressPath {path = 1, backend = 2, pathType = 3}; IngressStatus {loadBalancer = 1};
  // IngressLoadBalancerStatus {ingress = 1}; IngressLoadBalancerIngress {ip = 1, hostname = 2, ports = 4};
  // IngressPortStatus {port = 1, protocol = 2, error = 3}.
  const wire = msg((w) => {
    w.tag(1, WireType.bytes).bytes(msg((m) => m.tag(1, WireType.bytes).string("shop").tag(3, WireType.bytes).string("web")));
    const resource = msg((r) => r.tag(1, WireType.bytes).string("k8s.example.com").tag(2, WireType.bytes).string("Bucket").tag(3, WireType.bytes).string("assets"));
    const service = msg((sv) => sv.tag(1, WireType.bytes).string("api").tag(2, WireType.bytes).bytes(msg((p) => p.tag(2, WireType.varint).int32(8080))));
    const path = msg((p) => {
      p.tag(1, WireType.bytes).string("/api");
      p.tag(2, WireType.bytes).bytes(msg((b) => b.tag(4, WireType.bytes).bytes(service)));
      p.tag(3, WireType.bytes).string("Prefix");
    });
    const http = msg((h) => h.tag(1, WireType.bytes).bytes(path));
    const rule = msg((r) => r.tag(1, WireType.bytes).string("shop.example.com").tag(2, WireType.bytes).bytes(msg((v) => v.tag(1, WireType.bytes).bytes(http))));
    const spec = msg((s) => {
      s.tag(1, WireType.bytes).bytes(msg((b) => b.tag(3, WireType.bytes).bytes(resource)));
      s.tag(2, WireType.bytes).bytes(msg((t) => t.tag(1, WireType.bytes).string("shop.example.com").tag(2, WireType.bytes).string("shop-tls")));
      s.tag(3, WireType.bytes).bytes(rule);
      s.tag(4, WireType.bytes).string("nginx");
    });
    const port = msg((p) => p.tag(1, WireType.varint).int32(443).tag(2, WireType.bytes).string("TCP").tag(3, WireType.bytes).string("Pending"));
    const lbIngress = msg((i) => i.tag(1, WireType.bytes).string("203.0.113.10").tag(2, WireType.bytes).string("lb.example.com").tag(4, WireType.bytes).bytes(port));
    const status = msg((st) => st.tag(1, WireType.bytes).bytes(msg((lb) => lb.tag(1, WireType.bytes).bytes(lbIngress))));
    w.tag(2, WireType.bytes).bytes(spec).tag(3, WireType.bytes).bytes(status);
  });

  it("writes kube's field numbers and wire types", () => {
    const envelope = decodeEnvelope(encodeKubeObject(object, ingresses));
    if (!envelope.ok) throw new Error(envelope.error);
    expect(hex(envelope.envelope.raw)).toBe(hex(wire));
  });

  it("reads what client-go writes, and leaves out the port number Go writes as 0 beside a name", () => {
    expect(decodeKubeObject(encodeEnvelope(typeMeta, wire), ingresses)).toEqual({ ok: true, object });
    // ServiceBackendPort.number is a plain omitempty int32: client-go writes {name = 1 "http", number = 2 0}.
    const byName = msg((w) => {
      const service = msg((sv) => sv.tag(1, WireType.bytes).string("web").tag(2, WireType.bytes).bytes(msg((p) => p.tag(1, WireType.bytes).string("http").tag(2, WireType.varint).int32(0))));
      w.tag(2, WireType.bytes).bytes(msg((s) => s.tag(1, WireType.bytes).bytes(msg((b) => b.tag(4, WireType.bytes).bytes(service)))));
    });
    expect(decodeKubeObject(encodeEnvelope(typeMeta, byName), ingresses)).toEqual({
      ok: true,
      object: { ...typeMeta, spec: { defaultBackend: { service: { name: "web", port: { name: "http" } } } } },
    });
  });
});
