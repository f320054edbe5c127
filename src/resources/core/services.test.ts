import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { decodeKubeObject, encodeKubeObject } from "../../api/protobuf/kube-object.ts";
import { services } from "./services.ts";

const now = new Date("2025-03-01T12:00:00Z");
const ctx = { now, user: { name: "admin", groups: [] } };

function parse(body: unknown): KubeObject {
  const result = services.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

/** A service as it is created: parsed, defaulted, prepared (the generic create flow, minus metadata). */
function created(spec: Record<string, unknown>, uid = "7f0c1a52-7d7e-4a8e-9d1c-2f3b4c5d6e7f"): KubeObject {
  const obj = parse({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "apps", uid }, spec });
  services.applyDefaults(obj);
  services.prepareForCreate(obj, ctx);
  return obj;
}

function updated(old: KubeObject, spec: Record<string, unknown>): KubeObject {
  const obj = parse({ ...structuredClone(old), spec });
  obj.status = structuredClone(old.status);
  services.applyDefaults(obj);
  services.prepareForUpdate(obj, old, ctx);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, unknown> & { ports: Record<string, unknown>[] };
const problems = (obj: KubeObject) => services.validate(obj).map((e) => `${e.type} ${e.field}`);

describe("services", () => {
  it("keeps every field of a real manifest", () => {
    const manifest = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "ingress", namespace: "infra", annotations: { "metallb.io/address-pool": "public" } },
      spec: {
        type: "LoadBalancer",
        selector: { app: "ingress" },
        ports: [{ name: "http", protocol: "TCP", appProtocol: "http", port: 80, targetPort: "http", nodePort: 31080 }],
        clusterIP: "10.96.12.34",
        clusterIPs: ["10.96.12.34"],
        ipFamilies: ["IPv4"],
        ipFamilyPolicy: "SingleStack",
        externalIPs: ["203.0.113.10"],
        sessionAffinity: "ClientIP",
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 600 } },
        loadBalancerIP: "203.0.113.5",
        loadBalancerSourceRanges: ["198.51.100.0/24"],
        loadBalancerClass: "example.com/lb",
        externalTrafficPolicy: "Local",
        healthCheckNodePort: 32000,
        publishNotReadyAddresses: true,
        allocateLoadBalancerNodePorts: true,
        internalTrafficPolicy: "Local",
        trafficDistribution: "PreferClose",
      },
      status: { loadBalancer: { ingress: [{ ip: "203.0.113.5", ipMode: "VIP", ports: [{ port: 80, protocol: "TCP" }] }] } },
    };
    expect(parse(manifest)).toEqual(manifest);
    expect(services.validate(parse(manifest))).toEqual([]);
  });

  it("keeps a load balancer's port states, over protobuf too", () => {
    const svc = services.schema.parse({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "lb" },
      spec: { type: "LoadBalancer", ports: [{ port: 80 }] },
      status: { loadBalancer: { ingress: [{ ip: "203.0.113.7", ipMode: "VIP", ports: [{ port: 80, protocol: "TCP" }, { port: 81, protocol: "UDP", error: "PortUnreachable" }] }] } },
    }) as KubeObject;
    expect((svc.status as { loadBalancer: { ingress: { ports: unknown[] }[] } }).loadBalancer.ingress[0].ports).toHaveLength(2);
    expect(decodeKubeObject(encodeKubeObject(svc, services), services)).toEqual({ ok: true, object: svc });
  });

  it("applies kube's defaults and allocates a cluster IP", () => {
    const obj = created({ selector: { app: "web" }, ports: [{ port: 80 }] });
    expect(obj.spec).toEqual({
      selector: { app: "web" },
      ports: [{ port: 80, protocol: "TCP", targetPort: 80 }],
      type: "ClusterIP",
      sessionAffinity: "None",
      internalTrafficPolicy: "Cluster",
      clusterIP: spec(obj).clusterIP,
      clusterIPs: [spec(obj).clusterIP],
      ipFamilies: ["IPv4"],
      ipFamilyPolicy: "SingleStack",
    });
    expect(obj.status).toEqual({ loadBalancer: {} });
    expect(spec(obj).clusterIP).toMatch(/^10\.(9[6-9]|10[0-9]|11[01])\.\d+\.\d+$/);
    expect(spec(obj).clusterIP).not.toMatch(/^10\.96\.0\./);
    // The same object always draws the same address; another object draws another.
    expect(spec(created({ ports: [{ port: 80 }] })).clusterIP).toBe(spec(obj).clusterIP);
    expect(spec(created({ ports: [{ port: 80 }] }, "another-uid")).clusterIP).not.toBe(spec(obj).clusterIP);
    expect(problems(obj)).toEqual([]);
  });

  it("keeps headless services headless and gives selectorless ones both families", () => {
    const headless = created({ clusterIP: "None", selector: { app: "db" }, ports: [{ port: 5432 }] });
    expect(spec(headless)).toMatchObject({ clusterIP: "None", clusterIPs: ["None"], ipFamilies: ["IPv4"], ipFamilyPolicy: "SingleStack" });
    const bare = created({ clusterIP: "None" });
    expect(spec(bare)).toMatchObject({ clusterIPs: ["None"], ipFamilies: ["IPv4", "IPv6"], ipFamilyPolicy: "RequireDualStack" });
    expect(problems(bare)).toEqual([]);
  });

  it("allocates node ports in 30000-32767, shared by ports with the same number", () => {
    const obj = created({ type: "NodePort", ports: [{ name: "dns", port: 53, protocol: "UDP" }, { name: "dns-tcp", port: 53 }, { name: "web", port: 80, nodePort: 30080 }] });
    const [udp, tcp, web] = spec(obj).ports;
    expect(udp.nodePort).toBeGreaterThanOrEqual(30000);
    expect(udp.nodePort).toBeLessThanOrEqual(32767);
    expect(tcp.nodePort).toBe(udp.nodePort);
    expect(web.nodePort).toBe(30080);
    expect(spec(obj).externalTrafficPolicy).toBe("Cluster");
    const lb = created({ type: "LoadBalancer", externalTrafficPolicy: "Local", ports: [{ port: 443 }] });
    expect(spec(lb)).toMatchObject({ allocateLoadBalancerNodePorts: true });
    expect(spec(lb).healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    expect(problems(lb)).toEqual([]);
  });

  it("rejects what kube rejects, at kube's paths", () => {
    expect(problems(created({ ports: [] }))).toEqual(["FieldValueRequired spec.ports"]);
    expect(problems(created({ ports: [{ port: 80 }, { port: 81 }] }))).toEqual(["FieldValueRequired spec.ports[0].name", "FieldValueRequired spec.ports[1].name"]);
    expect(problems(created({ ports: [{ name: "a", port: 0 }, { name: "a", port: 70000, protocol: "ICMP" }] }))).toEqual([
      "FieldValueInvalid spec.ports[0].port",
      "FieldValueInvalid spec.ports[0].targetPort",
      "FieldValueDuplicate spec.ports[1].name",
      "FieldValueInvalid spec.ports[1].port",
      "FieldValueNotSupported spec.ports[1].protocol",
      "FieldValueInvalid spec.ports[1].targetPort",
    ]);
    const dup = services.validate(created({ ports: [{ name: "a", port: 80 }, { name: "b", port: 80, targetPort: 8080 }] }));
    expect(dup).toEqual([{ type: "FieldValueDuplicate", field: "spec.ports[1]", value: { Name: "", Protocol: "TCP", AppProtocol: null, Port: 80, TargetPort: 0, NodePort: 0 } }]);
    expect(problems(created({ type: "ExternalName" }))).toEqual(["FieldValueRequired spec.externalName"]);
    expect(problems(created({ type: "ExternalName", externalName: "db.example.com." }))).toEqual([]);
    expect(problems(created({ type: "NodePort", clusterIP: "None", ports: [{ port: 80 }] }))).toContain("FieldValueInvalid spec.clusterIPs[0]");
    expect(problems(created({ ports: [{ port: 80, nodePort: 30001 }] }))).toEqual(["FieldValueForbidden spec.ports[0].nodePort"]);
    expect(problems(created({ type: "Magic", ports: [{ port: 80 }] }))).toEqual(["FieldValueNotSupported spec.type"]);
  });

  it("refuses addresses and ports this cluster cannot allocate", () => {
    const outside = services.validate(created({ clusterIP: "192.168.0.10", ports: [{ port: 80 }] }));
    expect(outside).toEqual([
      {
        type: "FieldValueInvalid",
        field: "spec.clusterIPs",
        value: ["192.168.0.10"],
        detail: "failed to allocate IP 192.168.0.10: the provided IP (192.168.0.10) is not in the valid range. The range of valid IPs is 10.96.0.0/12",
      },
    ]);
    expect(problems(created({ clusterIP: "10.96.0.10", ports: [{ port: 80 }] }))).toEqual([]);
    expect(problems(created({ ipFamilyPolicy: "RequireDualStack", ports: [{ port: 80 }] }))).toEqual(["FieldValueInvalid spec.ipFamilyPolicy"]);
    expect(services.validate(created({ type: "NodePort", ports: [{ port: 80, nodePort: 80 }] }))[0].detail).toBe(
      "provided port is not in the valid range. The range of valid ports is 30000-32767",
    );
  });

  it("keeps the cluster IP and node ports across updates that omit them", () => {
    const old = created({ type: "NodePort", ports: [{ name: "http", port: 80 }] });
    const next = updated(old, { type: "NodePort", ports: [{ name: "http", port: 80 }], selector: { app: "v2" } });
    expect(spec(next).clusterIP).toBe(spec(old).clusterIP);
    expect(spec(next).ports[0].nodePort).toBe(spec(old).ports[0].nodePort);
    expect(services.validateUpdate(next, old)).toEqual([]);
  });

  it("refuses a changed cluster IP with kube's message", () => {
    const old = created({ ports: [{ port: 80 }] });
    const next = updated(old, { ...spec(old), clusterIP: "10.96.5.5" });
    expect(services.validateUpdate(next, old)).toEqual([
      { type: "FieldValueInvalid", field: "spec.clusterIPs[0]", value: ["10.96.5.5"], detail: "may not change once set" },
    ]);
  });

  it("releases what a type change orphans", () => {
    const old = created({ type: "NodePort", ports: [{ port: 80 }] });
    const toClusterIP = updated(old, { ...spec(old), type: "ClusterIP" });
    expect(spec(toClusterIP).ports[0].nodePort).toBeUndefined();
    expect(spec(toClusterIP).externalTrafficPolicy).toBeUndefined();
    const toExternal = updated(old, { ...spec(old), type: "ExternalName", externalName: "example.com" });
    expect(spec(toExternal).clusterIP).toBeUndefined();
    expect(spec(toExternal).ipFamilies).toBeUndefined();
    expect(problems(toExternal)).toEqual([]);
  });

  it("prints NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR", () => {
    const obj = created({ type: "LoadBalancer", selector: { tier: "web", app: "shop" }, ports: [{ name: "http", port: 80, nodePort: 31080 }, { name: "dns", port: 53, protocol: "UDP" }] });
    obj.metadata.creationTimestamp = "2025-03-01T09:00:00Z";
    obj.status = { loadBalancer: { ingress: [{ ip: "203.0.113.9" }, { hostname: "lb.example.com" }] } };
    expect(services.table.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      "Name:0", "Type:0", "Cluster-IP:0", "External-IP:0", "Port(s):0", "Age:0", "Selector:1",
    ]);
    const cells = services.table.cells(obj, { now });
    expect(cells).toEqual(["web", "LoadBalancer", spec(obj).clusterIP, "203.0.113.9,lb.example.com", `80:31080/TCP,53:${spec(obj).ports[1].nodePort}/UDP`, "3h", "app=shop,tier=web"]);
    const pending = created({ type: "LoadBalancer", ports: [{ port: 80 }] });
    expect(services.table.cells(pending, { now }).slice(3, 4)).toEqual(["<pending>"]);
    const external = created({ type: "ExternalName", externalName: "db.example.com" });
    expect(services.table.cells(external, { now })).toEqual(["web", "ExternalName", "<none>", "db.example.com", "<none>", "<unknown>", "<none>"]);
    expect([services.shortNames, services.categories, services.nameRule]).toEqual([["svc"], ["all"], "dns1035-label"]);
  });
});
