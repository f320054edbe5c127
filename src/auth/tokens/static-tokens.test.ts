import { describe, expect, it } from "vitest";
import { constantTimeEqual, findStaticToken, loadStaticTokens, parseStaticTokens, splitCsvLine, StaticTokenError, tokenDigest } from "./static-tokens.ts";

describe("static tokens", () => {
  it("reads kube's token file format: token,user,uid,\"groups\"", () => {
    const entries = parseStaticTokens(`# comment\nt1,alice,a-uid,"devs,qa"\n\nt2,bob,,\nt3,carol,c-uid\n`);
    expect(entries).toEqual([
      { token: "t1", user: { name: "alice", uid: "a-uid", groups: ["devs", "qa"] } },
      { token: "t2", user: { name: "bob", groups: [] } },
      { token: "t3", user: { name: "carol", uid: "c-uid", groups: [] } },
    ]);
  });

  it("splits quoted CSV fields", () => {
    expect(splitCsvLine(`a,"b,c","d ""e"""`)).toEqual(["a", "b,c", `d "e"`]);
  });

  it("refuses lines without a user, duplicate tokens and open quotes", () => {
    expect(() => parseStaticTokens("t1")).toThrow(StaticTokenError);
    expect(() => parseStaticTokens("t1,alice,u\nt1,bob,u")).toThrow(/line 2: duplicate token/);
    expect(() => parseStaticTokens(`t1,alice,u,"devs`)).toThrow(/unterminated/);
  });

  it("finds a token by digest and nothing for an unknown one", async () => {
    const tokens = await loadStaticTokens(`t1,alice,a,"x"\nt2,bob,b,`);
    expect(findStaticToken(await tokenDigest("t2"), tokens)?.name).toBe("bob");
    expect(findStaticToken(await tokenDigest("t3"), tokens)).toBeUndefined();
    expect(findStaticToken(await tokenDigest("t"), tokens)).toBeUndefined();
  });

  it("compares buffers of equal length only", () => {
    const a = new Uint8Array([1, 2, 3]).buffer;
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 3]).buffer)).toBe(true);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 4]).buffer)).toBe(false);
    expect(constantTimeEqual(a, new Uint8Array([1, 2]).buffer)).toBe(false);
  });
});
