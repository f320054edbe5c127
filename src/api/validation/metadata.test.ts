import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../field-errors.ts";
import { validateObjectMeta, validateObjectMetaUpdate } from "./metadata.ts";

const namespaced = { namespaced: true, nameRule: "dns1123-subdomain" } as const;
const cluster = { namespaced: false, nameRule: "dns1123-label" } as const;
const texts = (meta: unknown, rules: { namespaced: boolean; nameRule: "dns1123-subdomain" | "dns1123-label" | "path-segment" } = namespaced) =>
  validateObjectMeta(meta, rules).map(fieldErrorText);

const subdomainMsg =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe("validateObjectMeta", () => {
  it("accepts complete metadata", () => {
    expect(
      texts({
        name: "web",
        namespace: "default",
        labels: { app: "web", "app.kubernetes.io/part-of": "" },
        annotations: { "Example.COM/Note": "anything goes here" },
        finalizers: ["example.com/cleanup", "kubernetes"],
        ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: "web-1", uid: "u1", controller: true }],
      }),
    ).toEqual([]);
  });

  it("requires a name", () => {
    expect(texts({ namespace: "default" })).toEqual(["metadata.name: Required value: name or generateName is required"]);
    expect(texts(undefined)).toEqual(["metadata.name: Required value: name or generateName is required", "metadata.namespace: Required value"]);
  });

  it("checks name and generateName by the kind's rule", () => {
    expect(texts({ name: "Web", namespace: "default" })).toEqual([`metadata.name: Invalid value: "Web": ${subdomainMsg}`]);
    expect(texts({ name: "web-abcde", generateName: "web-", namespace: "default" })).toEqual([]);
    expect(texts({ name: "x", generateName: "Web-", namespace: "default" })).toEqual([`metadata.generateName: Invalid value: "Web-": ${subdomainMsg}`]);
    expect(texts({ name: "a.b" }, cluster)).toEqual(['metadata.name: Invalid value: "a.b": must not contain dots']);
  });

  it("requires a valid namespace on namespaced kinds and forbids one elsewhere", () => {
    expect(texts({ name: "web" })).toEqual(["metadata.namespace: Required value"]);
    expect(texts({ name: "web", namespace: "a.b" })).toEqual(['metadata.namespace: Invalid value: "a.b": must not contain dots']);
    expect(texts({ name: "web", namespace: "default" }, cluster)).toEqual(["metadata.namespace: Forbidden: not allowed on this type"]);
    expect(texts({ name: "web" }, cluster)).toEqual([]);
  });

  it("reports label keys and values at metadata.labels", () => {
    expect(texts({ name: "web", namespace: "default", labels: { "bad key": "ok", good: "bad value" } })).toEqual([
      `metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
      `metadata.labels: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ]);
  });

  it("limits annotations to 256 KiB in total", () => {
    const big = "x".repeat(262144 - 1);
    expect(texts({ name: "web", namespace: "default", annotations: { a: big } })).toEqual([]);
    expect(texts({ name: "web", namespace: "default", annotations: { a: `${big}x` } })).toEqual([
      "metadata.annotations: Too long: may not be more than 262144 bytes",
    ]);
  });

  it("checks annotation keys case-insensitively but shows them as given", () => {
    expect(texts({ name: "web", namespace: "default", annotations: { "A/B/C": "" } })[0]).toMatch(/^metadata\.annotations: Invalid value: "A\/B\/C": a valid label key/);
  });

  it("requires finalizers to be qualified names, with a domain unless standard", () => {
    expect(texts({ name: "web", namespace: "default", finalizers: ["cleanup", "orphan", "foregroundDeletion"] })).toEqual([
      'metadata.finalizers: Invalid value: ["cleanup","orphan","foregroundDeletion"]: finalizer orphan and foregroundDeletion cannot be both set',
      'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified',
    ]);
    expect(texts({ name: "web", namespace: "default", finalizers: ["example.com/Bad_"] })[0]).toMatch(
      /^metadata\.finalizers: Invalid value: "example\.com\/Bad_": name part must consist/,
    );
  });

  it("requires owner reference fields, without the index in the path", () => {
    expect(texts({ name: "web", namespace: "default", ownerReferences: [{ apiVersion: "apps/", kind: "", name: "", uid: "" }] })).toEqual([
      'metadata.ownerReferences.apiVersion: Invalid value: "apps/": version must not be empty',
      'metadata.ownerReferences.kind: Invalid value: "": must not be empty',
      'metadata.ownerReferences.name: Invalid value: "": must not be empty',
      'metadata.ownerReferences.uid: Invalid value: "": must not be empty',
    ]);
  });

  it("allows one controller reference and no Event owner", () => {
    const refs = [
      { apiVersion: "apps/v1", kind: "ReplicaSet", name: "a", uid: "1", controller: true },
      { kind: "Job", apiVersion: "batch/v1", name: "b", uid: "2", controller: true },
    ];
    expect(texts({ name: "web", namespace: "default", ownerReferences: refs })).toEqual([
      'metadata.ownerReferences: Invalid value: [{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"a","uid":"1","controller":true},{"apiVersion":"batch/v1","kind":"Job","name":"b","uid":"2","controller":true}]: Only one reference can have Controller set to true. Found "true" in references for ReplicaSet/a and Job/b',
    ]);
    expect(texts({ name: "web", namespace: "default", ownerReferences: [{ apiVersion: "v1", kind: "Event", name: "e", uid: "3" }] })).toEqual([
      'metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"3"}: /v1, Kind=Event is disallowed from being an owner',
    ]);
  });

  it("checks managed fields entries", () => {
    expect(texts({ name: "web", namespace: "default", managedFields: [{ manager: "kubectl", operation: "Patch", fieldsType: "FieldsV2" }] })).toEqual([
      'metadata.managedFields[0].operation: Invalid value: "Patch": must be `Apply` or `Update`',
      'metadata.managedFields[0].fieldsType: Invalid value: "FieldsV2": must be `FieldsV1`',
    ]);
    const [control] = validateObjectMeta({ name: "web", namespace: "default", managedFields: [{ manager: "a\u0007", operation: "Update" }] }, namespaced);
    expect(control).toMatchObject({ field: "metadata.managedFields[0].manager", detail: "invalid character U+0007 (at position 1)" });
  });

  it("rejects a negative generation", () => {
    expect(texts({ name: "web", namespace: "default", generation: -1 })).toEqual(["metadata.generation: Invalid value: -1: must be greater than or equal to 0"]);
  });

  it("reports values of the wrong type instead of throwing", () => {
    expect(texts("web")).toEqual([
      'metadata: Invalid value: "web": must be of type object',
      "metadata.name: Required value: name or generateName is required",
      "metadata.namespace: Required value",
    ]);
    expect(texts({ name: 5, namespace: "default", labels: { app: 1 }, annotations: [], finalizers: "x", ownerReferences: [{ name: 3 }] })).toEqual([
      "metadata.name: Invalid value: 5: must be of type string",
      "metadata.labels[app]: Invalid value: 1: must be of type string",
      "metadata.annotations: Invalid value: []: must be of type object",
      'metadata.finalizers: Invalid value: "x": must be of type array',
      "metadata.name: Required value: name or generateName is required",
      "metadata.ownerReferences[0].name: Invalid value: 3: must be of type string",
    ]);
  });

  it("treats null fields as absent", () => {
    expect(texts({ name: "web", namespace: "default", labels: null, finalizers: null, generateName: null })).toEqual([]);
  });
});

