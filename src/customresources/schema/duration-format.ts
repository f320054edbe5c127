// The "duration" format of kube-openapi's registry: Go's time.ParseDuration ("1h30m", "-1.5s"), or else any
// `<digits><space><unit>` run with a Scala-style unit ("3 days", "10 minutes") anywhere in the string.

const goUnits: Record<string, number> = {
  ns: 1,
  us: 1e3,
  "\u00b5s": 1e3,
  "\u03bcs": 1e3,
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

const maxDuration = 2 ** 63 - 1;

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= "0" && c <= "9";
}

/** time.ParseDuration accepts `s`. */
function goParses(input: string): boolean {
  let s = input;
  if (s[0] === "-" || s[0] === "+") s = s.slice(1);
  if (s === "0") return true;
  if (s === "") return false;
  let total = 0;
  let pos = 0;
  while (pos < s.length) {
    if (!(s[pos] === "." || isDigit(s[pos]))) return false;
    const intStart = pos;
    while (isDigit(s[pos])) pos++;
    const pre = pos > intStart;
    const intPart = s.slice(intStart, pos);
    let fracPart = "";
    let post = false;
    if (s[pos] === ".") {
      pos++;
      const fracStart = pos;
      while (isDigit(s[pos])) pos++;
      post = pos > fracStart;
      fracPart = s.slice(fracStart, pos);
    }
    if (!pre && !post) return false;
    const unitStart = pos;
    while (pos < s.length && s[pos] !== "." && !isDigit(s[pos])) pos++;
    if (pos === unitStart) return false;
    const unit = goUnits[s.slice(unitStart, pos)];
    if (unit === undefined) return false;
    const v = intPart === "" ? 0 : Number(intPart);
    if (v > maxDuration / unit) return false; // overflow
    total += v * unit + (fracPart === "" ? 0 : Number(`0.${fracPart}`) * unit);
    if (total > maxDuration) return false;
  }
  return true;
}

const unitVariants: readonly (readonly string[])[] = [
  ["ns", "nano"],
  ["us", "\u00b5s", "micro"],
  ["ms", "milli"],
  ["s", "sec"],
  ["m", "min"],
  ["h", "hr", "hour"],
  ["d", "day"],
  ["w", "wk", "week"],
];

const scalaDuration = /(\d+)[\t\n\f\r ]*([A-Za-z\u00b5]+)/g;

function knownUnit(unit: string): boolean {
  return unitVariants.some((variants) =>
    variants.some((variant, i) => (i === variants.length - 1 && unit.startsWith(variant)) || variant === unit),
  );
}

export function isDuration(s: string): boolean {
  if (goParses(s)) return true;
  let ok = false;
  for (const match of s.matchAll(scalaDuration)) {
    if (BigInt(match[1]) > 9223372036854775807n) return false; // strconv.Atoi fails: the whole parse fails
    if (knownUnit(match[2].toLowerCase())) ok = true;
  }
  return ok;
}
