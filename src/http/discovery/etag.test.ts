import { expect, it } from "vitest";
import { discoveryETag, matchesIfNoneMatch } from "./etag.ts";

it("is the quoted uppercase SHA-512 of the JSON, stable for the same document", async () => {
  const tag = await discoveryETag('{"kind":"APIGroupDiscoveryList"}');
  expect(tag).toMatch(/^"[0-9A-F]{128}"$/);
  expect(await discoveryETag('{"kind":"APIGroupDiscoveryList"}')).toBe(tag);
  expect(await discoveryETag('{"kind":"APIGroupList"}')).not.toBe(tag);
  // sha512("") is a known value.
  expect(await discoveryETag("")).toBe(`"${"CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E"}"`);
});

it("matches If-None-Match listing the tag, weakly or not, or *", () => {
  expect(matchesIfNoneMatch('"AB"', '"AB"')).toBe(true);
  expect(matchesIfNoneMatch('"XY", W/"AB"', '"AB"')).toBe(true);
  expect(matchesIfNoneMatch("*", '"AB"')).toBe(true);
  expect(matchesIfNoneMatch('"XY"', '"AB"')).toBe(false);
  expect(matchesIfNoneMatch(undefined, '"AB"')).toBe(false);
});
