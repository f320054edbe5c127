import { describe, expect, it } from "vitest";
import { openAPIError } from "./openapi-errors.ts";
import { toFieldErrors, typeInvalidReason } from "./to-field-errors.ts";

describe("toFieldErrors", () => {
  it("converts each kind of error as kube does", () => {
    expect(
      toFieldErrors(
        [
          openAPIError.required(".apiVersion"),
          openAPIError.enum("spec.c", 3, ["a", 1, { x: true }]),
          openAPIError.tooLong("spec.s", 1, "ab"),
          openAPIError.tooManyItems("spec.l", 1, 2),
          openAPIError.invalidType("spec.n", "integer", "string"),
          openAPIError.duplicateItems("spec.l"),
          openAPIError.anyOf("spec.x"),
        ],
        "",
      ),
    ).toEqual([
      { type: "FieldValueRequired", field: "apiVersion" },
      { type: "FieldValueNotSupported", field: "spec.c", value: 3, detail: `supported values: "a", "1", "{\\"x\\":true}"` },
      { type: "FieldValueTooLong", field: "spec.s", detail: "may not be more than 1 byte" },
      { type: "FieldValueTooMany", field: "spec.l", value: 2, detail: "must have at most 1 item" },
      { type: typeInvalidReason, field: "spec.n", value: "string", detail: `spec.n in body must be of type integer: "string"` },
      { type: "FieldValueInvalid", field: "spec.l", value: "", detail: "spec.l in body shouldn't contain duplicates" },
      { type: "FieldValueInvalid", field: "<nil>", value: "", detail: `"spec.x" must validate at least one schema (anyOf)` },
    ]);
  });

  it("puts errors under a prefix; the root itself is the prefix", () => {
    expect(toFieldErrors([openAPIError.invalidType("", "object", "string"), openAPIError.oneOf("", 0)], "status")).toEqual([
      { type: typeInvalidReason, field: "status", value: "string", detail: ` in body must be of type object: "string"` },
      { type: "FieldValueInvalid", field: "status", value: "", detail: `"" must validate one and only one schema (oneOf). Found none valid` },
    ]);
  });

  it("drops repeated messages", () => {
    expect(toFieldErrors([openAPIError.required("a.b"), openAPIError.required("a.b")], "")).toHaveLength(1);
  });
});
