import { exports, env } from "cloudflare:workers";
import { expect, it } from "vitest";

it("serves healthz and reaches a Durable Object", async () => {
  const res = await exports.default.fetch("https://k/healthz");
  expect(await res.text()).toBe("ok");
  const stub = env.SHARDS.get(env.SHARDS.idFromName("x"));
  expect(await stub.ping()).toBe("pong");
});
