import { describe, expect, it } from "vitest";
import { relayMessage, relayMessages } from "./watch-event.ts";

const concat = (parts: Uint8Array[]) => Buffer.concat(parts.map((p) => Buffer.from(p)));

describe("relayMessages", () => {
  it("cuts a round into messages of bounded size that together are the round's stream bytes", () => {
    const lines = Array.from({ length: 7 }, (_, i) => JSON.stringify({ type: "ADDED", object: { n: i, pad: "x".repeat(400) } }));
    const messages = relayMessages(lines, 1000);
    expect(messages.length).toBe(4); // two ~430-byte events fit in 1000 bytes
    for (const m of messages) expect(m.byteLength).toBeLessThanOrEqual(1000);
    expect(concat(messages)).toEqual(Buffer.from(relayMessage(lines)));
  });

  it("sends an event larger than the bound as a message of its own", () => {
    const big = "y".repeat(5000);
    const messages = relayMessages(["a", big, "b"], 1000);
    expect(messages.map((m) => Buffer.from(m).toString())).toEqual(["a\n", `${big}\n`, "b\n"]);
  });

  it("frames protobuf events the same way across messages", () => {
    const events = [new Uint8Array(600).fill(1), new Uint8Array(600).fill(2)];
    const messages = relayMessages(events, 1000);
    expect(messages.length).toBe(2);
    expect(concat(messages)).toEqual(Buffer.from(relayMessage(events)));
  });
});
