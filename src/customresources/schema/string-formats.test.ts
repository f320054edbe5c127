import { describe, expect, it } from "vitest";
import { formatChecker } from "./string-formats.ts";

function checks(format: string, valid: readonly string[], invalid: readonly string[]): void {
  const check = formatChecker(format);
  expect(check, format).toBeDefined();
  for (const s of valid) expect(check?.(s), `${format} ${JSON.stringify(s)}`).toBe(true);
  for (const s of invalid) expect(check?.(s), `${format} ${JSON.stringify(s)}`).toBe(false);
}

// Samples from kube-openapi's strfmt tests, plus the edges of each Go parser.
describe("formatChecker", () => {
  it("knows only the formats apiextensions supports, names compared without dashes", () => {
    for (const f of ["int32", "int64", "float", "double", "binary", "my-format", "Date", ""]) expect(formatChecker(f), f).toBeUndefined();
    expect(formatChecker("date-time")).toBe(formatChecker("datetime"));
    expect(formatChecker("k8s-short-name")).toBeDefined();
    expect(formatChecker("bsonobjectid")?.("507f1f77bcf86cd799439011")).toBe(true);
  });

  it("hostname", () => {
    checks(
      "hostname",
      ["somewhere.com", "888.com", "a.b.c.d.e.com", "1.2.3.4.com", "xn--bcher-kva.example.com", "☁→❄→☃→☀→☺→☂→☹→✝.ws", "www.example.ôlà", "ex$ample", "localhost", "x", "x-y", "ex=ample.com", "<foo>", "www.詹姆斯.london"],
      ["somewhere.com!", "user@email.domain", "1.1.1.1", "a".repeat(256), `x.y.${"a".repeat(64)}`, "www.example-.org", "-www.example.org", "www.ex ample.org", "_www.example.org", "www.詹姆斯.x", "a.b.c.d", "x."],
    );
  });

  it("uuid family, isbn, colors, ssn, credit cards, base64", () => {
    checks("uuid", ["f81d4fae-7dec-11d0-a765-00a0c91e6bf6", "F81D4FAE7DEC11D0A76500A0C91E6BF6"], ["not-a-uuid", "f81d4fae-7dec-11d0-a765-00a0c91e6bf"]);
    checks("uuid3", ["a3bb189e-8bf9-3888-9912-ace4e6543002"], ["a3bb189e-8bf9-4888-9912-ace4e6543002"]);
    checks("uuid4", ["f47ac10b-58cc-4372-a567-0e02b2c3d479"], ["f47ac10b-58cc-4372-c567-0e02b2c3d479"]);
    checks("uuid5", ["886313e1-3b8a-5372-9b90-0c9aee199e5d"], ["886313e1-3b8a-4372-9b90-0c9aee199e5d"]);
    checks("isbn", ["0321751043", "978-0321751041"], ["836217463"]);
    checks("isbn10", ["0321751043", "0-321-75104-3"], ["836217463", "978-0321751041"]);
    checks("isbn13", ["978-0321751041"], ["978-0321751042"]);
    checks("hexcolor", ["#FFFFFF", "#000", "fff"], ["#fffffffz", "#ff"]);
    checks("rgbcolor", ["rgb(255,255,255)", "rgb( 0 , 10 , 200 )"], ["rgb(300,0,0)", "rgb(0,0)"]);
    checks("ssn", ["111-11-1111", "999 99 9999"], ["999 99 999", "11111111111"]);
    checks("creditcard", ["4111-1111-1111-1111", "4012-8888-8888-1881"], ["9999-9999-9999-999", "4111-1111-1111-1112"]);
    checks("byte", ["aGk=", "aGVsbG8gd29ybGQ="], ["", "ZWxpemFiZXRocG9zZXk", "aGk"]);
    checks("password", ["anything at all", ""], []);
  });

  it("date and date-time", () => {
    checks("date", ["2024-02-29", "1999-12-31"], ["2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01T00:00:00Z", "24-01-01"]);
    checks(
      "date-time",
      ["2024-02-29T10:00:00Z", "2024-02-29t10:00:00.123+01:00", "2024-02-29T23:59:59-05:00"],
      ["2024-02-29", "2024-02-29T24:00:00Z", "2024-02-29T10:00:00", "yesterday", "2024-02-29 10:00:00Z"],
    );
  });

  it("k8s names", () => {
    checks("k8s-short-name", ["a", "my-name-1", "a".repeat(63)], ["a-", "A", "a.b", "a".repeat(64), ""]);
    checks("k8s-long-name", ["a.b.c", "my-name.example.com", `${"a".repeat(64)}.b`], ["a.-", "A.b", "a..b", `${"a".repeat(250)}.bcd`]);
  });
});
