// Parses client-go's JSONPath templates ("text {.a.b[0]} text"), node for node as k8s.io/client-go/util/jsonpath
// does, with its error messages; its quirks are kept: ['a.b'] means .a.b (escape dots: .a\.b), only single quotes
// make a bracket key, [*] is a slice, ..* is refused, identifiers other than range/end fail only when evaluated.

export interface SliceParam {
  value: number;
  known: boolean;
  /** The end of [i]: i+1, counted from the end when i is negative. */
  derived: boolean;
}

export interface ListNode {
  type: "list";
  nodes: JsonPathNode[];
}

export type JsonPathNode =
  | ListNode
  | { type: "text"; text: string }
  | { type: "field"; name: string }
  | { type: "array"; params: readonly [SliceParam, SliceParam, SliceParam] }
  | { type: "filter"; left: ListNode; right: ListNode; operator: string }
  | { type: "int"; value: number }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; lists: ListNode[] }
  | { type: "identifier"; name: string };

export type TemplateParse = { ok: true; nodes: JsonPathNode[] } | { ok: false; error: string };

class ParseFailure extends Error {}

const sliceOperator = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const dictKey = /^'([^']*)'$/;
const filterExpression = /^([^!<>=]+)([!<>=]+)([^\n]+?)$/u;

/** Parses a whole template: text outside braces, actions inside. */
export function parseTemplate(template: string): TemplateParse {
  try {
    return { ok: true, nodes: new Parser(template).parse() };
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, error: e.message };
    throw e;
  }
}

/** "{text}" parsed, its first action's list (client-go's parseAction). */
function parseAction(text: string): ListNode {
  return new Parser(`{${text}}`).parse()[0] as ListNode;
}

const isTerminator = (c: string): boolean => c === "" || " \t\r\n.,[]$@{}".includes(c);
const isAlphaNumeric = (c: string): boolean => /^[\p{L}\p{Nd}_]$/u.test(c);
const isDigit = (c: string): boolean => /^\p{Nd}$/u.test(c);

/** Go's %#U: U+002A '*' (the character only when printable). */
function describeRune(c: string): string {
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(c) ? `${code} '${c}'` : code;
}

class Parser {
  private readonly root: JsonPathNode[] = [];
  private pos = 0;
  private start = 0;

  constructor(private readonly input: string) {}

  parse(): JsonPathNode[] {
    this.parseText();
    return this.root;
  }

  /** The next character (a whole code point), "" at the end; advances. */
  private next(): string {
    if (this.pos >= this.input.length) return "";
    const c = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.pos += c.length;
    return c;
  }

  private peek(): string {
    return this.pos >= this.input.length ? "" : String.fromCodePoint(this.input.codePointAt(this.pos)!);
  }

