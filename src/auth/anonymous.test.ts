import { describe, expect, it } from "vitest";
import { AnonymousSettingError, anonymousAllowed, parseAnonymousAccess, publicInfoPaths } from "./anonymous.ts";

describe("ANONYMOUS_AUTH", () => {
  it("allows the health and version paths alone when unset, exactly as written", () => {
    const access = parseAnonymousAccess(undefined);
    for (const path of publicInfoPaths) expect(anonymousAllowed(access, path)).toBe(true);
    for (const path of ["/api", "/healthz/d1", "/versions", "/livez/", "/"]) expect(anonymousAllowed(access, path)).toBe(false);
    expect(parseAnonymousAccess("")).toEqual(access);
  });

  it("reads true, false and lists of paths", () => {
    expect(anonymousAllowed(parseAnonymousAccess("true"), "/api/v1/namespaces")).toBe(true);
    expect(anonymousAllowed(parseAnonymousAccess("false"), "/healthz")).toBe(false);
    const own = parseAnonymousAccess(" /livez, /readyz ");
    expect([anonymousAllowed(own, "/livez"), anonymousAllowed(own, "/readyz"), anonymousAllowed(own, "/healthz")]).toEqual([true, true, false]);
  });

  it("refuses anything else", () => {
    expect(() => parseAnonymousAccess("yes")).toThrow(AnonymousSettingError);
    expect(() => parseAnonymousAccess("/livez,healthz")).toThrow('ANONYMOUS_AUTH: "healthz" is not "true", "false" or a path beginning with "/"');
  });
});
