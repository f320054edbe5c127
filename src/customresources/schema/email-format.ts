// The "email" format of kube-openapi's registry: whether Go's net/mail.ParseAddress accepts the string as one
// address: `local@domain` or `Display Name <local@domain>`, RFC 5322 atoms and quoted strings (non-ASCII allowed
// as Go allows it), a domain literal only for an IP address. Comments and groups are not accepted here.

import { netFormats } from "./net-formats.ts";

const specials = new Set(["(", ")", "<", ">", "[", "]", ":", ";", "@", "\\", ",", '"']);

function isAtext(ch: string, dot: boolean): boolean {
  if (ch === ".") return dot;
  if (specials.has(ch)) return false;
  const c = ch.codePointAt(0) ?? 0;
  return (c >= 0x21 && c <= 0x7e) || c >= 0x80;
}

class Parser {
  pos = 0;
  constructor(readonly s: string) {}

  empty(): boolean {
    return this.pos >= this.s.length;
  }

  peek(): string {
    return this.s[this.pos];
  }

  skipSpace(): void {
    while (this.s[this.pos] === " " || this.s[this.pos] === "\t") this.pos++;
  }

  consume(ch: string): boolean {
    if (this.s[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  /** A dot-atom (`permissive` allows dots anywhere); undefined when invalid. */
  atom(permissive: boolean): string | undefined {
    const start = this.pos;
    while (!this.empty()) {
      const ch = String.fromCodePoint(this.s.codePointAt(this.pos) ?? 0);
      if (!isAtext(ch, true)) break;
      this.pos += ch.length;
    }
    const atom = this.s.slice(start, this.pos);
    if (atom === "") return undefined;
    if (!permissive && (atom.startsWith(".") || atom.endsWith(".") || atom.includes(".."))) return undefined;
    return atom;
  }

  /** A quoted string (without its quotes); undefined when invalid. */
  quoted(): string | undefined {
    if (!this.consume('"')) return undefined;
    let out = "";
    let escaped = false;
    while (!this.empty()) {
      const ch = String.fromCodePoint(this.s.codePointAt(this.pos) ?? 0);
      this.pos += ch.length;
      const c = ch.codePointAt(0) ?? 0;
      const vchar = (c >= 0x21 && c <= 0x7e) || c >= 0x80;
      const wsp = ch === " " || ch === "\t";
      if (escaped) {
        if (!vchar && !wsp) return undefined;
        out += ch;
        escaped = false;
      } else if (ch === "\\") escaped = true;
      else if (ch === '"') return out;
      else if (vchar || wsp) out += ch;
      else return undefined;
    }
    return undefined;
  }

  /** addr-spec; restores the position when it does not parse. */
  addrSpec(): boolean {
    const start = this.pos;
    const ok = this.addrSpecInner();
    if (!ok) this.pos = start;
    return ok;
  }

  private addrSpecInner(): boolean {
    this.skipSpace();
    if (this.empty()) return false;
    if (this.peek() === '"') {
      const local = this.quoted();
      if (!local) return false;
    } else if (this.atom(false) === undefined) return false;
    if (!this.consume("@")) return false;
    this.skipSpace();
    if (this.empty()) return false;
    if (this.peek() === "[") {
      const end = this.s.indexOf("]", this.pos);
      if (end < 0) return false;
      const literal = this.s.slice(this.pos + 1, end);
      this.pos = end + 1;
      return netFormats.isIPv4(literal) || netFormats.isIPv6(literal);
    }
    return this.atom(false) !== undefined;
  }

  /** phrase = 1*word, words atoms (dots allowed) or quoted strings. */
  phrase(): boolean {
    let words = 0;
    for (;;) {
      this.skipSpace();
      if (this.empty()) break;
      const word = this.peek() === '"' ? this.quoted() : this.atom(true);
      if (word === undefined) break;
      words++;
    }
    return words > 0;
  }
}

export function isEmail(s: string): boolean {
  const p = new Parser(s);
  p.skipSpace();
  if (p.empty()) return false;
  if (!p.addrSpec()) {
    if (p.peek() !== "<" && !p.phrase()) return false;
    p.skipSpace();
    if (!p.consume("<") || !p.addrSpec() || !p.consume(">")) return false;
  }
  p.skipSpace();
  return p.empty();
}
