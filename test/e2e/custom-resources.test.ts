// Custom resources with the real kubectl 1.35 and default flags: apply a CRD, wait for it to be established,
// create, get (printer columns), explain, scale, patch, apply --server-side and delete custom resources.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { startServer, type TestServer } from "./server.ts";

let server: TestServer;
const ns = "crs";

beforeAll(async () => {
  server = await startServer();
  await ok(["create", "namespace", ns]);
});
afterAll(async () => {
  await server?.stop();
});

const ok = (args: string[], input?: string) => server.kubectlOk(args, { input });

const crd = `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names: {plural: crontabs, singular: crontab, kind: CronTab, shortNames: [ct]}
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: A schedule that runs an image.
        properties:
          spec:
            type: object
            description: What to run and when.
            properties:
              cronSpec: {type: string, description: When to run, in cron syntax.}
              image: {type: string, default: busybox}
              replicas: {type: integer, minimum: 0}
          status:
            type: object
            properties:
              replicas: {type: integer}
    subresources:
      status: {}
      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas}
    additionalPrinterColumns:
    - {name: Spec, type: string, jsonPath: .spec.cronSpec}
    - {name: Replicas, type: integer, jsonPath: .spec.replicas}
    - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
`;

const cronTab = (replicas: number) => `
apiVersion: stable.example.com/v1
kind: CronTab
metadata: {name: nightly, namespace: ${ns}}
spec: {cronSpec: "0 3 * * *", replicas: ${replicas}}
`;

describe("custom resources with kubectl", () => {
  it("applies a CRD and serves its resources to kubectl", async () => {
    expect(await ok(["apply", "-f", "-"], crd)).toBe("customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n");
    expect(await ok(["wait", "--for", "condition=established", "--timeout=30s", "crd/crontabs.stable.example.com"])).toBe(
      "customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com condition met\n",
    );
    expect(await ok(["apply", "-f", "-"], cronTab(1))).toBe("crontab.stable.example.com/nightly created\n");
    const table = await ok(["get", "ct", "-n", ns]);
    expect(table).toMatch(/^NAME\s+SPEC\s+REPLICAS\s+AGE\nnightly\s+0 3 \* \* \*\s+1\s+\d+s\n$/);
    const got = parse(await ok(["get", "crontab", "nightly", "-n", ns, "-o", "yaml"]));
    expect(got.spec).toEqual({ cronSpec: "0 3 * * *", replicas: 1, image: "busybox" });

    const explained = await ok(["explain", "crontabs.spec"]);
    expect(explained).toContain("What to run and when.");
    expect(explained).toContain("cronSpec\t<string>");

    expect(await ok(["scale", "crontab", "nightly", "-n", ns, "--replicas=3"])).toBe("crontab.stable.example.com/nightly scaled\n");
    expect(await ok(["patch", "crontab", "nightly", "-n", ns, "--type=merge", "-p", '{"spec":{"image":"alpine"}}'])).toBe("crontab.stable.example.com/nightly patched\n");
    expect(await ok(["apply", "-f", "-"], cronTab(2))).toBe("crontab.stable.example.com/nightly configured\n");
    const after = parse(await ok(["get", "crontab", "nightly", "-n", ns, "-o", "yaml"]));
    expect(after.spec).toEqual({ cronSpec: "0 3 * * *", replicas: 2, image: "alpine" });

    expect(await ok(["apply", "--server-side", "--field-manager=ops", "--force-conflicts", "-f", "-"], cronTab(4))).toBe("crontab.stable.example.com/nightly serverside-applied\n");
    expect(parse(await ok(["get", "crontab", "nightly", "-n", ns, "-o", "yaml"])).spec.replicas).toBe(4);

    const bad = await server.kubectl(["apply", "-f", "-"], { input: cronTab(-1).replace("nightly", "broken") });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("spec.replicas: Invalid value: -1: spec.replicas in body should be greater than or equal to 0");

    expect(await ok(["delete", "crontab", "nightly", "-n", ns])).toBe('crontab.stable.example.com "nightly" deleted from crs namespace\n');
    expect(await ok(["delete", "crd", "crontabs.stable.example.com"])).toBe('customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n');
  });
});
