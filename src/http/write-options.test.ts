import { describe, expect, it } from "vitest";
import { fieldValidationFor, writeOptions } from "./write-options.ts";

const query = (q: string) => new URLSearchParams(q);

describe("writeOptions", () => {
  it("defaults fieldValidation to Warn, as kube 1.27+ does", () => {
    expect(writeOptions(query(""), "CreateOptions")).toEqual({ dryRun: false, fieldValidation: "Warn" });
    expect(writeOptions(query("fieldValidation="), "CreateOptions")).toEqual({ dryRun: false, fieldValidation: "Warn" });
    expect(writeOptions(query("fieldValidation=Strict&dryRun=All"), "PatchOptions")).toEqual({ dryRun: true, fieldValidation: "Strict" });
    expect(writeOptions(query("fieldValidation=Ignore"), "UpdateOptions")).toEqual({ dryRun: false, fieldValidation: "Ignore" });
  });

  it("refuses a directive kube does not know with its 422 on the options", () => {
    expect(writeOptions(query("fieldValidation=strict"), "CreateOptions")).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "CreateOptions",
        causes: [{ reason: "FieldValueNotSupported", message: 'Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"', field: "fieldValidation" }],
      },
      code: 422,
    });
  });

  it("ignores fieldValidation on writes without a body (deletes)", () => {
    expect(writeOptions(query("fieldValidation=bogus"))).toEqual({ dryRun: false, fieldValidation: "Warn" });
  });
});

describe("fieldValidationFor", () => {
  const options = { dryRun: false, fieldValidation: "Strict" as const };
  it("checks JSON and YAML bodies, not protobuf", () => {
    expect(fieldValidationFor(options, { format: "json", duplicates: ["a"] })).toEqual({ directive: "Strict", format: "json", duplicates: ["a"] });
    expect(fieldValidationFor(options, { format: "merge-patch" })).toEqual({ directive: "Strict", format: "json", duplicates: [] });
    expect(fieldValidationFor(options, { format: "yaml", duplicates: ["line 1: x"] })).toEqual({ directive: "Strict", format: "yaml", duplicates: ["line 1: x"] });
    expect(fieldValidationFor(options, { format: "protobuf" })).toBeUndefined();
  });
});
