// RBAC with the real kubectl: a Role and RoleBinding for user "jane", then as jane (through --as):
// `auth can-i` yes and no, reads allowed in her namespace and refused elsewhere with kube's message,
// `auth can-i --list`, and an escalation attempt refused.
import { describe, expect, it } from "vitest";
import { useServer } from "./server.ts";

const server = useServer();

const ok = (...args: string[]) => server.kubectlOk(args);

describe("RBAC through kubectl", () => {
  it("grants jane what her Role says, in her namespace only", async () => {
    await ok("create", "namespace", "x");
    await ok("create", "namespace", "y");
    expect(await ok("create", "role", "pod-reader", "-n", "x", "--verb=get,list,watch", "--resource=pods")).toBe("role.rbac.authorization.k8s.io/pod-reader created\n");
    expect(await ok("create", "rolebinding", "jane-reads", "-n", "x", "--role=pod-reader", "--user=jane")).toBe("rolebinding.rbac.authorization.k8s.io/jane-reads created\n");

    expect(await ok("auth", "can-i", "list", "pods", "-n", "x", "--as", "jane")).toBe("yes\n");
    const no = await server.kubectl(["auth", "can-i", "list", "pods", "-n", "y", "--as", "jane"]);
    expect(no.code).toBe(1);
    expect(no.stdout).toBe("no\n");
    expect((await server.kubectl(["auth", "can-i", "delete", "pods", "-n", "x", "--as", "jane"])).stdout).toBe("no\n");

    expect(await ok("get", "pods", "-n", "x", "--as", "jane")).toBe("");
    const refused = await server.kubectl(["get", "pods", "-n", "y", "--as", "jane"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Error from server (Forbidden): pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "y"');
    const secrets = await server.kubectl(["get", "secrets", "-n", "x", "--as", "jane"]);
    expect(secrets.stderr).toContain('Error from server (Forbidden): secrets is forbidden: User "jane" cannot list resource "secrets" in API group "" in the namespace "x"');
  });

  it("lists jane's rules with auth can-i --list", async () => {
    const out = await ok("auth", "can-i", "--list", "-n", "x", "--as", "jane");
    const lines = out.trim().split("\n");
    expect(lines[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/);
    expect(out).toMatch(/^pods\s+\[\]\s+\[\]\s+\[get list watch\]$/m);
    expect(out).toMatch(/^selfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]$/m);
    expect(out).toMatch(/^\s+\[\/api\/\*\]\s+\[\]\s+\[get\]$/m);
  });

  it("refuses an escalation: jane may create roles but not grant what she lacks", async () => {
    await ok("create", "role", "role-maker", "-n", "x", "--verb=create,get", "--resource=roles.rbac.authorization.k8s.io");
    await ok("create", "rolebinding", "jane-makes", "-n", "x", "--role=role-maker", "--user=jane");
    const refused = await server.kubectl(["create", "role", "secret-reader", "-n", "x", "--verb=get", "--resource=secrets", "--as", "jane"]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      'Error from server (Forbidden): roles.rbac.authorization.k8s.io "secret-reader" is forbidden: user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["secrets"], Verbs:["get"]}',
    );
    expect(await ok("create", "role", "pod-getter", "-n", "x", "--verb=get", "--resource=pods", "--as", "jane")).toBe("role.rbac.authorization.k8s.io/pod-getter created\n");
  });

  it("shows roles and bindings with kube's columns, and the default cluster roles", async () => {
    expect(await ok("get", "rolebinding", "jane-reads", "-n", "x", "-o", "wide")).toMatch(/^NAME\s+ROLE\s+AGE\s+USERS\s+GROUPS\s+SERVICEACCOUNTS\njane-reads\s+Role\/pod-reader\s+\S+\s+jane\s*\n$/);
    expect(await ok("get", "role", "-n", "x")).toMatch(/^NAME\s+CREATED AT\n/);
    const clusterRoles = await ok("get", "clusterroles", "-o", "name");
    for (const name of ["admin", "cluster-admin", "edit", "view", "system:discovery", "system:basic-user", "system:public-info-viewer"]) {
      expect(clusterRoles).toContain(`clusterrole.rbac.authorization.k8s.io/${name}\n`);
    }
    expect(await ok("auth", "can-i", "create", "deployments", "-n", "x")).toBe("yes\n");
  });
});
