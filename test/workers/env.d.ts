// Bindings the workerd tests add to the Worker's own, and the Worker's exports.
import type { D1Migration } from "@cloudflare/vitest-plugin";
import type { Env as WorkerEnv } from "../../src/env.ts";

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      /** Private keys of test/workers/support/auth-bindings.ts, for tests that sign tokens themselves. */
      TEST_ROTATED_KEY: string;
      TEST_FOREIGN_KEY: string;
      TEST_OIDC_KEY: string;
    }
    interface GlobalProps {
      mainModule: typeof import("../../src/index.ts");
    }
  }
}
