// Bindings the workerd tests add to the Worker's own.
import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { Env } from "../../src/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends import("../../src/env.ts").Env {
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
export type { Env };
