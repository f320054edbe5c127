import { describe, expect, it } from "vitest";
import { fieldValidationFor, managerFromUserAgent, writeOptions } from "./write-options.ts";

const query = (q: string) => new URLSearchParams(q);

describe("writeOptions", () => {
  it("defaults fieldValidation to Warn, as kube 1.27+ does", () => {
    expect(writeOptions(query(""), "CreateOptions")).toMatchObject({ dryRun: false, fieldValidation: "Warn" });
    expect(writeOptions(query("fieldValidation="), "CreateOptions")).toMatchObject({ dryRun: false, fieldValidation: "Warn" });
    expect(writeOptions(query("fieldValidation=Strict&dryRun=All"), "PatchOptions")).toMatchObject({ dryRun: true, fieldValidation: "Strict" });
    expect(writeOptions(query("fieldValidation=Ignore"), "UpdateOptions")).toMatchObject({ dryRun: false, fieldValidation: "Ignore" });
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

  it("requires a fieldManager for an apply patch and allows force only there, as kube's 422 on PatchOptions", () => {
    expect(writeOptions(query("force=true&fieldManager=me"), "PatchOptions", true)).toMatchObject({ fieldManager: "me", force: true });
    expect(writeOptions(query(""), "PatchOptions", true)).toEqual({
      kind: "Status",
      apiVersion: "v1",
      metadata: {},
      status: "Failure",
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      reason: "Invalid",
      details: {
        group: "meta.k8s.io",
        kind: "PatchOptions",
        causes: [{ reason: "FieldValueRequired", message: "Required value: is required for apply patch", field: "fieldManager" }],
      },
      code: 422,
    });
    expect(writeOptions(query("force=true"), "PatchOptions")).toMatchObject({
      code: 422,
      message: 'PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch',
    });
    expect(writeOptions(query("fieldManager=a%07b"), "CreateOptions")).toMatchObject({
      code: 422,
      message: expect.stringMatching(/^CreateOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: .*: invalid character U\+0007 \(at position 1\)$/),
    });
  });

  it("names the manager after the User-Agent's first segment when the query names none", () => {
    expect(managerFromUserAgent("kubectl/v1.35.0 (linux/amd64) kubernetes/abcdef")).toBe("kubectl");
    expect(managerFromUserAgent("Helm/4.0.0")).toBe("Helm");
    expect(managerFromUserAgent("")).toBe("");
  });

  it("ignores fieldValidation on writes without a body (deletes)", () => {
    expect(writeOptions(query("fieldValidation=bogus"))).toMatchObject({ dryRun: false, fieldValidation: "Warn" });
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
