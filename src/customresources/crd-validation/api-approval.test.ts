import { describe, expect, it } from "vitest";
import { fieldErrorText as text } from "../../api/field-errors.ts";
import { apiApprovalErrors, isProtectedCommunityGroup, preserveUnknownFieldsErrors } from "./api-approval.ts";

const annotated = (value?: string) => ({ metadata: { annotations: value === undefined ? {} : { "api-approved.kubernetes.io": value } } });

describe("apiApprovalErrors", () => {
  it("applies only to k8s.io and kubernetes.io groups", () => {
    expect(isProtectedCommunityGroup("k8s.io")).toBe(true);
    expect(isProtectedCommunityGroup("x.kubernetes.io")).toBe(true);
    expect(isProtectedCommunityGroup("notk8s.io")).toBe(false);
    expect(apiApprovalErrors("example.com", annotated())).toEqual([]);
  });

  it("wants a URL with scheme and host, or a reason starting with unapproved", () => {
    expect(apiApprovalErrors("a.k8s.io", annotated("https://github.com/kubernetes/enhancements/pull/1111"))).toEqual([]);
    expect(apiApprovalErrors("a.k8s.io", annotated("unapproved: testing"))).toEqual([]);
    expect(apiApprovalErrors("a.k8s.io", annotated("github.com/x")).map(text)[0]).toMatch(/^metadata\.annotations\[api-approved\.kubernetes\.io\]: Invalid value: "github\.com\/x": protected groups/);
  });

  it("on update, lets an unchanged state stand but not a new bad one", () => {
    expect(apiApprovalErrors("a.k8s.io", annotated("bad"), annotated("also bad"))).toEqual([]);
    expect(apiApprovalErrors("a.k8s.io", annotated(), annotated("unapproved")).map((e) => e.type)).toEqual(["FieldValueRequired"]);
  });
});

describe("preserveUnknownFieldsErrors", () => {
  it("refuses turning it on, not keeping it", () => {
    expect(preserveUnknownFieldsErrors(true).map(text)).toEqual([
      "spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead",
    ]);
    expect(preserveUnknownFieldsErrors(true, true)).toEqual([]);
    expect(preserveUnknownFieldsErrors(false)).toEqual([]);
  });
});
