import { describe, expect, it } from "vitest";
import { failure } from "../status.ts";
import { findKind, kinds } from "../../resources/catalog.ts";
import { apiVersionOf, type KindDefinition } from "../../resources/definition.ts";
import { status as statusSchema } from "../../resources/object-meta-schema.ts";
import { decodeEnvelope, encodeEnvelope } from "./envelope.ts";
import { kubectlBodies } from "./fixtures/kubectl-create.ts";
import { decodeKubeObject, decodeObject, deleteOptionsType, encodeKubeObject, encodeObject, scaleType, type ExpectedType } from "./kube-object.ts";
import { WireType, WireWriter } from "./wire.ts";

const core = (plural: string): KindDefinition => findKind("", "v1", plural)!;
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, "hex"));
const badRequest = (message: string) => ({ ok: false, status: failure(400, "BadRequest", message) });

const managedFields = [
  {
    manager: "kubectl-client-side-apply",
    operation: "Update",
    apiVersion: "v1",
    time: "2025-03-04T05:06:07Z",
    fieldsType: "FieldsV1",
    fieldsV1: { "f:data": { ".": {}, "f:a": {} }, "f:metadata": { "f:labels": { "f:app": {} } } },
  },
];

const metadata = (name: string, namespace?: string) => ({
  name,
  ...(namespace ? { namespace } : {}),
  uid: "6f1c7e0e-3b5a-4c1e-9d62-0c6f1f7d1a11",
  resourceVersion: "4711",
  creationTimestamp: "2025-03-04T05:06:07Z",
  labels: { app: "web", "example.com/tier": "front" },
  annotations: { note: "", "kubectl.kubernetes.io/last-applied-configuration": '{"apiVersion":"v1"}\n' },
  managedFields,
});

const fixtures: { def: KindDefinition; object: Record<string, unknown> }[] = [
  {
    def: core("namespaces"),
    object: {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { ...metadata("team-a"), deletionTimestamp: "2025-03-05T00:00:00Z", deletionGracePeriodSeconds: 0, finalizers: ["example.com/hold"] },
      spec: { finalizers: ["kubernetes"] },
      status: {
        phase: "Terminating",
        conditions: [{ type: "NamespaceContentRemaining", status: "True", lastTransitionTime: "2025-03-05T00:00:01Z", reason: "SomeResourcesRemain", message: "pods: 2" }],
      },
    },
  },
  {
    def: core("configmaps"),
    object: {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: {
        ...metadata("settings", "team-a"),
        generateName: "settings-",
        generation: 3,
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: "0b0c", controller: true, blockOwnerDeletion: false }],
      },
      data: { "app.properties": "mode=production\nlevel=3\n", empty: "", "ünïcode": "✓" },
      binaryData: { "logo.png": "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", zero: "" },
      immutable: false,
    },
  },
  {
    def: core("secrets"),
    object: {
      apiVersion: "v1",
      kind: "Secret",
      metadata: metadata("creds", "team-a"),
      type: "kubernetes.io/basic-auth",
      data: { username: "YWRtaW4=", password: "cEBzcw==" },
      stringData: { extra: "plain" },
      immutable: true,
    },
  },
  {
    def: core("serviceaccounts"),
    object: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: metadata("builder", "team-a"),
      secrets: [{ name: "builder-token" }, { kind: "Secret", namespace: "team-a", name: "other", uid: "u-1", apiVersion: "v1", resourceVersion: "9", fieldPath: "data" }],
      imagePullSecrets: [{ name: "registry" }],
      automountServiceAccountToken: false,
    },
  },
];

