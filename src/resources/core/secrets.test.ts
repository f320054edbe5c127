import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { secrets } from "./secrets.ts";

const now = new Date("2025-03-01T12:00:00Z");
const b64 = (text: string) => btoa(text);

function parse(body: unknown): KubeObject {
  const result = secrets.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

function defaulted(body: Record<string, unknown>): KubeObject {
  const obj = parse({ apiVersion: "v1", kind: "Secret", metadata: { name: "s", namespace: "default" }, ...body });
  secrets.applyDefaults(obj);
  return obj;
}

const fields = (obj: KubeObject) => secrets.validate(obj).map((e) => `${e.type} ${e.field}`);

describe("secrets", () => {
  it("keeps every field of a real manifest", () => {
    const manifest = {
      apiVersion: "v1",
      kind: "Secret",
      metadata: { name: "registry", namespace: "apps", labels: { app: "web" } },
      type: "kubernetes.io/dockerconfigjson",
      immutable: true,
      data: { ".dockerconfigjson": b64('{"auths":{}}') },
    };
    expect(parse(manifest)).toEqual(manifest);
  });

  it("defaults the type to Opaque and folds stringData into data", () => {
    const obj = defaulted({ data: { a: b64("old"), b: b64("keep") }, stringData: { a: "new", c: "héllo" } });
    expect(obj.type).toBe("Opaque");
    expect(obj.stringData).toBeUndefined();
    expect(obj.data).toEqual({ a: b64("new"), b: b64("keep"), c: "aMOpbGxv" });
  });

  it("rejects bad keys and data that is not base64", () => {
    expect(secrets.schema.safeParse({ metadata: {}, data: { a: "not base64!" } }).success).toBe(false);
    expect(fields(defaulted({ data: { "bad key": b64("x") } }))).toEqual(["FieldValueInvalid data[bad key]"]);
  });

  it("requires the keys of each built-in type", () => {
    expect(fields(defaulted({ type: "kubernetes.io/tls", data: {} }))).toEqual(["FieldValueRequired data[tls.crt]", "FieldValueRequired data[tls.key]"]);
    expect(fields(defaulted({ type: "kubernetes.io/basic-auth" }))).toEqual(["FieldValueRequired data[username]", "FieldValueRequired data[password]"]);
    expect(fields(defaulted({ type: "kubernetes.io/basic-auth", data: { password: "" } }))).toEqual([]);
    expect(fields(defaulted({ type: "kubernetes.io/ssh-auth", data: { "ssh-privatekey": "" } }))).toEqual(["FieldValueRequired data[ssh-privatekey]"]);
    expect(fields(defaulted({ type: "kubernetes.io/service-account-token" }))).toEqual([
      "FieldValueRequired metadata.annotations[kubernetes.io/service-account.name]",
    ]);
    expect(fields(defaulted({ type: "kubernetes.io/dockercfg" }))).toEqual(["FieldValueRequired data[.dockercfg]"]);
    expect(fields(defaulted({ type: "bootstrap.kubernetes.io/token" }))).toEqual([]);
  });

  it("rejects docker configs that are not JSON objects, without echoing them", () => {
    const errors = secrets.validate(defaulted({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64("[1]") } }));
    expect(errors).toEqual([
      {
        type: "FieldValueInvalid",
        field: "data[.dockerconfigjson]",
        value: "<secret contents redacted>",
        detail: "json: cannot unmarshal array into Go value of type map[string]interface {}",
      },
    ]);
    const syntax = secrets.validate(defaulted({ type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": b64("x") } }));
    expect(syntax[0].detail).toBe("invalid character 'x' looking for beginning of value");
  });

  it("rejects more than 1 MiB of data", () => {
    const big = btoa("x".repeat(1024 * 1024 + 3));
    expect(secrets.validate(defaulted({ data: { big } }))).toEqual([
      { type: "FieldValueTooLong", field: "data", detail: "may not be more than 1048576 bytes" },
    ]);
  });

  it("keeps the type and, once immutable, the data", () => {
    const old = defaulted({ type: "Opaque", immutable: true, data: { a: b64("1") } });
    const changed = defaulted({ type: "kubernetes.io/tls", data: { a: b64("2") } });
    expect(secrets.validateUpdate(changed, old).map((e) => `${e.type} ${e.field} ${e.detail}`)).toEqual([
      "FieldValueInvalid type field is immutable",
      "FieldValueForbidden immutable field is immutable when `immutable` is set",
      "FieldValueForbidden data field is immutable when `immutable` is set",
    ]);
  });

  it("prints NAME TYPE DATA AGE and selects on type", () => {
    const obj = defaulted({ type: "kubernetes.io/tls", data: { "tls.crt": b64("c"), "tls.key": b64("k") } });
    obj.metadata.creationTimestamp = "2025-03-01T11:00:00Z";
    expect(secrets.table.columns.map((c) => c.name)).toEqual(["Name", "Type", "Data", "Age"]);
    expect(secrets.table.cells(obj, { now })).toEqual(["s", "kubernetes.io/tls", 2, "60m"]);
    expect(secrets.fieldSelectors.type(obj)).toBe("kubernetes.io/tls");
  });
});
