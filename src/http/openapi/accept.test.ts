import { describe, expect, it } from "vitest";
import { negotiateOpenAPI } from "./accept.ts";

describe("negotiateOpenAPI", () => {
  it("answers JSON when the client states no preference", () => {
    expect(negotiateOpenAPI(undefined, true)).toBe("json");
    expect(negotiateOpenAPI("", true)).toBe("json");
    expect(negotiateOpenAPI("*/*", true)).toBe("json");
    expect(negotiateOpenAPI("application/*", true)).toBe("json");
  });

  it("answers protobuf to client-go's header, in either spelling", () => {
    expect(negotiateOpenAPI("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", true)).toBe("protobuf");
    expect(negotiateOpenAPI("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", true)).toBe("protobuf");
    expect(negotiateOpenAPI("application/com.github.proto-openapi.spec.v2@v1.0+protobuf, application/json", true)).toBe("protobuf");
  });

  it("goes by preference: q first, concrete types before wildcards", () => {
    expect(negotiateOpenAPI("application/json;q=0.5, application/com.github.proto-openapi.spec.v2@v1.0+protobuf", true)).toBe("protobuf");
    expect(negotiateOpenAPI("*/*, application/com.github.proto-openapi.spec.v2@v1.0+protobuf", true)).toBe("protobuf");
    expect(negotiateOpenAPI("text/html, application/json", true)).toBe("json");
  });

  it("finds nothing acceptable in other types, in q=0, or in protobuf where only JSON is served", () => {
    expect(negotiateOpenAPI("text/html", true)).toBeUndefined();
    expect(negotiateOpenAPI("application/json;q=0", true)).toBeUndefined();
    expect(negotiateOpenAPI("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", false)).toBeUndefined();
    expect(negotiateOpenAPI("application/com.github.proto-openapi.spec.v3@v1.0+protobuf", false)).toBeUndefined();
  });
});
