import { describe, expect, it } from "vitest";
import { findKind } from "../../resources/catalog.ts";
import { encodeEnvelope } from "./envelope.ts";
import { kindType } from "./kube-object.ts";
import { decodeList, encodeList } from "./list.ts";
import { WireReader } from "./wire.ts";

const configMaps = kindType(findKind("", "v1", "configmaps")!);
const item = (name: string) => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name, namespace: "team-a", uid: `u-${name}`, resourceVersion: "12", creationTimestamp: "2025-03-04T05:06:07Z", labels: { app: "web" } },
  data: { a: "b", empty: "" },
});

describe("lists", () => {
  it("round-trip as {metadata = 1, items = 2} in the envelope", () => {
    const list = { apiVersion: "v1", kind: "ConfigMapList", metadata: { resourceVersion: "40", continue: "tok", remainingItemCount: 3 }, items: [item("a"), item("b")] };
    const bytes = encodeList(list, configMaps);
    expect(decodeList(bytes, configMaps)).toEqual({ ok: true, list });
    const raw = new WireReader(bytes, 4);
    raw.tag();
    raw.sub(); // typeMeta
    expect(raw.tag()).toEqual({ field: 2, wireType: 2 });
    const message = new WireReader(raw.bytes());
    expect([message.tag().field, message.sub() && message.tag().field, message.sub() && message.tag().field]).toEqual([1, 2, 2]);
  });

  it("writes an empty list's ListMeta all the same, and reads it back empty", () => {
    const list = { apiVersion: "v1", kind: "ConfigMapList", metadata: {}, items: [] };
    const bytes = encodeList(list, configMaps);
    expect(decodeList(bytes, configMaps)).toEqual({ ok: true, list });
  });

  it("refuses another list kind, and malformed content, with an error value", () => {
    expect(decodeList(encodeEnvelope({ apiVersion: "v1", kind: "SecretList" }, new Uint8Array(0)), configMaps)).toEqual({ ok: false, error: "expected ConfigMapList, got SecretList" });
    const bytes = encodeList({ items: [item("a")] }, configMaps);
    expect(decodeList(bytes.subarray(0, bytes.length - 5), configMaps).ok).toBe(false);
  });

  it("refuses, when lossless, an item field that has no number", () => {
    expect(() => encodeList({ items: [{ ...item("a"), extra: 1 }] }, configMaps, { lossless: true })).toThrow("items[0].extra: no protobuf field");
  });
});
