// Random and mutated bodies, from a seeded generator so that a failure replays: decoding never throws, and
// answers either an object or a 400 Status. What decodes re-encodes to the same object.

import { describe, expect, it } from "vitest";
import { kinds } from "../../resources/catalog.ts";
import type { KindDefinition } from "../../resources/definition.ts";
import { kubectlBodies } from "./fixtures/kubectl-create.ts";
import { decodeKubeObject, encodeKubeObject, type DecodedObject } from "./kube-object.ts";
import { protobufMagic } from "./envelope.ts";

/** mulberry32: a small, fast, seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomBytes(next: () => number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.floor(next() * 256);
  return out;
}

function mutate(next: () => number, input: Uint8Array): Uint8Array {
  const bytes = [...input];
  const int = (n: number) => Math.floor(next() * n);
  const edits = 1 + int(4);
  for (let e = 0; e < edits; e++) {
    const at = int(bytes.length + 1);
    switch (int(6)) {
      case 0: // flip a bit
        if (bytes.length) bytes[at % bytes.length] ^= 1 << int(8);
        break;
      case 1: // replace a byte
        if (bytes.length) bytes[at % bytes.length] = int(256);
        break;
      case 2: // insert random bytes
        bytes.splice(at, 0, ...randomBytes(next, 1 + int(6)));
        break;
      case 3: // delete a range
        bytes.splice(at, 1 + int(8));
        break;
      case 4: // truncate
        bytes.length = Math.min(bytes.length, at);
        break;
      case 5: // repeat a slice
        bytes.splice(at, 0, ...bytes.slice(int(bytes.length + 1), int(bytes.length + 1)));
        break;
    }
  }
  return Uint8Array.from(bytes);
}

function expectValue(result: DecodedObject, def: KindDefinition): void {
  if (!result.ok) {
    expect(result.status).toMatchObject({ kind: "Status", apiVersion: "v1", status: "Failure", code: 400, reason: "BadRequest" });
    expect(typeof result.status.message).toBe("string");
    return;
  }
  expect(result.object.kind).toBe(def.kind);
  // What decodes encodes again, and decodes to the same object.
  expect(decodeKubeObject(encodeKubeObject(result.object, def), def)).toEqual(result);
}

const byPlural = (plural: string) => kinds.find((k) => k.group === "" && k.plural === plural)!;

const seeds: { def: KindDefinition; bytes: Uint8Array }[] = kubectlBodies.map((b) => ({
  def: byPlural(b.plural),
  bytes: new Uint8Array(Buffer.from(b.hex, "hex")),
}));

describe("malformed bodies never throw", () => {
  it("random bytes, with and without the magic, for every kind", () => {
    const next = prng(0x5eed);
    let decoded = 0;
    for (let i = 0; i < 4000; i++) {
      const def = kinds[i % kinds.length];
      const body = randomBytes(next, Math.floor(next() * 160));
      const withMagic = i % 2 === 0 ? Uint8Array.from([...protobufMagic, ...body]) : body;
      const result = decodeKubeObject(withMagic, def);
      expectValue(result, def);
      if (result.ok) decoded++;
    }
    expect(decoded).toBeLessThan(4000);
  });

  it("mutations of the bodies kubectl sends", () => {
    const next = prng(42);
    const outcomes = { ok: 0, refused: 0 };
    for (let i = 0; i < 6000; i++) {
      const seed = seeds[i % seeds.length];
      const result = decodeKubeObject(mutate(next, seed.bytes), seed.def);
      expectValue(result, seed.def);
      outcomes[result.ok ? "ok" : "refused"]++;
    }
    // Both paths are exercised: many mutations still decode, many are refused.
    expect(outcomes.ok).toBeGreaterThan(300);
    expect(outcomes.refused).toBeGreaterThan(300);
  });

  it("a valid envelope around random content, for every kind", () => {
    const next = prng(7);
    for (let i = 0; i < 3000; i++) {
      const def = kinds[i % kinds.length];
      const raw = randomBytes(next, Math.floor(next() * 120));
      const body = Uint8Array.from([...protobufMagic, 0x12, ...varint(raw.length), ...raw]);
      expectValue(decodeKubeObject(body, def), def);
    }
  });

  it("well-formed messages of random fields, for every kind", () => {
    const next = prng(2024);
    const outcomes = { ok: 0, refused: 0 };
    for (let i = 0; i < 4000; i++) {
      const def = kinds[i % kinds.length];
      const raw = Uint8Array.from(randomMessage(next, 0));
      const body = Uint8Array.from([...protobufMagic, 0x12, ...varint(raw.length), ...raw]);
      const result = decodeKubeObject(body, def);
      expectValue(result, def);
      outcomes[result.ok ? "ok" : "refused"]++;
    }
    expect(outcomes.ok).toBeGreaterThan(200);
    expect(outcomes.refused).toBeGreaterThan(200);
  });
});

/** A syntactically valid message: random small field numbers, each with a value of a random wire type. */
function randomMessage(next: () => number, depth: number): number[] {
  const out: number[] = [];
  const fields = Math.floor(next() * 6);
  for (let f = 0; f < fields; f++) {
    const number = 1 + Math.floor(next() * 18);
    const wireType = [0, 0, 1, 2, 2, 2, 5][Math.floor(next() * 7)];
    out.push(...varint((number << 3) | wireType));
    if (wireType === 0) out.push(...varint(Math.floor(next() * 2 ** 31)));
    else if (wireType === 1) out.push(...randomBytes(next, 8));
    else if (wireType === 5) out.push(...randomBytes(next, 4));
    else {
      const content = depth < 3 && next() < 0.6 ? randomMessage(next, depth + 1) : [...new TextEncoder().encode(String(next()).slice(2, 2 + Math.floor(next() * 10)))];
      out.push(...varint(content.length), ...content);
    }
  }
  return out;
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