  private consume(): string {
    const text = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return text;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  private parseText(): void {
    for (;;) {
      const open = this.input.indexOf("{", this.pos);
      if (open < 0) break;
      this.pos = open;
      if (this.pos > this.start) this.root.push({ type: "text", text: this.consume() });
      this.pos += 1;
      this.consume();
      const list: ListNode = { type: "list", nodes: [] };
      this.root.push(list);
      this.parseInsideAction(list.nodes);
    }
    this.pos = this.input.length;
    if (this.pos > this.start) this.root.push({ type: "text", text: this.consume() });
  }

  /** Parses an action up to its closing brace. */
  private parseInsideAction(cur: JsonPathNode[]): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith("}")) {
        this.pos += 1;
        this.consume();
        return;
      }
      if (rest.startsWith("[?(")) this.parseFilter(cur);
      else if (rest.startsWith("..")) this.parseRecursive(cur);
      else {
        const c = this.next();
        if (c === "" || c === "\r" || c === "\n") throw new ParseFailure("unclosed action");
        if (c === " " || c === "@" || c === "$") this.consume();
        else if (c === "[") this.parseArray(cur);
        else if (c === '"' || c === "'") this.parseQuote(cur, c);
        else if (c === ".") this.parseField(cur);
        else if (c === "+" || c === "-" || isDigit(c)) {
          this.pos -= c.length;
          this.parseNumber(cur);
        } else if (isAlphaNumeric(c)) {
          this.pos -= c.length;
          this.parseIdentifier(cur);
        } else throw new ParseFailure(`unrecognized character in action: ${describeRune(c)}`);
      }
    }
  }

  private parseIdentifier(cur: JsonPathNode[]): void {
    while (!isTerminator(this.peek())) this.next();
    const value = this.consume();
    cur.push(value === "true" || value === "false" ? { type: "bool", value: value === "true" } : { type: "identifier", name: value });
  }

  private parseRecursive(cur: JsonPathNode[]): void {
    if (cur.at(-1)?.type === "recursive") throw new ParseFailure("invalid multiple recursive descent");
    this.pos += 2;
    this.consume();
    cur.push({ type: "recursive" });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: JsonPathNode[]): void {
    const first = this.peek();
    if (first === "+" || first === "-") this.next();
    for (let c = this.peek(); c === "." || isDigit(c); c = this.peek()) this.next();
    const value = this.consume();
    if (/^[+-]?[0-9]+$/.test(value) && Math.abs(Number(value)) < 2 ** 63) cur.push({ type: "int", value: Number(value) });
    else if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value)) cur.push({ type: "float", value: Number(value) });
    else throw new ParseFailure(`cannot parse number ${value}`);
  }

  private parseArray(cur: JsonPathNode[]): void {
    for (;;) {
      const c = this.next();
      if (c === "" || c === "\n") throw new ParseFailure("unterminated array");
      if (c === "]") break;
    }
    let text = this.consume().slice(1, -1);
    if (text === "*") text = ":";

    const parts = text.split(",");
    if (parts.length > 1) {
      cur.push({ type: "union", lists: parts.map((part) => parseAction(`[${part.replace(/^ +| +$/g, "")}]`)) });
      return;
    }
    const key = dictKey.exec(text);
    if (key) {
      cur.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const slice = sliceOperator.exec(text);
    if (!slice) throw new ParseFailure(`invalid array index ${text}`);
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let part = slice[i + 1] ?? "";
      if (part === "") {
        params.push(i === 1 ? { value: params[0].value + 1, known: true, derived: true } : { value: 0, known: false, derived: false });
        continue;
      }
      if (i > 0) part = part.slice(1);
      if (i > 0 && part === "") params.push({ value: 0, known: false, derived: false });
      else if (/^-?[0-9]+$/.test(part) && Math.abs(Number(part)) < 2 ** 63) params.push({ value: Number(part), known: true, derived: false });
      else throw new ParseFailure(`array index ${part} is not a number`);
    }
    cur.push({ type: "array", params: [params[0], params[1], params[2]] });
  }

  private parseFilter(cur: JsonPathNode[]): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const before = this.input[this.pos - 1];
      const c = this.next();
      if (c === "" || c === "\n") throw new ParseFailure("unterminated filter");
      if (c === '"' || c === "'") {
        if (!begin) {
          begin = true;
          pair = c;
        } else if (before !== "\\" && c === pair) end = true;
      } else if (c === ")" && begin === end) break;
    }
    if (this.next() !== "]") throw new ParseFailure("unclosed array expect ]");
    const text = this.consume().slice(0, -2);
    const comparison = filterExpression.exec(text);
    if (!comparison) cur.push({ type: "filter", left: parseAction(text), right: { type: "list", nodes: [] }, operator: "exists" });
    else cur.push({ type: "filter", left: parseAction(comparison[1]), right: parseAction(comparison[3]), operator: comparison[2] });
  }

  private parseQuote(cur: JsonPathNode[], quote: string): void {
    for (;;) {
      const before = this.input[this.pos - 1];
      const c = this.next();
      if (c === "" || c === "\n") throw new ParseFailure("unterminated quoted string");
      if (c === quote && before !== "\\") break;
    }
    const value = this.consume();
    const text = unquote(value);
    if (text === undefined) throw new ParseFailure(`unquote string ${value} error invalid syntax`);
    cur.push({ type: "text", text });
  }

  private parseField(cur: JsonPathNode[]): void {
    this.consume();
    for (;;) {
      const c = this.next();
      if (c === "\\") this.next();
      else if (isTerminator(c)) {
        this.pos -= c.length;
        break;
      }
    }
    const value = this.consume();
    cur.push(value === "*" ? { type: "wildcard" } : { type: "field", name: value.replaceAll("\\", "") });
  }
}

const simpleEscapes: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };

/** Go's strconv.Unquote, also for single-quoted strings (client-go's UnquoteExtend); undefined when invalid. */
export function unquote(quoted: string): string | undefined {
  const quote = quoted[0];
  const s = quoted.slice(1, -1);
  if (!s.includes("\\") && !s.includes(quote)) return s;
  let out = "";
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === quote) return undefined;
    if (c !== "\\") {
      out += c;
      i++;
      continue;
    }
    const e = s[i + 1];
    if (e === undefined) return undefined;
    i += 2;
    if (Object.hasOwn(simpleEscapes, e)) out += simpleEscapes[e];
    else if (e === "'" || e === '"') {
      if (e !== quote) return undefined;
      out += e;
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = s.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return undefined;
      const code = parseInt(hex, 16);
      if (e !== "x" && (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))) return undefined;
      out += String.fromCodePoint(code);
      i += n;
    } else if (e >= "0" && e <= "7") {
      const octal = e + s.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(octal) || parseInt(octal, 8) > 255) return undefined;
      out += String.fromCharCode(parseInt(octal, 8));
      i += 2;
    } else return undefined;
  }
  return out;
}