describe("kinds through the envelope and back", () => {
  it.each(fixtures.map((f) => [f.object.kind, f] as const))("%s round-trips JSON -> protobuf -> JSON unchanged", (_, { def, object }) => {
    const bytes = encodeKubeObject(object, def);
    expect([...bytes.subarray(0, 4)]).toEqual([0x6b, 0x38, 0x73, 0x00]);
    expect(decodeKubeObject(bytes, def)).toEqual({ ok: true, object });
  });

  const others: [string, ExpectedType, Record<string, unknown>][] = [
    [
      "Status",
      { apiVersion: "v1", kind: "Status", schema: statusSchema },
      {
        apiVersion: "v1",
        kind: "Status",
        metadata: { resourceVersion: "12", continue: "abc", remainingItemCount: 5 },
        status: "Failure",
        message: 'ConfigMap "x" is invalid: data[a b]: Invalid value: "a b": a valid config key must consist of alphanumeric characters',
        reason: "Invalid",
        details: {
          name: "x",
          group: "apps",
          kind: "ConfigMap",
          uid: "u",
          causes: [{ reason: "FieldValueInvalid", message: "Invalid value", field: "data[a b]" }, { reason: "FieldValueRequired" }],
          retryAfterSeconds: 3,
        },
        code: 422,
      },
    ],
    [
      "DeleteOptions",
      deleteOptionsType,
      {
        apiVersion: "v1",
        kind: "DeleteOptions",
        gracePeriodSeconds: 0,
        preconditions: { uid: "6f1c", resourceVersion: "4711" },
        orphanDependents: false,
        propagationPolicy: "Foreground",
        dryRun: ["All"],
        ignoreStoreReadErrorWithClusterBreakingPotential: false,
      },
    ],
    [
      "Scale",
      scaleType,
      { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "web", namespace: "team-a", resourceVersion: "8" }, spec: { replicas: 0 }, status: { replicas: 3, selector: "app=web" } },
    ],
  ];
  it.each(others)("%s round-trips JSON -> protobuf -> JSON unchanged", (_, type, object) => {
    expect(decodeObject(encodeObject(object, type), type)).toEqual({ ok: true, object });
  });

  it("keeps a Status's empty group out, as Go omits empty strings", () => {
    const type: ExpectedType = { apiVersion: "v1", kind: "Status", schema: statusSchema };
    const decoded = decodeObject(encodeObject({ kind: "Status", details: { group: "", name: "x" } }, type), type);
    expect(decoded).toEqual({ ok: true, object: { apiVersion: "v1", kind: "Status", details: { name: "x" } } });
  });

  it("reads a negative gracePeriodSeconds (a ten-byte varint)", () => {
    const object = { apiVersion: "v1", kind: "DeleteOptions", gracePeriodSeconds: -1 };
    expect(decodeObject(encodeObject(object, deleteOptionsType), deleteOptionsType)).toEqual({ ok: true, object });
  });
});

describe("bodies real kubectl 1.35 sent", () => {
  it.each(kubectlBodies.map((b) => [b.command, b] as const))("%s", (_, body) => {
    const bytes = fromHex(body.hex);
    expect(decodeKubeObject(bytes, core(body.plural))).toEqual({ ok: true, object: body.json });
    // The envelope is written exactly as Go writes it.
    const envelope = decodeEnvelope(bytes);
    if (!envelope.ok) throw new Error(envelope.error);
    expect(encodeEnvelope(envelope.envelope, envelope.envelope.raw)).toEqual(bytes);
  });
});

