import { describe, expect, it } from "vitest";
import { fieldErrorText } from "../../api/field-errors.ts";
import type { JSONSchemaProps } from "./json-schema-props.ts";
import { validateEmbeddedResources } from "./validate-embedded-resources.ts";

const embedded: JSONSchemaProps = { type: "object", "x-kubernetes-embedded-resource": true, "x-kubernetes-preserve-unknown-fields": true };

describe("validateEmbeddedResources", () => {
  it("checks embedded values only, not the root's own envelope", () => {
    const schema: JSONSchemaProps = { type: "object", properties: { e: embedded } };
    expect(validateEmbeddedResources(schema, { apiVersion: 1, e: { apiVersion: "g/v1", kind: "K" } })).toEqual([]);
  });

  it("allows any path-segment name, requires a DNS label namespace, and warns (not errs) on finalizers", () => {
    const schema: JSONSchemaProps = { type: "object", additionalProperties: embedded };
    const value = { x: { apiVersion: "v1", kind: "K", metadata: { name: "Any_Name", namespace: "Bad_NS", finalizers: ["plain"] } } };
    expect(validateEmbeddedResources(schema, value, "spec").map(fieldErrorText)).toEqual([
      `spec[x].metadata.namespace: Invalid value: "Bad_NS": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    ]);
  });

  it("accepts apiVersion \"/\" and a bare version, as ParseGroupVersion does", () => {
    const schema: JSONSchemaProps = { type: "object", properties: { a: embedded, b: embedded } };
    expect(validateEmbeddedResources(schema, { a: { apiVersion: "/", kind: "K" }, b: { apiVersion: "v1", kind: "k" } })).toEqual([]);
  });
});
