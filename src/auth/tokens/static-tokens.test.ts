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

  it("compares byte strings of equal length only", () => {
    const a = new Uint8Array([1, 2, 3]);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(a, new Uint8Array([1, 2, 4]))).toBe(false);
    expect(constantTimeEqual(a, new Uint8Array([1, 2]))).toBe(false);
  });
});

describe("no timing oracle", () => {
  /** Bytes that count how many of them are read. */
  function counted(bytes: Uint8Array) {
    const reads = { n: 0 };
    const proxy = new Proxy(bytes, {
      get(target, key) {
        if (typeof key === "string" && /^\d+$/.test(key)) reads.n++;
        return Reflect.get(target, key);
      },
    });
    return { bytes: proxy as Uint8Array, reads };
  }

  it("reads every byte of both digests whether they differ at the first byte, the last, or not at all", async () => {
    const digest = await tokenDigest("t1");
    for (const other of [await tokenDigest("t2"), Uint8Array.from(digest, (b, i) => (i === 31 ? b ^ 1 : b)), Uint8Array.from(digest)]) {
      const x = counted(Uint8Array.from(digest));
      const y = counted(other);
      constantTimeEqual(x.bytes, y.bytes);
      expect([x.reads.n, y.reads.n]).toEqual([32, 32]);
    }
  });

  it("compares a token with every entry, wherever it matches and when nothing does", async () => {
    const tokens = await loadStaticTokens(Array.from({ length: 50 }, (_, i) => `t${i},user${i},u${i},`).join("\n"));
    const reads = new Map<number, number>();
    const watched = tokens.map((entry, i) => ({
      user: entry.user,
      get digest() {
        reads.set(i, (reads.get(i) ?? 0) + 1);
        return entry.digest;
      },
    }));
    const nearMiss = Uint8Array.from(await tokenDigest("t49"), (b, i) => (i === 31 ? b ^ 1 : b));
    for (const [probe, expected] of [[await tokenDigest("t0"), "user0"], [await tokenDigest("t49"), "user49"], [await tokenDigest("unknown"), undefined], [nearMiss, undefined]] as const) {
      reads.clear();
      expect(findStaticToken(probe, watched)?.name).toBe(expected);
      expect([...reads.values()]).toEqual(Array(50).fill(1));
    }
  });
});