describe("bodies that are not what the URL expects", () => {
  const configMaps = core("configmaps");
  const valid = encodeKubeObject({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" }, data: { a: "b" } }, configMaps);

  it("refuses a body without the k8s magic", () => {
    const expected = badRequest("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    expect(decodeKubeObject(new TextEncoder().encode('{"kind":"ConfigMap"}'), configMaps)).toEqual(expected);
    expect(decodeKubeObject(valid.subarray(0, 3), configMaps)).toEqual(expected);
    expect(decodeKubeObject(Uint8Array.of(0x6b, 0x38, 0x73, 0x01, 0x0a, 0x00), configMaps)).toEqual(expected);
  });

  it("answers a body cut at any length with a 400 Status, unless the cut falls between fields", () => {
    let refused = 0;
    for (let n = 0; n < valid.length; n++) {
      const result = decodeKubeObject(valid.subarray(0, n), configMaps);
      if (result.ok) continue; // protobuf is not self-delimiting: a cut between two fields is a shorter message
      refused++;
      expect(result.status).toMatchObject({ kind: "Status", apiVersion: "v1", code: 400, reason: "BadRequest", status: "Failure" });
    }
    expect(refused).toBeGreaterThan(valid.length - 8);
    expect(decodeKubeObject(valid.subarray(0, valid.length - 1), configMaps).ok).toBe(false);
  });

  it("names the fault of a malformed envelope or message", () => {
    expect(decodeKubeObject(Uint8Array.of(0x6b, 0x38, 0x73, 0x00, 0x0a, 0x05), configMaps)).toEqual(
      badRequest("the protobuf envelope (runtime.Unknown) is malformed: unexpected EOF"),
    );
    const raw = new WireWriter().tag(2, WireType.varint).uint32(1).finish(); // data as a varint
    expect(decodeKubeObject(encodeEnvelope({ apiVersion: "v1", kind: "ConfigMap" }, raw), configMaps)).toEqual(
      badRequest("the body is not a valid protobuf ConfigMap: wrong wireType = 0 for field data"),
    );
  });

  it("refuses another kind or version than the URL's", () => {
    const secret = encodeEnvelope({ apiVersion: "v1", kind: "Secret" }, new Uint8Array(0));
    expect(decodeKubeObject(secret, configMaps)).toEqual(badRequest("the object provided is unrecognized (must be of type ConfigMap): kind Secret does not match the URL"));
    const apps = encodeEnvelope({ apiVersion: "apps/v1", kind: "ConfigMap" }, new Uint8Array(0));
    expect(decodeKubeObject(apps, configMaps)).toEqual(badRequest("the API version in the data (apps/v1) does not match the expected API version (v1)"));
  });

  it("fills a missing kind and apiVersion from the URL, as kube does", () => {
    const bare = encodeEnvelope({ apiVersion: "", kind: "" }, new Uint8Array(0));
    expect(decodeKubeObject(bare, configMaps)).toEqual({ ok: true, object: { apiVersion: "v1", kind: "ConfigMap" } });
  });

  it("accepts DeleteOptions in any group version", () => {
    const body = encodeEnvelope({ apiVersion: "apps/v1", kind: "DeleteOptions" }, new WireWriter().tag(4, WireType.bytes).string("Orphan").finish());
    expect(decodeObject(body, deleteOptionsType)).toEqual({ ok: true, object: { apiVersion: "apps/v1", kind: "DeleteOptions", propagationPolicy: "Orphan" } });
  });

  it("refuses a compressed or foreign envelope content", () => {
    const w = new WireWriter().raw(Uint8Array.of(0x6b, 0x38, 0x73, 0x00));
    w.tag(3, WireType.bytes).string("gzip");
    expect(decodeKubeObject(w.finish(), configMaps)).toEqual(badRequest('unsupported content encoding "gzip" in the protobuf envelope'));
    const t = new WireWriter().raw(Uint8Array.of(0x6b, 0x38, 0x73, 0x00));
    t.tag(4, WireType.bytes).string("application/json");
    expect(decodeKubeObject(t.finish(), configMaps)).toEqual(badRequest('unsupported content type "application/json" in the protobuf envelope'));
  });
});

describe("every served kind", () => {
  it.each(kinds.map((def) => [def.kind, def] as const))("%s has a protobuf layout the codec can read", (_, def) => {
    const typeMeta = { apiVersion: apiVersionOf(def), kind: def.kind };
    const metadataOnly = encodeEnvelope(typeMeta, Uint8Array.of(0x0a, 0x03, 0x0a, 0x01, 0x78)); // metadata = 1 {name = 1 "x"}
    expect(decodeKubeObject(metadataOnly, def)).toEqual({ ok: true, object: { ...typeMeta, metadata: { name: "x" } } });
  });
});
