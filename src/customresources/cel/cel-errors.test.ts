import { describe, expect, it } from "vitest";
import { evaluationErrorText, issueText } from "./cel-errors.ts";

describe("issueText", () => {
  it("shows the line and a caret under the column, as cel-go does", () => {
    expect(issueText("self.x == 1", 4, "undefined field 'x'")).toBe("ERROR: <input>:1:5: undefined field 'x'\n | self.x == 1\n | ....^");
    expect(issueText("a &&\n\tb", 6, "m")).toBe("ERROR: <input>:2:2: m\n |  b\n | .^");
    expect(issueText("'é' + x", 6, "m")).toBe("ERROR: <input>:1:7: m\n | 'é' + x\n | .．....^");
  });
});

describe("evaluationErrorText", () => {
  it("words the library's errors as cel-go does", () => {
    expect(evaluationErrorText({ code: "no_such_key", summary: "No such key: foo" })).toBe("no such key: foo");
    expect(evaluationErrorText({ code: "index_out_of_bounds", summary: "No such key: index out of bounds, index 3 >= size 2" })).toBe(
      "index out of bounds: 3",
    );
    expect(evaluationErrorText({ code: "modulo_by_zero", summary: "modulo by zero" })).toBe("modulus by zero");
    expect(evaluationErrorText({ code: "no_matching_overload", summary: "found no matching overload for 'x'" })).toBe("no such overload");
    expect(evaluationErrorText({ code: "other", summary: "something" })).toBe("something");
  });
});
