import { describe, expect, it } from "vitest";
import { decodeWatchEventMessage, encodeWatchEventMessage, lengthDelimited, splitFrames } from "./watch-frame.ts";

describe("protobuf watch frames", () => {
  it("encodes a WatchEvent as {type = 1, object = 2 {raw = 1}}", () => {
    const message = encodeWatchEventMessage("ADDED", Uint8Array.of(0x6b, 0x38, 0x73, 0x00, 1));
    // 0a 05 "ADDED" 12 07 (0a 05 k8s\0 01)
    expect([...message]).toEqual([0x0a, 5, ...new TextEncoder().encode("ADDED"), 0x12, 7, 0x0a, 5, 0x6b, 0x38, 0x73, 0x00, 1]);
    expect(decodeWatchEventMessage(message)).toEqual({ type: "ADDED", object: Uint8Array.of(0x6b, 0x38, 0x73, 0x00, 1) });
  });

  it("puts each message behind its 4-byte big-endian length", () => {
    const big = new Uint8Array(300).fill(7);
    const stream = lengthDelimited([Uint8Array.of(1, 2), big]);
    expect([...stream.subarray(0, 6)]).toEqual([0, 0, 0, 2, 1, 2]);
    expect([...stream.subarray(6, 10)]).toEqual([0, 0, 1, 44]);
    expect(splitFrames(stream)).toEqual({ frames: [Uint8Array.of(1, 2), big], rest: new Uint8Array(0) });
  });

  it("keeps an incomplete frame for the next chunk, at every cut", () => {
    const stream = lengthDelimited([Uint8Array.of(1, 2, 3), Uint8Array.of(4)]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const first = splitFrames(stream.subarray(0, cut));
      const joined = new Uint8Array([...first.rest, ...stream.subarray(cut)]);
      const second = splitFrames(joined);
      expect([...first.frames, ...second.frames].map((f) => [...f])).toEqual([[1, 2, 3], [4]]);
      expect(second.rest.length).toBe(0);
    }
  });
});
