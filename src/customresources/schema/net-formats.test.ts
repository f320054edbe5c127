import { describe, expect, it } from "vitest";
import { netFormats } from "./net-formats.ts";

describe("netFormats", () => {
  it("ipv4: ParseIPSloppy (leading zeros allowed); an IPv6 form holding a dot passes", () => {
    for (const s of ["127.0.0.1", "192.168.1.1", "192.168.1.01", "010.0.0.1", "::ffff:1.2.3.4"]) expect(netFormats.isIPv4(s), s).toBe(true);
    for (const s of ["198.168.254.2.2", "256.1.1.1", "1.2.3", "::1", "", "1.2.3.4 ", "a.b.c.d"]) expect(netFormats.isIPv4(s), s).toBe(false);
  });

  it("ipv6: net.ParseIP with a colon", () => {
    for (const s of ["::1", "::", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::ffff:1.2.3.4"]) expect(netFormats.isIPv6(s), s).toBe(true);
    for (const s of ["127.0.0.1", "1:2:3:4:5:6:7:8:9", "1::2::3", "fe80::1%eth0", "12345::1", "::ffff:1.2.3.04", ":1", "1:"]) expect(netFormats.isIPv6(s), s).toBe(false);
  });

  it("cidr: ParseCIDRSloppy", () => {
    for (const s of ["192.0.2.1/24", "192.0.02.1/24", "2001:db8:a0b:12f0::1/32", "10.0.0.0/0", "::/128"]) expect(netFormats.isCIDR(s), s).toBe(true);
    for (const s of ["198.168.254.2", "2001:db8:a0b:12f0::1", "10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/8x"]) expect(netFormats.isCIDR(s), s).toBe(false);
  });

  it("mac: net.ParseMAC", () => {
    for (const s of ["01:02:03:04:05:06", "01-02-03-04-05-06", "0102.0304.0506", "01:02:03:04:05:06:07:08", "AA:bb:CC:dd:EE:ff"]) expect(netFormats.isMAC(s), s).toBe(true);
    for (const s of ["01:02:03:04:05", "01:02-03:04:05:06", "0102.0304.050", "01:02:03:04:05:0g", "010203040506"]) expect(netFormats.isMAC(s), s).toBe(false);
  });
});
