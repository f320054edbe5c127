import { describe, expect, it } from "vitest";
import { notFound } from "../api/errors.ts";
import { decodeKubeObject, decodeObject, scaleType, statusType } from "../api/protobuf/kube-object.ts";
import { decodeList } from "../api/protobuf/list.ts";
import { kindType } from "../api/protobuf/kube-object.ts";
import { findKind } from "../resources/catalog.ts";
import { protobufMediaType, responseFormat } from "./media-types.ts";
import { respond, respondStatus, type Encoding } from "./respond.ts";

const configMaps = findKind("", "v1", "configmaps")!;
const asProtobuf: Encoding = { format: { type: "protobuf" }, pretty: false };
const asJson: Encoding = { format: { type: "json" }, pretty: false };
const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

const configMap = {
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "a", namespace: "ns", uid: "u-1", resourceVersion: "7", creationTimestamp: "2025-03-04T05:06:07Z", labels: { x: "y" }, annotations: { note: "" } },
  data: { k: "v", empty: "" },
  binaryData: { b: "AAH+/w==" },
};

describe("protobuf answers: encoded, then decoded with the codec, they equal the JSON answer", () => {
  it("an object", async () => {
    const pb = respond(configMap, 200, asProtobuf);
    expect(pb.headers.get("content-type")).toBe(protobufMediaType);
    const json = await respond(configMap, 200, asJson).json();
    expect(decodeKubeObject(await bytesOf(pb), configMaps)).toEqual({ ok: true, object: json });
  });

  it("a list", async () => {
    const list = { kind: "ConfigMapList", apiVersion: "v1", metadata: { resourceVersion: "9" }, items: [configMap, { ...configMap, metadata: { ...configMap.metadata, name: "b" } }] };
    const pb = respond(list, 200, asProtobuf);
    expect(pb.headers.get("content-type")).toBe(protobufMediaType);
    const json = await respond(list, 200, asJson).json();
    expect(decodeList(await bytesOf(pb), kindType(configMaps))).toEqual({ ok: true, list: json });
  });

  it("a Status, with its code and Retry-After", async () => {
    const status = notFound({ group: "", resource: "configmaps" }, "a");
    const pb = respondStatus(status, asProtobuf);
    expect(pb.status).toBe(404);
    expect(pb.headers.get("content-type")).toBe(protobufMediaType);
    const json = await respondStatus(status, asJson).json();
    expect(decodeObject(await bytesOf(pb), statusType)).toEqual({ ok: true, object: json });
    const busy = respondStatus({ ...status, code: 429, details: { retryAfterSeconds: 2 } }, asProtobuf);
    expect(busy.headers.get("retry-after")).toBe("2");
  });

  it("an autoscaling/v1 Scale", async () => {
    const scale = { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "web", namespace: "ns", resourceVersion: "3" }, spec: { replicas: 2 }, status: { replicas: 1, selector: "app=web" } };
    const json = await respond(scale, 200, asJson).json();
    expect(decodeObject(await bytesOf(respond(scale, 200, asProtobuf)), scaleType)).toEqual({ ok: true, object: json });
  });

  it("falls back to JSON for what has no protobuf form, or would lose a field", async () => {
    const table = respond({ apiVersion: "meta.k8s.io/v1", kind: "Table", rows: [] }, 200, asProtobuf);
    expect(table.headers.get("content-type")).toBe("application/json");
    const unknownField = { ...configMap, surprise: { a: 1 } };
    const lossy = respond(unknownField, 200, asProtobuf);
    expect(lossy.headers.get("content-type")).toBe("application/json");
    expect(await lossy.json()).toEqual(unknownField);
  });
});

describe("response negotiation", () => {
  const pb = { type: "protobuf" };
  it.each([
    ["application/vnd.kubernetes.protobuf, */*", pb],
    ["application/vnd.kubernetes.protobuf,application/json", pb],
    ["application/vnd.kubernetes.protobuf;stream=watch", pb],
    ["application/json, application/vnd.kubernetes.protobuf", { type: "json" }],
    ["*/*, application/vnd.kubernetes.protobuf", pb],
    ["application/json;q=0.9, application/vnd.kubernetes.protobuf", pb],
    ["application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io, application/json", { type: "json" }],
    ["application/json;as=Table;v=v1;g=meta.k8s.io,application/vnd.kubernetes.protobuf", { type: "table", version: "v1" }],
    ["application/vnd.kubernetes.protobuf;q=0", undefined],
    ["application/cbor", undefined],
  ])("%s", (accept, expected) => {
    expect(responseFormat(accept, true)).toEqual(expected);
  });
});
