import { describe, expect, it } from "vitest";
import { escapeName } from "./escaping.ts";

describe("escapeName", () => {
  it("keeps identifiers and escapes kube's way", () => {
    expect(escapeName("replicas")).toBe("replicas");
    expect(escapeName("_x1")).toBe("_x1");
    expect(escapeName("x-y")).toBe("x__dash__y");
    expect(escapeName("a.b/c")).toBe("a__dot__b__slash__c");
    expect(escapeName("a__b")).toBe("a__underscores__b");
    expect(escapeName("namespace")).toBe("__namespace__");
    expect(escapeName("in")).toBe("__in__");
  });

  it("leaves names CEL cannot reach", () => {
    expect(escapeName("")).toBeUndefined();
    expect(escapeName("1x")).toBeUndefined();
    expect(escapeName("a b")).toBeUndefined();
    expect(escapeName("a@b")).toBeUndefined();
  });
});
