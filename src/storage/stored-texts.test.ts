import { describe, expect, it } from "vitest";
import { StoredTexts, textKey } from "./stored-texts.ts";

describe("StoredTexts", () => {
  it("answers only for the revision it holds", () => {
    const texts = new StoredTexts(100);
    texts.set("k", 5, "five");
    expect(texts.get("k", 5)).toBe("five");
    expect(texts.get("k", 6)).toBeUndefined();
    texts.set("k", 6, "six");
    expect(texts.get("k", 5)).toBeUndefined();
    expect(texts.characters).toBe(3);
  });

  it("keeps within its budget, dropping the least recently used first", () => {
    const texts = new StoredTexts(10);
    texts.set("a", 1, "aaaa");
    texts.set("b", 2, "bbbb");
    texts.get("a", 1);
    texts.set("c", 3, "cccc");
    expect(texts.has("a", 1)).toBe(true);
    expect(texts.has("b", 2)).toBe(false);
    expect(texts.has("c", 3)).toBe(true);
    expect(texts.characters).toBe(8);
  });

  it("does not hold a text larger than the whole budget", () => {
    const texts = new StoredTexts(10);
    texts.set("a", 1, "aaaa");
    texts.set("big", 2, "x".repeat(11));
    expect(texts.has("big", 2)).toBe(false);
    expect(texts.has("a", 1)).toBe(true);
  });

  it("forgets a deleted key", () => {
    const texts = new StoredTexts(10);
    texts.set("a", 1, "aaaa");
    texts.delete("a");
    expect(texts.has("a", 1)).toBe(false);
    expect(texts.characters).toBe(0);
  });

  it("keeps keys of different namespaces and resources apart", () => {
    expect(textKey("a", "b", "c")).not.toBe(textKey("a", "bc", ""));
    expect(textKey("ns", "configmaps", "x")).not.toBe(textKey("", "configmaps", "x"));
  });
});
