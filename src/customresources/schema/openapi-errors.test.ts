import { describe, expect, it } from "vitest";
import { openAPIError } from "./openapi-errors.ts";

describe("openAPIError", () => {
  it("words each error as kube-openapi does", () => {
    expect(openAPIError.invalidType("spec.a", "integer", "string").message).toBe(`spec.a in body must be of type integer: "string"`);
    expect(openAPIError.required("spec.a").message).toBe("spec.a in body is required");
    expect(openAPIError.tooShort("spec.a", 3, "ab").message).toBe("spec.a in body should be at least 3 chars long");
    expect(openAPIError.pattern("spec.a", "^x$", "y").message).toBe("spec.a in body should match '^x$'");
    expect(openAPIError.maximum("spec.a", "5", true, 6).message).toBe("spec.a in body should be less than 5");
    expect(openAPIError.minimum("spec.a", "1.5", false, 1).message).toBe("spec.a in body should be greater than or equal to 1.5");
    expect(openAPIError.multipleOf("spec.a", "2", 3).message).toBe("spec.a in body should be a multiple of 2");
    expect(openAPIError.tooFewItems("spec.a", 1, 0).message).toBe("spec.a in body should have at least 1 items");
    expect(openAPIError.tooManyProperties("spec.a", 1, 2).message).toBe("spec.a in body should have at most 1 properties");
    expect(openAPIError.forbiddenProperty("spec.a", "x").message).toBe("spec.a.x in body is a forbidden property");
    expect(openAPIError.enum("spec.a", 1, ["x", 2, { k: 1.5 }]).message).toBe("spec.a in body should be one of [x 2 map[k:1.5]]");
    expect(openAPIError.oneOf("spec.a", 2).message).toBe(`"spec.a" must validate one and only one schema (oneOf). Found 2 valid alternatives`);
    expect(openAPIError.allOf("spec.a", false).message).toBe(`"spec.a" must validate all the schemas (allOf)`);
    expect(openAPIError.not("").message).toBe(`"" must not validate the schema (not)`);
  });
});
