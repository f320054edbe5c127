// kube's quantity library: quantity("1.5Gi"), isQuantity, and sign, compareTo, isGreaterThan, isLessThan,
// add, sub, asInteger, isInteger, asApproximateFloat. A quantity is held as an exact fraction, so arithmetic and
// comparison are exact as resource.Quantity's are (its canonical string form is not needed by any function).

import { EvaluationError, type Environment } from "@marcbachmann/cel-js";

export class Quantity {
  constructor(
    readonly num: bigint,
    readonly den: bigint,
  ) {}
}

const formatError =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

const binarySuffixes: Record<string, bigint> = {
  Ki: 1024n,
  Mi: 1024n ** 2n,
  Gi: 1024n ** 3n,
  Ti: 1024n ** 4n,
  Pi: 1024n ** 5n,
  Ei: 1024n ** 6n,
};
const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

function fail(message: string): never {
  throw new EvaluationError({ code: "invalid_quantity", message });
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b) [a, b] = [b, a % b];
  return a || 1n;
}

function fraction(num: bigint, den: bigint): Quantity {
  const g = gcd(num, den);
  return new Quantity(num / g, den / g);
}

/** resource.ParseQuantity's grammar, as an exact fraction; throws its error text. */
export function parseQuantity(text: string): Quantity {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(text);
  if (!m || (m[2] === "" && (m[3] ?? "") === "") || !/^[eEinumkKMGTP]*[-+]?[0-9]*$/.test(m[4])) fail(formatError);
  const [, sign, whole, frac = "", suffix] = m;
  let num = BigInt((whole || "0") + frac);
  let den = 10n ** BigInt(frac.length);
  if (suffix in binarySuffixes) {
    num *= binarySuffixes[suffix];
  } else {
    let exponent: number;
    if (suffix in decimalSuffixes) exponent = decimalSuffixes[suffix];
    else if (/^[eE][-+]?\d+$/.test(suffix)) exponent = Number(suffix.slice(1));
    else fail("unable to parse quantity's suffix");
    if (Math.abs(exponent) > 1000) fail("unable to parse quantity's suffix");
    if (exponent >= 0) num *= 10n ** BigInt(exponent);
    else den *= 10n ** BigInt(-exponent);
  }
  return fraction(sign === "-" ? -num : num, den);
}

function compare(a: Quantity, b: Quantity): bigint {
  const d = a.num * b.den - b.num * a.den;
  return d > 0n ? 1n : d < 0n ? -1n : 0n;
}

function add(a: Quantity, b: Quantity, sign: bigint): Quantity {
  return fraction(a.num * b.den + sign * b.num * a.den, a.den * b.den);
}

const maxInt = 2n ** 63n - 1n;
const minInt = -(2n ** 63n);

function asInteger(q: Quantity): bigint | undefined {
  if (q.den !== 1n || q.num > maxInt || q.num < minInt) return undefined;
  return q.num;
}

export function registerQuantityLibrary(env: Environment): void {
  env.registerType("kubernetes.Quantity", Quantity);
  env.registerOperator("kubernetes.Quantity == kubernetes.Quantity", (a: Quantity, b: Quantity) => compare(a, b) === 0n);
  env.registerFunction("quantity(string): kubernetes.Quantity", parseQuantity);
  env.registerFunction("isQuantity(string): bool", (text: string) => {
    try {
      parseQuantity(text);
      return true;
    } catch {
      return false;
    }
  });
  // kube declares sign as a global function and documents it as a method; both forms are taken.
  const sign = (q: Quantity) => (q.num > 0n ? 1n : q.num < 0n ? -1n : 0n);
  env.registerFunction("sign(kubernetes.Quantity): int", sign);
  env.registerFunction("kubernetes.Quantity.sign(): int", sign);
  env.registerFunction("kubernetes.Quantity.compareTo(kubernetes.Quantity): int", compare);
  env.registerFunction("kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool", (a: Quantity, b: Quantity) => compare(a, b) === 1n);
  env.registerFunction("kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool", (a: Quantity, b: Quantity) => compare(a, b) === -1n);
  env.registerFunction("kubernetes.Quantity.add(kubernetes.Quantity): kubernetes.Quantity", (a: Quantity, b: Quantity) => add(a, b, 1n));
  env.registerFunction("kubernetes.Quantity.add(int): kubernetes.Quantity", (a: Quantity, b: bigint) => add(a, new Quantity(b, 1n), 1n));
  env.registerFunction("kubernetes.Quantity.sub(kubernetes.Quantity): kubernetes.Quantity", (a: Quantity, b: Quantity) => add(a, b, -1n));
  env.registerFunction("kubernetes.Quantity.sub(int): kubernetes.Quantity", (a: Quantity, b: bigint) => add(a, new Quantity(b, 1n), -1n));
  env.registerFunction("kubernetes.Quantity.isInteger(): bool", (q: Quantity) => asInteger(q) !== undefined);
  env.registerFunction("kubernetes.Quantity.asInteger(): int", (q: Quantity) => {
    const value = asInteger(q);
    if (value === undefined) fail("cannot convert value to integer");
    return value;
  });
  env.registerFunction("kubernetes.Quantity.asApproximateFloat(): double", (q: Quantity) => Number(q.num) / Number(q.den));
}
