import { describe, expect, it } from "vitest";
import { isEmail } from "./email-format.ts";

describe("isEmail (net/mail.ParseAddress)", () => {
  it("accepts kube-openapi's valid samples and display names", () => {
    for (const s of [
      "blah@gmail.com",
      "test@d.verylongtoplevel",
      "email+tag@gmail.com",
      `" "@example.com`,
      `"Abc\\@def"@example.com`,
      `"Fred Bloggs"@example.com`,
      `"Joe\\\\Blow"@example.com`,
      `"Abc@def"@example.com`,
      "customer/department=shipping@example.com",
      "!#$%&'*+-/=?^_`{}|~@example.com",
      "Miles.O'Brian@example.com",
      "postmaster@☁→❄→☃→☀→☺→☂→☹→✝.ws",
      "root@localhost",
      "John Doe <john@example.com>",
      `"Doe, John" <john@example.com>`,
      "<john@example.com>",
      "john@[192.0.2.1]",
    ]) {
      expect(isEmail(s), s).toBe(true);
    }
  });

  it("refuses what ParseAddress refuses", () => {
    for (const s of ["somebody@somewhere@com", "", "plain", "a@", "@b.c", "a..b@c.d", ".a@b.c", "a@b..c", "John <john@example.com", "a@b.c d", "a@[not-an-ip]"]) {
      expect(isEmail(s), s).toBe(false);
    }
  });
});
