import { describe, expect, it } from "vitest";
import { decodeObject, encodeObject } from "../../api/protobuf/kube-object.ts";
import { tokenRequestType, validateTokenRequest } from "./token-requests.ts";

const expected = { apiVersion: "authentication.k8s.io/v1", kind: "TokenRequest", schema: tokenRequestType.schema };

describe("TokenRequest", () => {
  it("reads the protobuf body kubectl create token sends", () => {
    const body = {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      metadata: { name: "builder" },
      spec: { audiences: ["vault"], expirationSeconds: 1200, boundObjectRef: { kind: "Pod", apiVersion: "v1", name: "p", uid: "u" } },
    };
    const decoded = decodeObject(encodeObject(body, expected), expected);
    expect(decoded).toEqual({ ok: true, object: body });
  });

  it("validates the duration as kube does", () => {
    expect(validateTokenRequest(600)).toEqual([]);
    expect(validateTokenRequest(599)).toEqual([{ type: "FieldValueInvalid", field: "spec.expirationSeconds", value: 599, detail: "may not specify a duration less than 10 minutes" }]);
    expect(validateTokenRequest(2 ** 32 + 1)[0].detail).toBe("may not specify a duration larger than 2^32 seconds");
  });
});
