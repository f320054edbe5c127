import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { endpoints, formatEndpoints } from "./endpoints.ts";

const now = new Date("2025-03-01T12:00:00Z");

function parse(body: unknown): KubeObject {
  const result = endpoints.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

const manifest = {
  apiVersion: "v1",
  kind: "Endpoints",
  metadata: { name: "web", namespace: "apps", labels: { app: "web" } },
  subsets: [
    {
      addresses: [
        { ip: "10.244.1.5", nodeName: "node-1", targetRef: { kind: "Pod", namespace: "apps", name: "web-1", uid: "u1" } },
        { ip: "10.244.2.7", hostname: "web-2", nodeName: "node-2" },
      ],
      notReadyAddresses: [{ ip: "10.244.3.9" }],
      ports: [
        { name: "http", port: 8080, protocol: "TCP", appProtocol: "http" },
        { name: "dns", port: 53, protocol: "UDP" },
      ],
    },
  ],
};

const validate = (subsets: unknown[]) => endpoints.validate(parse({ ...manifest, subsets }));

describe("endpoints", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
    expect(endpoints.validate(parse(manifest))).toEqual([]);
  });

  it("defaults port protocols to TCP", () => {
    const obj = parse({ ...manifest, subsets: [{ addresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80 }] }] });
    endpoints.applyDefaults(obj);
    expect(obj.subsets).toEqual([{ addresses: [{ ip: "10.0.0.1" }], ports: [{ port: 80, protocol: "TCP" }] }]);
  });

  it("rejects what kube rejects, at kube's paths", () => {
    expect(validate([{ ports: [{ port: 80, protocol: "TCP" }] }])).toEqual([
      { type: "FieldValueRequired", field: "subsets[0]", detail: "must specify `addresses` or `notReadyAddresses`" },
    ]);
    expect(validate([{ addresses: [{ ip: "127.0.0.1" }, { ip: "nope" }] }]).map((e) => `${e.field}: ${e.detail}`)).toEqual([
      "subsets[0].addresses[0].ip: may not be in the loopback range (127.0.0.0/8, ::1/128)",
      "subsets[0].addresses[1].ip: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)",
      "subsets[0].addresses[1].ip: must be a valid IP address",
    ]);
    const special = [{ ip: "::1" }, { ip: "fe80::1" }, { ip: "224.0.0.5" }, { ip: "0.0.0.0" }, { ip: "010.0.0.1" }, { ip: "::ffff:1.2.3.4" }, { ip: "fd00::10.1.2.3" }];
    expect(validate([{ addresses: special }]).map((e) => `${e.field}: ${e.detail}`)).toEqual([
      "subsets[0].addresses[0].ip: may not be in the loopback range (127.0.0.0/8, ::1/128)",
      "subsets[0].addresses[1].ip: may not be in the link-local range (169.254.0.0/16, fe80::/10)",
      "subsets[0].addresses[2].ip: may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)",
      "subsets[0].addresses[3].ip: may not be unspecified (0.0.0.0)",
      "subsets[0].addresses[4].ip: must not have leading 0s",
      "subsets[0].addresses[5].ip: must not be an IPv4-mapped IPv6 address",
    ]);
    const ports = [{ port: 0, protocol: "TCP" }, { name: "Bad_Name", port: 80, protocol: "ICMP" }];
    expect(validate([{ addresses: [{ ip: "10.0.0.1", hostname: "a.b" }], ports }]).map((e) => `${e.type} ${e.field}`)).toEqual([
      "FieldValueInvalid subsets[0].addresses[0].hostname",
      "FieldValueRequired subsets[0].ports[0].name",
      "FieldValueInvalid subsets[0].ports[0].port",
      "FieldValueInvalid subsets[0].ports[1].name",
      "FieldValueNotSupported subsets[0].ports[1].protocol",
    ]);
  });

  it("formats ENDPOINTS as kube does", () => {
    expect(formatEndpoints(undefined)).toBe("<none>");
    expect(formatEndpoints([{ addresses: [{ ip: "10.0.0.1" }, { ip: "fd00::1" }], ports: [{ port: 80 }] }])).toBe("10.0.0.1:80,[fd00::1]:80");
    expect(formatEndpoints([{ addresses: [{ ip: "10.0.0.1" }, { ip: "10.0.0.2" }] }])).toBe("10.0.0.1,10.0.0.2");
    const four = [{ addresses: ["1", "2", "3", "4"].map((n) => ({ ip: `10.0.0.${n}` })), ports: [{ port: 80 }] }];
    expect(formatEndpoints(four)).toBe("10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...");
  });

  it("prints NAME ENDPOINTS AGE", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-03-01T11:59:00Z";
    expect(endpoints.table.columns.map((c) => c.name)).toEqual(["Name", "Endpoints", "Age"]);
    expect(endpoints.table.cells(obj, { now })).toEqual(["web", "10.244.1.5:8080,10.244.2.7:8080,10.244.1.5:53 + 1 more...", "60s"]);
    expect([endpoints.singular, endpoints.shortNames]).toEqual(["endpoints", ["ep"]]);
  });
});
