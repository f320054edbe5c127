import { describe, expect, it } from "vitest";
import { decodeObjectMeta } from "./object-meta-decode.ts";

describe("decodeObjectMeta", () => {
  it("writes metadata back as kube does: unknown and empty fields dropped, timestamps normalized", () => {
    expect(
      decodeObjectMeta({
        name: "x",
        namespace: "",
        generation: 0,
        labels: {},
        annotations: { a: null },
        extra: 1,
        creationTimestamp: "2024-01-01T01:00:00.5+01:00",
        ownerReferences: [{ name: "o", controller: true, junk: 1 }],
        managedFields: [{ manager: "m", fieldsV1: { "f:spec": {} } }],
      }),
    ).toEqual({
      meta: {
        name: "x",
        annotations: { a: "" },
        creationTimestamp: "2024-01-01T00:00:00Z",
        ownerReferences: [{ apiVersion: "", kind: "", name: "o", uid: "", controller: true }],
        managedFields: [{ manager: "m", fieldsV1: { "f:spec": {} } }],
      },
      unknown: ["extra", "ownerReferences[0].junk"],
    });
    expect(decodeObjectMeta(null)).toEqual({ meta: {}, unknown: [] });
  });

  it("reports Go's first decode error in key order", () => {
    expect(decodeObjectMeta("x").error).toBe("json: cannot unmarshal string into Go value of type v1.ObjectMeta");
    expect(decodeObjectMeta({ name: 5, labels: "x" }).error).toBe("json: cannot unmarshal string into Go struct field ObjectMeta.labels of type map[string]string");
    expect(decodeObjectMeta({ labels: { a: 1 } }).error).toBe("json: cannot unmarshal number into Go struct field ObjectMeta.labels of type string");
    expect(decodeObjectMeta({ generation: 1.5 }).error).toBe("json: cannot unmarshal number 1.5 into Go struct field ObjectMeta.generation of type int64");
    expect(decodeObjectMeta({ finalizers: "x" }).error).toBe("json: cannot unmarshal string into Go struct field ObjectMeta.finalizers of type []string");
    expect(decodeObjectMeta({ ownerReferences: [{ controller: "yes" }] }).error).toBe(
      "json: cannot unmarshal string into Go struct field OwnerReference.ownerReferences.controller of type bool",
    );
    expect(decodeObjectMeta({ creationTimestamp: 5 }).error).toBe("json: cannot unmarshal number into Go value of type string");
    expect(decodeObjectMeta({ deletionTimestamp: "soon" }).error).toBe(
      `parsing time "soon" as "2006-01-02T15:04:05Z07:00": cannot parse "soon" as "2006"`,
    );
  });
});
