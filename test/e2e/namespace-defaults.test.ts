// What a kubectl user finds in every namespace, as on a kube cluster: the `default` ServiceAccount (so
// `kubectl create token default` works at once), kube-root-ca.crt with the CA their kubeconfig trusts, pods
// that run as `default` with the token volume, and the `kubernetes` Service in `default`.
import { describe, expect, it } from "vitest";
import { useServer } from "./server.ts";

const server = useServer();

const ok = (...args: string[]) => server.kubectlOk(args);

async function eventually(args: string[], want: (out: string) => boolean): Promise<string> {
  const until = Date.now() + 10_000;
  let out = "";
  while (Date.now() < until) {
    const res = await server.kubectl(args);
    out = res.stdout;
    if (res.code === 0 && want(out)) return out;
    await new Promise((r) => setTimeout(r, 200));
  }
  return out;
}

describe("namespace defaults through kubectl", () => {
  it("a new namespace has the default service account and the cluster CA, and a pod runs as default", async () => {
    await ok("create", "namespace", "fresh");
    // Right away, as kubectl users do: kube waits for the default account a moment, so does this server.
    const token = await ok("create", "token", "default", "-n", "fresh");
    expect(token.trim().split(".")).toHaveLength(3);
    expect(await ok("get", "serviceaccounts", "-n", "fresh", "-o", "name")).toBe("serviceaccount/default\n");

    const ca = await eventually(["get", "configmap", "kube-root-ca.crt", "-n", "fresh", "-o", "jsonpath={.data.ca\\.crt}"], (out) => out.length > 0);
    expect(ca.trim()).toBe(server.caPem.trim());

    await ok("run", "web", "--image=nginx", "-n", "fresh");
    const pod = JSON.parse(await ok("get", "pod", "web", "-n", "fresh", "-o", "json"));
    expect(pod.spec.serviceAccountName).toBe("default");
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: pod.spec.volumes[0].name, readOnly: true, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }]);
    expect(pod.spec.volumes[0].projected.sources[1]).toEqual({ configMap: { name: "kube-root-ca.crt", items: [{ key: "ca.crt", path: "ca.crt" }] } });
    expect(pod.spec.tolerations).toHaveLength(2);
    expect(pod.spec.priority).toBe(0);
  });

  it("puts kube-root-ca.crt back when it is deleted or its data changed", async () => {
    await ok("create", "namespace", "repair");
    const get = ["get", "configmap", "kube-root-ca.crt", "-n", "repair", "-o", "jsonpath={.data.ca\\.crt}"];
    await eventually(get, (out) => out.length > 0);
    await ok("patch", "configmap", "kube-root-ca.crt", "-n", "repair", "--type=merge", "-p", '{"data":{"ca.crt":"tampered","extra":"x"}}');
    expect((await eventually(get, (out) => out.trim() === server.caPem.trim())).trim()).toBe(server.caPem.trim());
    expect(await ok("get", "configmap", "kube-root-ca.crt", "-n", "repair", "-o", "jsonpath={.data.extra}")).toBe("");
    await ok("delete", "configmap", "kube-root-ca.crt", "-n", "repair");
    expect((await eventually(get, (out) => out.length > 0)).trim()).toBe(server.caPem.trim());
  });

  it("kubectl get svc shows the kubernetes Service, forwarding 443 to the server's port", async () => {
    const table = await ok("get", "svc", "kubernetes", "-n", "default");
    expect(table).toMatch(/^kubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+/m);
    expect(await ok("get", "svc", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.ports[0].targetPort}")).toBe(String(server.port));
  });
});
