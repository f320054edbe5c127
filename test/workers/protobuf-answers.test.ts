// Answers in protobuf when the client prefers them (client-go's typed clients: `application/vnd.kubernetes.protobuf,
// application/json`): objects, lists, Status errors, Scale, and watch streams in length-prefixed frames. Each
// answer, decoded with the codec, equals the JSON answer to the same request.
import { describe, expect, it } from "vitest";
import { decodeKubeObject, decodeObject, encodeKubeObject, kindType, scaleType, statusType } from "../../src/api/protobuf/kube-object.ts";
import { decodeList } from "../../src/api/protobuf/list.ts";
import { findKind } from "../../src/resources/catalog.ts";
import { api, freshNamespace } from "./support/api.ts";
import { deploymentManifest } from "./support/deployment-manifest.ts";
import { call, protobuf, watchProtobuf } from "./support/protobuf.ts";

const configMaps = findKind("", "v1", "configmaps")!;
const deployments = findKind("apps", "v1", "deployments")!;
const json = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes));
const configMap = (name: string) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, labels: { app: "pb" } }, data: { a: "b", empty: "" }, binaryData: { bin: "AAH+/w==" } });

describe("protobuf answers", () => {
  it("answers a get in protobuf, equal to the JSON answer", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("one"));
    const res = await call("GET", `/api/v1/namespaces/${ns}/configmaps/one`);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe(protobuf);
    expect([...res.bytes.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00]);
    const asJson = await api("GET", `/api/v1/namespaces/${ns}/configmaps/one`);
    expect(decodeKubeObject(res.bytes, configMaps)).toEqual({ ok: true, object: asJson.body });
  });

  it("answers a list as a ConfigMapList message, equal to the JSON answer", async () => {
    const ns = await freshNamespace();
    for (const name of ["l1", "l2", "l3"]) await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap(name));
    const path = `/api/v1/namespaces/${ns}/configmaps?limit=2`;
    const res = await call("GET", path);
    expect(res.contentType).toBe(protobuf);
    const decoded = decodeList(res.bytes, kindType(configMaps));
    const asJson = (await api("GET", path)).body;
    expect(decoded).toEqual({ ok: true, list: { ...asJson, metadata: { ...asJson.metadata, continue: expect.any(String) } } });
    if (!decoded.ok) return;
    expect(decoded.list.items.map((i) => (i.metadata as { name: string }).name)).toEqual(["l1", "l2"]);
    expect(decoded.list.metadata.remainingItemCount).toBe(1);
  });

  it("creates from a protobuf body and answers in protobuf", async () => {
    const ns = await freshNamespace();
    const res = await call("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: encodeKubeObject(configMap("made"), configMaps) });
    expect(res.status).toBe(201);
    expect(res.contentType).toBe(protobuf);
    const created = decodeKubeObject(res.bytes, configMaps);
    expect(created).toEqual({ ok: true, object: (await api("GET", `/api/v1/namespaces/${ns}/configmaps/made`)).body });
  });

  it("answers errors as a protobuf Status, equal to the JSON Status", async () => {
    const ns = await freshNamespace();
    const missing = await call("GET", `/api/v1/namespaces/${ns}/configmaps/nope`);
    expect(missing.status).toBe(404);
    expect(missing.contentType).toBe(protobuf);
    const expected = (await api("GET", `/api/v1/namespaces/${ns}/configmaps/nope`)).body;
    expect(expected.reason).toBe("NotFound");
    expect(decodeObject(missing.bytes, statusType)).toEqual({ ok: true, object: expected });

    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("dup"));
    const conflict = await call("POST", `/api/v1/namespaces/${ns}/configmaps`, { body: encodeKubeObject(configMap("dup"), configMaps) });
    expect(conflict.status).toBe(409);
    expect(decodeObject(conflict.bytes, statusType)).toEqual({
      ok: true,
      object: { apiVersion: "v1", kind: "Status", metadata: {}, status: "Failure", message: 'configmaps "dup" already exists', reason: "AlreadyExists", details: { name: "dup", kind: "configmaps" }, code: 409 },
    });
  });

  it("answers a delete and a deletecollection in protobuf", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("d1"));
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("d2"));
    const one = await call("DELETE", `/api/v1/namespaces/${ns}/configmaps/d1`);
    expect(one.status).toBe(200);
    expect(one.contentType).toBe(protobuf);
    // A delete that completes at once answers a Status of Success, as kube does for ConfigMaps.
    expect(decodeObject(one.bytes, statusType)).toMatchObject({ ok: true, object: { kind: "Status", status: "Success", details: { name: "d1", kind: "configmaps" } } });
    const all = await call("DELETE", `/api/v1/namespaces/${ns}/configmaps`);
    expect(all.contentType).toBe(protobuf);
    const list = decodeList(all.bytes, kindType(configMaps));
    expect(list.ok && list.list.items.map((i) => (i.metadata as { name: string }).name)).toEqual(["d2"]);
  });

  it("answers /scale as an autoscaling/v1 Scale message", async () => {
    const ns = await freshNamespace();
    // Without the explicit zeros of Go's plain omitempty fields (paused, stdin, tty, readOnly): kube would not
    // store them, this server keeps them as a JSON client sent them, and Go's protobuf cannot tell them from unset.
    const manifest = deploymentManifest("web");
    const spec = manifest.spec as { paused?: boolean; template: { spec: { containers: Record<string, unknown>[]; volumes: { persistentVolumeClaim?: { readOnly?: boolean } }[] } } };
    delete spec.paused;
    for (const c of spec.template.spec.containers) for (const key of ["stdin", "tty"]) if (c[key] === false) delete c[key];
    for (const v of spec.template.spec.volumes) if (v.persistentVolumeClaim?.readOnly === false) delete v.persistentVolumeClaim.readOnly;
    expect((await api("POST", `/apis/apps/v1/namespaces/${ns}/deployments`, manifest)).status).toBe(201);
    const res = await call("GET", `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`);
    expect(res.contentType).toBe(protobuf);
    const asJson = (await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments/web/scale`)).body;
    expect(decodeObject(res.bytes, scaleType)).toEqual({ ok: true, object: asJson });
    const deployment = await call("GET", `/apis/apps/v1/namespaces/${ns}/deployments/web`);
    expect(deployment.contentType).toBe(protobuf);
    expect(decodeKubeObject(deployment.bytes, deployments)).toEqual({ ok: true, object: (await api("GET", `/apis/apps/v1/namespaces/${ns}/deployments/web`)).body });
  });

  it("negotiates: JSON when preferred, Table only as JSON, 406 when nothing fits", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("n"));
    const path = `/api/v1/namespaces/${ns}/configmaps/n`;
    const preferJson = await call("GET", path, { accept: `application/json, ${protobuf}` });
    expect(preferJson.contentType).toBe("application/json");
    const weighted = await call("GET", path, { accept: `application/json;q=0.5, ${protobuf}` });
    expect(weighted.contentType).toBe(protobuf);
    const table = await call("GET", path, { accept: `application/json;as=Table;v=v1;g=meta.k8s.io, ${protobuf}` });
    expect(json(table.bytes).kind).toBe("Table");
    const protobufTable = await call("GET", path, { accept: `${protobuf};as=Table;v=v1;g=meta.k8s.io, application/json` });
    expect(protobufTable.contentType).toBe("application/json");
    expect(json(protobufTable.bytes).kind).toBe("ConfigMap");
    const refused = await call("GET", path, { accept: "application/cbor" });
    expect(refused.status).toBe(406);
    expect(json(refused.bytes)).toMatchObject({ kind: "Status", reason: "NotAcceptable", code: 406 });
  });
});

describe("protobuf watch", () => {
  it("streams length-prefixed WatchEvent frames, each object in its k8s envelope", async () => {
    const ns = await freshNamespace();
    await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("before"));
    const list = await api("GET", `/api/v1/namespaces/${ns}/configmaps`);
    const w = await watchProtobuf(`/api/v1/namespaces/${ns}/configmaps?watch=true&resourceVersion=${list.body.metadata.resourceVersion}`);
    expect(w.status).toBe(200);
    expect(w.contentType).toBe(`${protobuf};stream=watch`);
    const a = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("a"))).body;
    const a2 = (await api("PUT", `/api/v1/namespaces/${ns}/configmaps/a`, { ...a, data: { x: "1" } })).body;
    await api("DELETE", `/api/v1/namespaces/${ns}/configmaps/before`);
    const events = await w.next(3);
    expect(events.map((e) => e.type)).toEqual(["ADDED", "MODIFIED", "DELETED"]);
    expect(decodeKubeObject(events[0].object, configMaps)).toEqual({ ok: true, object: a });
    expect(decodeKubeObject(events[1].object, configMaps)).toEqual({ ok: true, object: a2 });
    const gone = decodeKubeObject(events[2].object, configMaps);
    expect(gone.ok && gone.object.metadata).toMatchObject({ name: "before" });
    await w.close();
  });

  it("sends initial events and the initial-events-end bookmark in protobuf", async () => {
    const ns = await freshNamespace();
    const first = (await api("POST", `/api/v1/namespaces/${ns}/configmaps`, configMap("i1"))).body;
    const w = await watchProtobuf(`/api/v1/namespaces/${ns}/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    const [added, bookmark] = await w.next(2);
    expect(added.type).toBe("ADDED");
    expect(decodeKubeObject(added.object, configMaps)).toEqual({ ok: true, object: first });
    expect(bookmark.type).toBe("BOOKMARK");
    const marker = decodeKubeObject(bookmark.object, configMaps);
    expect(marker.ok && marker.object).toEqual({
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { resourceVersion: expect.stringMatching(/^\d+$/), annotations: { "k8s.io/initial-events-end": "true" } },
    });
    await w.close();
  });

  it("sends an expired resourceVersion as an ERROR frame holding a Status", async () => {
    const ns = await freshNamespace();
    const w = await watchProtobuf(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=1`);
    const compacted = await w.next(1, 1500).catch(() => undefined);
    await w.close();
    if (!compacted) return; // nothing compacted in this run: revision 1 is still in the log
    expect(compacted[0].type).toBe("ERROR");
    expect(decodeObject(compacted[0].object, statusType)).toMatchObject({ ok: true, object: { kind: "Status", reason: "Expired", code: 410 } });
  });
});
