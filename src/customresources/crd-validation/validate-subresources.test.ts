import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import { validateColumn, validateSubresources } from "./validate-subresources.ts";

const column = { name: "Size", type: "integer", format: "", description: "", priority: 0, jsonPath: ".spec.size" };

describe("validateSubresources", () => {
  it("requires the replicas paths of /scale", () => {
    expect(validateSubresources({ scale: { specReplicasPath: "", statusReplicasPath: "" } }, "spec.subresources").map(text)).toEqual([
      "spec.subresources.scale.specReplicasPath: Required value",
      "spec.subresources.scale.statusReplicasPath: Required value",
    ]);
  });

  it("wants simple paths under .spec and .status", () => {
    const errors = validateSubresources(
      { scale: { specReplicasPath: "spec.replicas", statusReplicasPath: ".spec.replicas", labelSelectorPath: ".metadata.labels" } },
      "spec.versions[0].subresources",
    );
    expect(errors.map(text)).toEqual([
      `spec.versions[0].subresources.scale.specReplicasPath: Invalid value: "spec.replicas": must be a simple json path starting with .`,
      `spec.versions[0].subresources.scale.statusReplicasPath: Invalid value: ".spec.replicas": should be a json path under .status`,
      `spec.versions[0].subresources.scale.labelSelectorPath: Invalid value: ".metadata.labels": should be a json path under either .spec or .status`,
    ]);
  });

  it("accepts a valid /scale and no subresources", () => {
    expect(validateSubresources({ status: {}, scale: { specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas", labelSelectorPath: ".status.selector" } }, "p")).toEqual([]);
    expect(validateSubresources(undefined, "p")).toEqual([]);
    expect(validateSubresources({ scale: { specReplicasPath: ".spec.r", statusReplicasPath: ".status.r", labelSelectorPath: "" } }, "p")).toEqual([]);
  });
});

describe("validateColumn", () => {
  it("accepts a complete column", () => {
    expect(validateColumn(column, "spec.additionalPrinterColumns[0]")).toEqual([]);
  });

  it("requires name, type and a JSONPath (kube's capitalized field)", () => {
    expect(validateColumn({ ...column, name: "", type: "", jsonPath: "" }, "spec.additionalPrinterColumns[0]").map(text)).toEqual([
      "spec.additionalPrinterColumns[0].name: Required value",
      "spec.additionalPrinterColumns[0].type: Required value: must be one of boolean,date,integer,number,string",
      "spec.additionalPrinterColumns[0].JSONPath: Required value",
    ]);
  });

  it("rejects unknown types and formats and paths without a leading dot", () => {
    expect(validateColumn({ ...column, type: "int", format: "uuid", jsonPath: "spec.size" }, "c").map(text)).toEqual([
      `c.type: Invalid value: "int": must be one of boolean,date,integer,number,string`,
      `c.format: Invalid value: "uuid": must be one of byte,date,date-time,double,float,int32,int64,password`,
      `c.JSONPath: Invalid value: "spec.size": must be a simple json path starting with .`,
    ]);
  });
});
