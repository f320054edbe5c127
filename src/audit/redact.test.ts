import { describe, expect, it } from "vitest";
import { redacted, redactForAudit } from "./redact.ts";

const lastApplied = "kubectl.kubernetes.io/last-applied-configuration";
const secret = {
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "db", annotations: { [lastApplied]: '{"data":{"password":"aHVudGVyMg=="}}', team: "a" } },
  type: "Opaque",
  data: { password: "aHVudGVyMg==" },
  stringData: { token: "hunter2" },
};

const leaks = (value: unknown) => /aHVudGVyMg|hunter2/.test(JSON.stringify(value));

describe("redactForAudit", () => {
  it("hides a Secret's data, stringData and last-applied configuration, keeping keys and the rest", () => {
    const out = redactForAudit(secret, true);
    expect(out).toEqual({
      ...secret,
      metadata: { name: "db", annotations: { [lastApplied]: redacted, team: "a" } },
      data: { password: redacted },
      stringData: { token: redacted },
    });
    expect(leaks(secret)).toBe(true); // the input is not changed
  });

  it("finds Secrets by kind anywhere, and the items of a SecretList that carry no kind", () => {
    expect(leaks(redactForAudit({ kind: "List", items: [secret] }, false))).toBe(false);
    const list = { apiVersion: "v1", kind: "SecretList", metadata: {}, items: [{ metadata: { name: "db" }, data: { password: "aHVudGVyMg==" } }] };
    expect(redactForAudit(list, false)).toEqual({ ...list, items: [{ metadata: { name: "db" }, data: { password: redacted } }] });
  });

  it("in a request for secrets, any body is a secret: patches, tables, apply configurations", () => {
    expect(redactForAudit({ data: { password: "aHVudGVyMg==" } }, true)).toEqual({ data: { password: redacted } });
    const jsonPatch = [
      { op: "replace", path: "/data/password", value: "aHVudGVyMg==" },
      { op: "copy", from: "/data/a", path: "/data/b" },
    ];
    expect(redactForAudit(jsonPatch, true)).toEqual([
      { op: "replace", path: "/data/password", value: redacted },
      { op: "copy", from: "/data/a", path: "/data/b" },
    ]);
    const table = {
      kind: "Table",
      apiVersion: "meta.k8s.io/v1",
      rows: [{ cells: ["db", "Opaque", 1], object: { kind: "PartialObjectMetadata", metadata: { name: "db", annotations: { [lastApplied]: "{...hunter2...}" } } } }],
    };
    expect(leaks(redactForAudit(table, true))).toBe(false);
    expect(leaks(redactForAudit({ ...table, rows: [{ cells: [], object: secret }] }, true))).toBe(false);
  });

  it("leaves other kinds alone outside a secrets request, and hides bearer tokens of reviews and requests", () => {
    const configMap = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "b" } };
    expect(redactForAudit(configMap, false)).toEqual(configMap);
    expect(redactForAudit({ kind: "TokenReview", apiVersion: "authentication.k8s.io/v1", spec: { token: "eyJ.x.y", audiences: ["a"] } }, false)).toEqual({
      kind: "TokenReview",
      apiVersion: "authentication.k8s.io/v1",
      spec: { token: redacted, audiences: ["a"] },
    });
    expect(redactForAudit({ kind: "TokenRequest", status: { token: "eyJ.x.y", expirationTimestamp: "t" } }, false)).toEqual({
      kind: "TokenRequest",
      status: { token: redacted, expirationTimestamp: "t" },
    });
  });
});
