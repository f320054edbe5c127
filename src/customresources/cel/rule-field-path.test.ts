import { describe, expect, it } from "vitest";
import type { JSONSchemaProps } from "../schema/json-schema-props.ts";
import { resolveFieldPath } from "./rule-field-path.ts";

const schema: JSONSchemaProps = {
  type: "object",
  properties: {
    spec: { type: "object", properties: { replicas: { type: "integer" } } },
    labels: { type: "object", additionalProperties: { type: "object", properties: { v: { type: "string" } } } },
    list: { type: "array", items: { type: "string" } },
  },
};

describe("resolveFieldPath", () => {
  it("follows properties and map keys", () => {
    expect(resolveFieldPath(".spec.replicas", schema)).toEqual({ path: "spec.replicas" });
    expect(resolveFieldPath(".labels['app.kubernetes.io/name'].v", schema)).toEqual({ path: "labels[app.kubernetes.io/name].v" });
    expect(resolveFieldPath("['spec']", schema)).toEqual({ path: "spec" });
    expect(resolveFieldPath(".labels.x", schema)).toEqual({ path: "labels[x]" });
    expect(resolveFieldPath(".labels['it\\'s']", schema)).toEqual({ path: "labels[it's]" });
  });

  it("rejects what kube rejects", () => {
    expect(resolveFieldPath(".nope", schema)).toEqual({ error: "does not refer to a valid field" });
    expect(resolveFieldPath(".list.x", schema)).toEqual({ error: "does not refer to a valid field" });
    expect(resolveFieldPath("spec", schema)).toEqual({ error: "expected [ or . but got: spec" });
    expect(resolveFieldPath(".spec[replicas]", schema)).toEqual({ error: "expected single quoted string but got replicas" });
    expect(resolveFieldPath(".spec.", schema)).toEqual({ error: "unexpected end of JSON path" });
    expect(resolveFieldPath("['spec'", schema)).toEqual({ error: "unexpected end of JSON path" });
  });
});
