import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import { newStructural } from "./structural.ts";
import { validateSelectableFields } from "./validate-selectable-fields.ts";

const schema = newStructural({
  type: "object",
  properties: {
    spec: {
      type: "object",
      properties: { color: { type: "string", enum: ["red"] }, size: { type: "integer" }, on: { type: "boolean" }, ratio: { type: "number" }, tags: { type: "array", items: { type: "string" } } },
    },
    metadata: { type: "object", properties: { name: { type: "string" } } },
  },
});
const P = "spec.versions[0].selectableFields";
const fields = (...paths: string[]) => paths.map((jsonPath) => ({ jsonPath }));

describe("validateSelectableFields", () => {
  it("accepts string, integer and boolean fields", () => {
    expect(validateSelectableFields(fields(".spec.color", ".spec.size", ".spec.on"), schema, P, false)).toEqual([]);
  });

  it("reports each bad path at its jsonPath", () => {
    expect(validateSelectableFields(fields("", ".spec.ratio", ".spec.tags", ".spec.nope", ".metadata.name", ".spec['color']", ".spec.size", ".spec.size"), schema, P, false).map(text)).toEqual([
      `${P}[0].jsonPath: Required value`,
      `${P}[1].jsonPath: Invalid value: ".spec.ratio": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.`,
      `${P}[2].jsonPath: Invalid value: ".spec.tags": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.`,
      `${P}[3].jsonPath: Invalid value: ".spec.nope": is an invalid path: does not refer to a valid field`,
      `${P}[4].jsonPath: Invalid value: ".metadata.name": must not point to fields in metadata`,
      `${P}[5].jsonPath: Invalid value: ".spec['color']": is an invalid path: array notation is not allowed`,
      `${P}[7].jsonPath: Duplicate value: ".spec.size"`,
    ]);
  });

  it("allows at most 8 distinct fields, unless an update leaves more unchanged", () => {
    const many = newStructural({ type: "object", properties: Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`a${i}`, { type: "string" }])) });
    const nine = fields(...Array.from({ length: 9 }, (_, i) => `.a${i}`));
    expect(validateSelectableFields(nine, many, P, false).map(text)).toEqual([`${P}: Too many: 9: must have at most 8 items`]);
    expect(validateSelectableFields(nine, many, P, true)).toEqual([]);
  });
});
