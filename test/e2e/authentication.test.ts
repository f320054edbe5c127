// Authentication with the real kubectl: `kubectl create token`, `kubectl auth whoami` as the service account,
// kubeconfigs minted by `npm run kubeconfig` for a service account and a static-token user, and a deleted
// service account's token refused.
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeBinary, ROOT } from "../../scripts/lib/spawn-server.mjs";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "edge-kube-auth-"));
  server = await startServer({ dir });
});
afterAll(async () => {
  await server?.stop();
  await rm(dir, { recursive: true, force: true });
});

const ok = (...args: string[]) => server.kubectlOk(args);

/** `npm run kubeconfig -- args` against the test server's files; answers the kubeconfig's path. */
function mintKubeconfig(args: string[]): Promise<string> {
  const env = { ...process.env, KUBECONFIG_OUT: server.kubeconfig, STATIC_TOKENS_FILE: join(dir, "static-tokens.csv") };
  return new Promise((done, fail) => {
    execFile(nodeBinary(), ["scripts/kubeconfig.mjs", ...args], { cwd: ROOT, env }, (error, stdout, stderr) =>
      error ? fail(new Error(`kubeconfig ${args.join(" ")}: ${stderr}`)) : done(stdout.trim()),
    );
  });
}

describe("service account tokens with kubectl", () => {
  it("kubectl create token, then auth whoami as the service account; deleting it revokes the token", async () => {
    await ok("create", "namespace", "auth-e2e");
    await ok("create", "serviceaccount", "builder", "-n", "auth-e2e");
    const uid = (await ok("get", "serviceaccount", "builder", "-n", "auth-e2e", "-o", "jsonpath={.metadata.uid}")).trim();
    const token = (await ok("create", "token", "builder", "-n", "auth-e2e", "--duration", "20m")).trim();
    expect(token.split(".")).toHaveLength(3);

    const who = JSON.parse(await ok("auth", "whoami", "--token", token, "-o", "json"));
    expect(who).toMatchObject({
      apiVersion: "authentication.k8s.io/v1",
      kind: "SelfSubjectReview",
      status: {
        userInfo: {
          username: "system:serviceaccount:auth-e2e:builder",
          uid,
          groups: ["system:serviceaccounts", "system:serviceaccounts:auth-e2e", "system:authenticated"],
        },
      },
    });
    const table = await ok("auth", "whoami", "--token", token);
    expect(table).toMatch(/^ATTRIBUTE\s+VALUE$/m);
    expect(table).toMatch(/^Username\s+system:serviceaccount:auth-e2e:builder$/m);
    expect(table).toMatch(/^Groups\s+\[system:serviceaccounts system:serviceaccounts:auth-e2e system:authenticated\]$/m);

    // A token bound to a secret, too (kubectl create token --bound-object-kind).
    await ok("create", "secret", "generic", "anchor", "-n", "auth-e2e");
    const bound = (await ok("create", "token", "builder", "-n", "auth-e2e", "--bound-object-kind", "Secret", "--bound-object-name", "anchor")).trim();
    expect(JSON.parse(await ok("auth", "whoami", "--token", bound, "-o", "json")).status.userInfo.username).toBe("system:serviceaccount:auth-e2e:builder");

    await ok("delete", "serviceaccount", "builder", "-n", "auth-e2e");
    let refused;
    for (let i = 0; i < 50; i++) {
      refused = await server.kubectl(["auth", "whoami", "--token", token]);
      if (refused.code !== 0) break;
      await new Promise((done) => setTimeout(done, 200));
    }
    expect(refused?.code).toBe(1);
    expect(refused?.stderr).toContain("Unauthorized");
    const bogus = await server.kubectl(["get", "pods", "--token", "not-a-token"]);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toContain("error: You must be logged in to the server (Unauthorized)");
  });

  it("npm run kubeconfig mints a kubeconfig for a service account", async () => {
    await ok("create", "namespace", "mint");
    await ok("create", "serviceaccount", "deployer", "-n", "mint");
    const path = await mintKubeconfig(["--serviceaccount", "mint/deployer", "--out", join(dir, "deployer.config")]);
    expect(path).toBe(join(dir, "deployer.config"));
    const who = JSON.parse(await ok("--kubeconfig", path, "auth", "whoami", "-o", "json"));
    expect(who.status.userInfo.username).toBe("system:serviceaccount:mint:deployer");
  });

  it("npm run kubeconfig mints a static-token user, loaded when the server restarts", async () => {
    const path = await mintKubeconfig(["--user", "alice", "--group", "devs", "--group", "qa", "--out", join(dir, "alice.config")]);
    await server.stop();
    server = await startServer({ dir });
    // The restarted server listens on another port: the minted kubeconfig's server is overridden.
    const who = JSON.parse(await ok("--kubeconfig", path, "--server", server.url, "auth", "whoami", "-o", "json"));
    expect(who.status.userInfo).toMatchObject({ username: "alice", groups: ["devs", "qa", "system:authenticated"] });
  });
});
