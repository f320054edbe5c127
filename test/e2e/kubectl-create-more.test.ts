// kubectl's typed create commands for ResourceQuota, PriorityClass, PodDisruptionBudget and Ingress, against the
// server started as a user does: each is created, and kubectl get prints it.
import { describe, expect, it } from "vitest";
import { useServer } from "./server.ts";

const server = useServer();

const ok = (...args: string[]) => server.kubectlOk(args);

describe("kubectl create of quota, priorityclass, pdb and ingress", () => {
  it("creates a resource quota", async () => {
    expect(await ok("create", "quota", "q", "--hard=cpu=1,pods=2", "-n", "default")).toBe("resourcequota/q created\n");
    const got = JSON.parse(await ok("get", "quota", "q", "-n", "default", "-o", "json"));
    expect(got.spec.hard).toEqual({ cpu: "1", pods: "2" });
    expect((await ok("get", "resourcequotas", "-n", "default")).split("\n")[0].split(/\s+/)).toEqual(["NAME", "REQUEST", "LIMIT", "AGE"]);
  });

  it("creates a priority class", async () => {
    expect(await ok("create", "priorityclass", "high", "--value=1000")).toBe("priorityclass.scheduling.k8s.io/high created\n");
    const got = JSON.parse(await ok("get", "pc", "high", "-o", "json"));
    expect(got).toMatchObject({ value: 1000, preemptionPolicy: "PreemptLowerPriority" });
    const lines = (await ok("get", "priorityclass", "high")).trim().split("\n");
    expect(lines[0].split(/\s+/)).toEqual(["NAME", "VALUE", "GLOBAL-DEFAULT", "AGE", "PREEMPTIONPOLICY"]);
    expect(lines[1].split(/\s+/)).toEqual(["high", "1000", "false", expect.any(String), "PreemptLowerPriority"]);
  });

  it("creates a pod disruption budget", async () => {
    expect(await ok("create", "poddisruptionbudget", "pdb", "--selector=app=web", "--min-available=1", "-n", "default")).toBe(
      "poddisruptionbudget.policy/pdb created\n",
    );
    const got = JSON.parse(await ok("get", "pdb", "pdb", "-n", "default", "-o", "json"));
    expect(got.spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: "web" } } });
    const lines = (await ok("get", "pdb", "pdb", "-n", "default")).trim().split("\n");
    expect(lines[0]).toMatch(/^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE$/);
    expect(lines[1].split(/\s+/).slice(0, 4)).toEqual(["pdb", "1", "N/A", "0"]);
  });

  it("creates an ingress", async () => {
    expect(await ok("create", "ingress", "web", "--rule=example.com/=web:80", "-n", "default")).toBe("ingress.networking.k8s.io/web created\n");
    const got = JSON.parse(await ok("get", "ing", "web", "-n", "default", "-o", "json"));
    expect(got.spec.rules).toEqual([
      { host: "example.com", http: { paths: [{ path: "/", pathType: "Exact", backend: { service: { name: "web", port: { number: 80 } } } }] } },
    ]);
    const lines = (await ok("get", "ingress", "web", "-n", "default")).trim().split("\n");
    expect(lines[0].split(/\s+/)).toEqual(["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"]);
    expect(lines[1].split(/\s+/).slice(0, 4)).toEqual(["web", "<none>", "example.com", "80"]);
  });
});
