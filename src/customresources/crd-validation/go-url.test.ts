import { describe, expect, it } from "vitest";
import { parseGoUrl } from "./go-url.ts";

describe("parseGoUrl", () => {
  it("splits scheme, user, host, query and fragment as Go's url.Parse", () => {
    expect(parseGoUrl("HTTPS://u:p@example.com:8443/convert?x=1#frag")).toEqual({
      url: { scheme: "https", user: "u:p", host: "example.com:8443", rawQuery: "x=1", fragment: "frag" },
    });
    expect(parseGoUrl("https:opaque")).toEqual({ url: { scheme: "https", host: "", rawQuery: "", fragment: "" } });
    expect(parseGoUrl("/just/a/path")).toEqual({ url: { scheme: "", host: "", rawQuery: "", fragment: "" } });
  });

  it("gives Go's errors", () => {
    expect(parseGoUrl(":foo")).toEqual({ error: `parse ":foo": missing protocol scheme` });
    expect(parseGoUrl("https://host:port/")).toEqual({ error: `parse "https://host:port/": invalid port ":port" after host` });
    expect(parseGoUrl("https://host/%zz")).toEqual({ error: `parse "https://host/%zz": invalid URL escape "%zz"` });
    expect(parseGoUrl("https://ho st/")).toEqual({ error: `parse "https://ho st/": invalid character " " in host name` });
    expect(parseGoUrl("https://[::1/")).toEqual({ error: `parse "https://[::1/": missing ']' in host` });
    expect(parseGoUrl("a:b/c:d".replace("a:", "1a:"))).toEqual({ error: `parse "1a:b/c:d": first path segment in URL cannot contain colon` });
    expect(parseGoUrl("https://host/\n")).toEqual({ error: `parse "https://host/\\n": net/url: invalid control character in URL` });
  });
});
