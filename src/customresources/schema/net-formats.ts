// The address checks behind the ipv4, ipv6, cidr and mac formats of kube-openapi's format registry: Go's
// net.ParseIP (strict, ipv6), k8s.io/utils/net's ParseIPSloppy and ParseCIDRSloppy (Go 1.16 parsing: IPv4
// octets may have leading zeros; ipv4, cidr) and net.ParseMAC.

const big = 0xffffff;

/** dtoi: leading decimal digits; [value, characters consumed] or undefined when none or too big. */
function dtoi(s: string, from: number): [number, number] | undefined {
  let n = 0;
  let i = from;
  for (; i < s.length && s[i] >= "0" && s[i] <= "9"; i++) {
    n = n * 10 + (s.charCodeAt(i) - 48);
    if (n >= big) return undefined;
  }
  return i === from ? undefined : [n, i - from];
}

function hexDigit(c: string): number {
  if (c >= "0" && c <= "9") return c.charCodeAt(0) - 48;
  if (c >= "a" && c <= "f") return c.charCodeAt(0) - 87;
  if (c >= "A" && c <= "F") return c.charCodeAt(0) - 55;
  return -1;
}

/** xtoi: leading hex digits; [value, characters consumed] or undefined. */
function xtoi(s: string, from: number, maxDigits = Infinity): [number, number] | undefined {
  let n = 0;
  let i = from;
  for (; i < s.length; i++) {
    const d = hexDigit(s[i]);
    if (d < 0) break;
    if (i - from >= maxDigits) return undefined;
    n = n * 16 + d;
    if (n >= big) return undefined;
  }
  return i === from ? undefined : [n, i - from];
}

/** Go 1.16's parseIPv4 (leading zeros allowed). */
function sloppyIPv4(s: string): boolean {
  let pos = 0;
  for (let i = 0; i < 4; i++) {
    if (pos >= s.length) return false;
    if (i > 0) {
      if (s[pos] !== ".") return false;
      pos++;
    }
    const r = dtoi(s, pos);
    if (!r || r[0] > 0xff) return false;
    pos += r[1];
  }
  return pos === s.length;
}

/** netip's IPv4 parsing: four decimal octets, no leading zeros. */
function strictIPv4(s: string): boolean {
  const parts = s.split(".");
  if (parts.length !== 4) return false;
  return parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

/** Go's IPv6 parsing; `strict` is netip's (at most four hex digits a group, strict embedded IPv4). */
function parseIPv6(s: string, strict: boolean): boolean {
  let groups = 0; // 16-bit groups filled
  let ellipsis = false;
  let pos = 0;
  if (s.startsWith("::")) {
    ellipsis = true;
    pos = 2;
    if (pos === s.length) return true;
  }
  while (groups < 8) {
    const r = xtoi(s, pos, strict ? 4 : Infinity);
    if (!r || r[0] > 0xffff) return false;
    if (pos + r[1] < s.length && s[pos + r[1]] === ".") {
      if (!ellipsis && groups !== 6) return false;
      if (groups + 2 > 8) return false;
      if (!(strict ? strictIPv4(s.slice(pos)) : sloppyIPv4(s.slice(pos)))) return false;
      pos = s.length;
      groups += 2;
      break;
    }
    groups++;
    pos += r[1];
    if (pos === s.length) break;
    if (s[pos] !== ":" || pos + 1 === s.length) return false;
    pos++;
    if (s[pos] === ":") {
      if (ellipsis) return false;
      ellipsis = true;
      pos++;
      if (pos === s.length) break;
    }
  }
  if (pos !== s.length) return false;
  if (groups < 8) return ellipsis;
  return !ellipsis; // an ellipsis must stand for at least one group
}

/** ParseIPSloppy: the first '.' or ':' decides the family. */
function parseIPSloppy(s: string): boolean {
  for (const c of s) {
    if (c === ".") return sloppyIPv4(s);
    if (c === ":") return parseIPv6(s, false);
  }
  return false;
}

/** net.ParseIP (netip based): no zone, no leading zeros in IPv4 octets. */
function parseIP(s: string): boolean {
  for (const c of s) {
    if (c === ".") return strictIPv4(s);
    if (c === ":") return parseIPv6(s, true);
    if (c === "%") return false;
  }
  return false;
}

function isIPv4(s: string): boolean {
  return parseIPSloppy(s) && s.includes(".");
}

function isIPv6(s: string): boolean {
  return parseIP(s) && s.includes(":");
}

function isCIDR(s: string): boolean {
  const slash = s.indexOf("/");
  if (slash < 0) return false;
  const addr = s.slice(0, slash);
  const mask = s.slice(slash + 1);
  let bits = 32;
  if (!sloppyIPv4(addr)) {
    bits = 128;
    if (!parseIPv6(addr, false)) return false;
  }
  const n = dtoi(mask, 0);
  return n !== undefined && n[1] === mask.length && n[0] <= bits;
}

/** xtoi2: two hex digits, then `sep` if anything follows. */
function xtoi2(s: string, at: number, sep: string | undefined): boolean {
  if (s.length > at + 2 && sep !== undefined && s[at + 2] !== sep) return false;
  return hexDigit(s[at] ?? "") >= 0 && hexDigit(s[at + 1] ?? "") >= 0;
}

function isMAC(s: string): boolean {
  if (s.length < 14) return false;
  if (s[2] === ":" || s[2] === "-") {
    if ((s.length + 1) % 3 !== 0) return false;
    const n = (s.length + 1) / 3;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let i = 0, x = 0; i < n; i++, x += 3) if (!xtoi2(s, x, s[2])) return false;
    return true;
  }
  if (s[4] === ".") {
    if ((s.length + 1) % 5 !== 0) return false;
    const n = (2 * (s.length + 1)) / 5;
    if (n !== 6 && n !== 8 && n !== 20) return false;
    for (let i = 0, x = 0; i < n; i += 2, x += 5) {
      if (!xtoi2(s.slice(x, x + 2), 0, undefined) || !xtoi2(s, x + 2, s[4])) return false;
    }
    return true;
  }
  return false;
}

export const netFormats = { isIPv4, isIPv6, isCIDR, isMAC };
