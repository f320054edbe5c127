import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import { serviceAccounts } from "./serviceaccounts.ts";

const now = new Date("2025-03-01T12:00:00Z");
const ctx = { now, user: { name: "admin", groups: ["system:masters"] } };

function parse(body: unknown): KubeObject {
  const result = serviceAccounts.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

const manifest = {
  apiVersion: "v1",
  kind: "ServiceAccount",
  metadata: { name: "builder", namespace: "ci", annotations: { "eks.amazonaws.com/role-arn": "arn:aws:iam::1:role/x" } },
  secrets: [{ name: "builder-token" }],
  imagePullSecrets: [{ name: "registry" }],
  automountServiceAccountToken: false,
};

describe("serviceaccounts", () => {
  it("keeps every field of a real manifest", () => {
    expect(parse(manifest)).toEqual(manifest);
  });

  it("keeps only the name of each secret reference, as kube does", () => {
    const obj = parse({ ...manifest, secrets: [{ name: "a", namespace: "ci", uid: "u1", kind: "Secret" }, { uid: "u2" }] });
    serviceAccounts.prepareForCreate(obj);
    expect(obj.secrets).toEqual([{ name: "a" }, {}]);
    const updated = parse({ ...manifest, secrets: [{ name: "b", resourceVersion: "5" }] });
    serviceAccounts.prepareForUpdate(updated);
    expect(updated.secrets).toEqual([{ name: "b" }]);
  });

  it("rejects fields of the wrong type", () => {
    expect(serviceAccounts.schema.safeParse({ ...manifest, automountServiceAccountToken: "yes" }).success).toBe(false);
    expect(serviceAccounts.schema.safeParse({ ...manifest, imagePullSecrets: [{ name: 1 }] }).success).toBe(false);
  });

  it("prints NAME SECRETS AGE", () => {
    const obj = parse(manifest);
    obj.metadata.creationTimestamp = "2025-02-27T12:00:00Z";
    expect(serviceAccounts.table.columns.map((c) => c.name)).toEqual(["Name", "Secrets", "Age"]);
    expect(serviceAccounts.table.cells(obj, ctx)).toEqual(["builder", 1, "2d"]);
    expect(serviceAccounts.shortNames).toEqual(["sa"]);
  });
});
