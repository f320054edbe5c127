import { describe, expect, it } from "vitest";
import { isRequestURI } from "./uri-format.ts";

describe("isRequestURI (url.ParseRequestURI)", () => {
  it("accepts absolute URIs, absolute paths and opaque URIs", () => {
    for (const s of ["http://example.com", "https://user:pw@example.com:8443/a/b?q=1#frag", "/just/a/path", "*", "mailto:someone@example.com", "urn:isbn:0451450523", "http://[::1]:80/", "http://example.com/%20"]) {
      expect(isRequestURI(s), s).toBe(true);
    }
  });

  it("refuses relative references, bad escapes, bad ports and control characters", () => {
    for (const s of ["", "example.com", "relative/path", "://missing", "http://example.com/%zz", "http://example.com:80x/", "http://exa mple.com/", "http://example.com/\n", "http://[::1/"]) {
      expect(isRequestURI(s), s).toBe(false);
    }
  });
});
