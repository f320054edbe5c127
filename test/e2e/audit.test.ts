// The audit log as a user meets it: kubectl against `npm start`'s server, then `npm run audit` reading the
// server's local D1 state while it runs, printing one audit.k8s.io/v1 Event per line.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nodeBinary } from "../../scripts/lib/spawn-server.mjs";
import { useServer } from "./server.ts";

const server = useServer();

const ok = (...args: string[]) => server.kubectlOk(args);

/** `npm run audit -- <args>` against the server's state: its events, parsed. */
function audit(...args: string[]): Promise<Record<string, any>[]> {
  return new Promise((done, fail) => {
    execFile(nodeBinary(), ["scripts/audit.mjs", "--state", join(server.dir, "state"), ...args], { maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      if (error) fail(new Error(`audit ${args.join(" ")}: ${stderr}`));
      else done(stdout.split("\n").filter(Boolean).map((line) => JSON.parse(line)));
    });
  });
}

/** Events reach D1 a few hundred milliseconds after their request: asks until `enough` holds. */
async function auditUntil(enough: (events: Record<string, any>[]) => boolean, ...args: string[]) {
  for (let i = 0; i < 20; i++) {
    const events = await audit(...args);
    if (enough(events)) return events;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`audit ${args.join(" ")}: not there in time`);
}

describe("npm run audit", () => {
  it("prints kubectl's requests as audit events, filtered, with no secret data", async () => {
    await ok("create", "namespace", "audited");
    await ok("create", "secret", "generic", "db", "-n", "audited", "--from-literal=password=hunter2-e2e");
    await ok("delete", "secret", "db", "-n", "audited");
    const refused = await server.kubectl(["get", "pods", "-n", "audited", "--as", "jane"]);
    expect(refused.code).not.toBe(0);
    const unauthenticated = await server.kubectl(["get", "namespaces", "--token", "not-a-token"]);
    expect(unauthenticated.code).not.toBe(0);

    const all = await auditUntil((events) => events.some((e) => e.responseStatus?.code === 401), "--since", "10m");
    for (const event of all) {
      expect(event).toMatchObject({ kind: "Event", apiVersion: "audit.k8s.io/v1", level: "Metadata" });
      expect(JSON.stringify(event)).not.toContain("hunter2");
    }
    const secrets = all.filter((e) => e.objectRef?.resource === "secrets");
    expect(secrets.map((e) => [e.verb, e.objectRef.namespace, e.objectRef.name, e.responseStatus.code, e.user.username])).toEqual(
      expect.arrayContaining([
        ["create", "audited", "db", 201, "admin"],
        ["delete", "audited", "db", 200, "admin"],
      ]),
    );
    const failed = all.find((e) => e.responseStatus.code === 401)!;
    expect(failed).toMatchObject({ stage: "ResponseStarted", user: {}, verb: "list", objectRef: { resource: "namespaces" } });
    expect(failed.userAgent).toMatch(/^kubectl\//);

    const jane = await audit("--user", "jane", "--verb", "list,get");
    expect(jane).toHaveLength(1);
    expect(jane[0]).toMatchObject({
      user: { username: "admin" },
      impersonatedUser: { username: "jane" },
      objectRef: { resource: "pods", namespace: "audited" },
      responseStatus: { code: 403, reason: "Forbidden" },
      annotations: { "authorization.k8s.io/decision": "forbid" },
    });
    expect(await audit("--resource", "secrets", "-n", "audited", "--verb", "delete")).toHaveLength(1);
    expect(await audit("--code", "4xx", "--stage", "ResponseStarted")).toHaveLength(1);
    expect(await audit("--since", "10m", "--limit", "2")).toHaveLength(2);
    expect(await audit("--until", "1h")).toEqual([]);
  });
});
