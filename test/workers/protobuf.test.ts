// Protobuf request bodies (Content-Type: application/vnd.kubernetes.protobuf), as kubectl and client-go send
// them, through the Worker: decoded with the URL's kind, answered in JSON.
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { encodeEnvelope } from "../../src/api/protobuf/envelope.ts";
import { kubectlBodies } from "../../src/api/protobuf/fixtures/kubectl-create.ts";
import { deleteOptionsType, encodeKubeObject, encodeObject } from "../../src/api/protobuf/kube-object.ts";
import { findKind } from "../../src/resources/catalog.ts";
import { adminToken, api, freshNamespace } from "./support/api.ts";

const protobuf = "application/vnd.kubernetes.protobuf";
const configMaps = findKind("", "v1", "configmaps")!;

async function send(method: string, path: string, body: Uint8Array, contentType = protobuf) {
  const res = await exports.default.fetch(
    new Request(`https://kube.test${path}`, {
      method,
      body,
      // Answers in protobuf have their own suite (protobuf-answers.test.ts); these read them as JSON.
      headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": contentType, Accept: "application/json" },
    }),
  );
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get("content-type"), body: JSON.parse(text) };
}

const badRequest = (message: string) => ({ kind: "Status", apiVersion: "v1", metadata: {}, status: "Failure", message, reason: "BadRequest", code: 400 });

describe("protobuf request bodies", () => {
  it("creates a ConfigMap from protobuf and reads it back as JSON", async () => {
    const ns = await freshNamespace();
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "pb", labels: { app: "x" } }, data: { a: "b", empty: "" }, binaryData: { bin: "AAH+/w==" } };
    const created = await send("POST", `/api/v1/namespaces/${ns}/configmaps`, encodeKubeObject(object, configMaps));
    expect(created.status).toBe(201);
    expect(created.contentType).toBe("application/json");
    const got = await api("GET", `/api/v1/namespaces/${ns}/configmaps/pb`);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);
    expect(got.body).toMatchObject({ ...object, metadata: { ...object.metadata, namespace: ns } });
  });

  it("creates what kubectl 1.35 sent for `kubectl create configmap|secret|serviceaccount`", async () => {
    for (const captured of kubectlBodies.filter((b) => b.plural !== "namespaces")) {
      // kubectl's bytes name their namespace; swap in a fresh namespace of the same length, so that every
      // length prefix stays as kubectl wrote it.
      const json = captured.json as { metadata: { namespace: string; name: string } };
      const original = json.metadata.namespace;
      const ns = `p${crypto.randomUUID().replaceAll("-", "").slice(0, original.length - 1)}`;
      expect((await api("POST", "/api/v1/namespaces", { metadata: { name: ns } })).status).toBe(201);
      const hex = captured.hex.replaceAll(Buffer.from(original).toString("hex"), Buffer.from(ns).toString("hex"));
      const res = await send("POST", `/api/v1/namespaces/${ns}/${captured.plural}?fieldManager=kubectl-create`, new Uint8Array(Buffer.from(hex, "hex")));
      expect(res.status).toBe(201);
      const expected = { ...captured.json, metadata: { ...json.metadata, namespace: ns } };
      expect(res.body).toMatchObject(expected);
      expect((await api("GET", `/api/v1/namespaces/${ns}/${captured.plural}/${json.metadata.name}`)).body).toEqual(res.body);
    }
  });

  it("refuses garbage with 400 and stores nothing", async () => {
    const ns = await freshNamespace();
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const garbage = await send("POST", path, new TextEncoder().encode("not protobuf at all"));
    expect(garbage.status).toBe(400);
    expect(garbage.body).toEqual(badRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]"));
    const valid = encodeKubeObject({ metadata: { name: "cut" }, data: { a: "b" } }, configMaps);
    const cut = await send("POST", path, valid.subarray(0, valid.length - 3));
    expect(cut.status).toBe(400);
    expect(cut.body.reason).toBe("BadRequest");
    const list = await api("GET", path);
    expect(list.body.items).toEqual([]);
  });

  it("refuses a body of another kind than the URL's", async () => {
    const ns = await freshNamespace();
    const secret = encodeEnvelope({ apiVersion: "v1", kind: "Secret" }, new Uint8Array(0));
    const res = await send("POST", `/api/v1/namespaces/${ns}/configmaps`, secret);
    expect(res.body).toEqual(badRequest("the object provided is unrecognized (must be of type ConfigMap): kind Secret does not match the URL"));
  });

  it("creates a Namespace, updates a ConfigMap, and deletes with protobuf DeleteOptions", async () => {
    const name = `pb-ns-${Date.now().toString(36)}`;
    const namespaces = findKind("", "v1", "namespaces")!;
    const ns = await send("POST", "/api/v1/namespaces", encodeKubeObject({ metadata: { name }, spec: {}, status: {} }, namespaces));
    expect(ns.status).toBe(201);
    expect(ns.body).toMatchObject({ metadata: { name }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } });

    const path = `/api/v1/namespaces/${name}/configmaps`;
    const created = (await send("POST", path, encodeKubeObject({ metadata: { name: "c" }, data: { v: "1" } }, configMaps))).body;
    const updated = await send("PUT", `${path}/c`, encodeKubeObject({ ...created, data: { v: "2" } }, configMaps));
    expect(updated.status).toBe(200);
    expect(updated.body.data).toEqual({ v: "2" });

    const wrongUid = encodeObject({ kind: "DeleteOptions", apiVersion: "v1", preconditions: { uid: "not-the-uid" } }, deleteOptionsType);
    const refused = await send("DELETE", `${path}/c`, wrongUid);
    expect(refused.status).toBe(409);
    expect(refused.body.reason).toBe("Conflict");
    const options = encodeObject({ kind: "DeleteOptions", apiVersion: "v1", preconditions: { uid: created.metadata.uid }, gracePeriodSeconds: 0 }, deleteOptionsType);
    const deleted = await send("DELETE", `${path}/c`, options);
    expect(deleted.status).toBe(200);
    expect((await api("GET", `${path}/c`)).status).toBe(404);
  });

  it("still answers 415 for a body type it does not read", async () => {
    const ns = await freshNamespace();
    const res = await send("POST", `/api/v1/namespaces/${ns}/configmaps`, new Uint8Array([1, 2, 3]), "application/cbor");
    expect(res.status).toBe(415);
    expect(res.body.reason).toBe("UnsupportedMediaType");
  });
});
