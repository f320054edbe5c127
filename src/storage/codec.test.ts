import { describe, expect, it } from "vitest";
import type { KubeObject } from "../api/object.ts";
import { decodeStored, encodeStored, storedJsonWithVersion, storedPrefix } from "./codec.ts";

const prefix = storedPrefix("v1", "ConfigMap");

describe("stored objects as text", () => {
  it("splices the resourceVersion into the stored text: the same object decoding gives", () => {
    const obj = { metadata: { name: "a", namespace: "n", resourceVersion: "9", labels: { x: "}" } }, data: { "\"metadata\":{": "{" }, kind: "ConfigMap", apiVersion: "v1" } as KubeObject;
    const stored = encodeStored(obj);
    expect(stored.startsWith(prefix)).toBe(true);
    const text = storedJsonWithVersion(stored, 42, prefix)!;
    expect(JSON.parse(text)).toEqual(decodeStored(stored, 42));
    expect(JSON.parse(text).metadata.resourceVersion).toBe("42");
  });

  it("handles empty metadata, and leaves text of another layout to be decoded", () => {
    const empty = encodeStored({ apiVersion: "v1", kind: "ConfigMap", metadata: {} } as KubeObject);
    expect(JSON.parse(storedJsonWithVersion(empty, 7, prefix)!)).toEqual({ apiVersion: "v1", kind: "ConfigMap", metadata: { resourceVersion: "7" } });
    // Text stored before apiVersion, kind and metadata came first, or of another kind.
    expect(storedJsonWithVersion(JSON.stringify({ metadata: { name: "a" }, apiVersion: "v1", kind: "ConfigMap" }), 7, prefix)).toBeUndefined();
    expect(storedJsonWithVersion(encodeStored({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" } } as KubeObject), 7, prefix)).toBeUndefined();
  });
});