describe("validateObjectMetaUpdate", () => {
  const old = {
    name: "web",
    namespace: "default",
    uid: "u1",
    creationTimestamp: "2024-01-01T00:00:00Z",
    generation: 2,
    resourceVersion: "5",
  };
  const update = (changes: Record<string, unknown>, before: Record<string, unknown> = old) =>
    validateObjectMetaUpdate({ ...old, ...changes }, before).map(fieldErrorText);

  it("accepts an unchanged identity", () => {
    expect(update({ labels: { a: "b" }, generateName: "other-" })).toEqual([]);
    expect(update({ creationTimestamp: "2024-01-01T00:00:00.000Z" })).toEqual([]);
  });

  it("keeps name, namespace, uid and timestamps immutable", () => {
    expect(update({ name: "x", namespace: "other", uid: "u2", creationTimestamp: "2025-01-01T00:00:00Z" })).toEqual([
      'metadata.name: Invalid value: "x": field is immutable',
      'metadata.namespace: Invalid value: "other": field is immutable',
      'metadata.uid: Invalid value: "u2": field is immutable',
      'metadata.creationTimestamp: Invalid value: "2025-01-01T00:00:00Z": field is immutable',
    ]);
    expect(update({ deletionTimestamp: "2025-01-01T00:00:00Z", deletionGracePeriodSeconds: 0 })).toEqual([
      'metadata.deletionTimestamp: Invalid value: "2025-01-01T00:00:00Z": field is immutable',
      "metadata.deletionGracePeriodSeconds: Invalid value: 0: field is immutable",
    ]);
  });

  it("does not let generation go down", () => {
    expect(update({ generation: 1 })).toEqual(["metadata.generation: Invalid value: 1: must not be decremented"]);
  });

  it("forbids new finalizers once deletion started", () => {
    const deleting = { ...old, deletionTimestamp: "2025-01-01T00:00:00Z", finalizers: ["a/x"] };
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: ["a/x", "c/z", "b/y"] }, deleting).map(fieldErrorText)).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b/y", "c/z"}',
    ]);
    expect(validateObjectMetaUpdate({ ...deleting, finalizers: [] }, deleting)).toEqual([]);
  });
});
