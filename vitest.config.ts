// Three suites: pure unit tests in node, workerd tests against real D1 and Durable Objects, and e2e tests
// that start the server as a user does and drive it with the real kubectl.
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { authBindings } from "./test/workers/support/auth-bindings.ts";

export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["src/**/*.test.ts"], environment: "node" } },
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations("./migrations"), ADMIN_TOKEN: "test-admin-token", ...(await authBindings()) } },
          })),
        ],
        test: { name: "workers", include: ["test/workers/**/*.test.ts"], exclude: ["test/workers/watch-streams.test.ts"], setupFiles: ["test/workers/setup.ts"] },
      },
      {
        // HTTP watch streams held by the hub (HTTP_WATCH_STREAMS=hub), which the default configuration does not use.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS: await readD1Migrations("./migrations"), ADMIN_TOKEN: "test-admin-token", HTTP_WATCH_STREAMS: "hub", ...(await authBindings()) } },
          })),
        ],
        test: { name: "workers-hub-streams", include: ["test/workers/watch-streams.test.ts"], setupFiles: ["test/workers/setup.ts"] },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
