import { describe, expect, it } from "vitest";
import { api, freshNamespace } from "./support/api.ts";
import { createEstablished, cronTabCRD, freshGroup, waitFor, waitServed } from "./support/crds.ts";

const merge = { "Content-Type": "application/merge-patch+json" };
const crdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

async function servedCronTabs(scope: "Namespaced" | "Cluster" = "Namespaced") {
  const group = freshGroup();
  const crd = await createEstablished(cronTabCRD(group, { scope }));
  const ns = scope === "Namespaced" ? await freshNamespace() : "";
  const base = ns ? `/apis/${group}/v1/namespaces/${ns}/crontabs` : `/apis/${group}/v1/crontabs`;
  await waitServed(base);
  servedGroup = group;
  return { group, crd, ns, base };
}

let servedGroup = "";
/** A CronTab of the group the test's servedCronTabs() made. */
const cronTab = (name: string, spec: Record<string, unknown> = { cronSpec: "* * * * */5" }) => ({ apiVersion: `${servedGroup}/v1`, kind: "CronTab", metadata: { name }, spec });

describe("CustomResourceDefinitions", () => {
  it("accepts the names, becomes Established, and is served in discovery", async () => {
    const { group, crd } = await servedCronTabs();
    expect(crd.status.acceptedNames).toMatchObject({ plural: "crontabs", singular: "crontab", kind: "CronTab", listKind: "CronTabList", shortNames: ["ct"] });
    const types = crd.status.conditions.map((c: any) => [c.type, c.status, c.reason]);
    expect(types).toEqual(expect.arrayContaining([["NamesAccepted", "True", "NoConflicts"], ["Established", "True", "InitialNamesAccepted"]]));
    expect(crd.metadata.finalizers).toEqual(["customresourcecleanup.apiextensions.k8s.io"]);
    expect(crd.status.storedVersions).toEqual(["v1"]);

    const list = await api("GET", `/apis/${group}/v1`);
    expect(list.status).toBe(200);
    const resources = list.body.resources.map((r: any) => [r.name, r.kind, r.namespaced]);
    expect(resources).toEqual(expect.arrayContaining([["crontabs", "CronTab", true], ["crontabs/status", "CronTab", true], ["crontabs/scale", "Scale", true]]));
    const groups = await api("GET", "/apis");
    expect(groups.body.groups.map((g: any) => g.name)).toContain(group);
    const aggregated = await api("GET", "/apis", undefined, { Accept: "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList" });
    const entry = aggregated.body.items.find((g: any) => g.metadata.name === group);
    expect(entry.versions[0].resources[0]).toMatchObject({ resource: "crontabs", responseKind: { group, version: "v1", kind: "CronTab" }, scope: "Namespaced", shortNames: ["ct"], categories: ["all"] });
  });

  it("creates, reads, lists, updates and deletes custom resources", async () => {
    const { group, ns, base } = await servedCronTabs();
    const created = await api("POST", base, cronTab("nightly"));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ apiVersion: `${group}/v1`, kind: "CronTab", metadata: { name: "nightly", namespace: ns, generation: 1 } });
    expect(created.body.spec.image).toBe("busybox"); // defaulted
    const got = await api("GET", `${base}/nightly`);
    expect(got.body).toEqual(created.body);
    const listed = await api("GET", base);
    expect(listed.body).toMatchObject({ apiVersion: `${group}/v1`, kind: "CronTabList" });
    expect(listed.body.items.map((o: any) => o.metadata.name)).toEqual(["nightly"]);
    const updated = await api("PUT", `${base}/nightly`, { ...got.body, spec: { ...got.body.spec, replicas: 3 } });
    expect(updated.status).toBe(200);
    expect(updated.body.metadata.generation).toBe(2);
    const deleted = await api("DELETE", `${base}/nightly`);
    expect(deleted.status).toBe(200);
    expect((await api("GET", `${base}/nightly`)).status).toBe(404);
  });

  it("prunes unknown fields, and under fieldValidation=Strict refuses them", async () => {
    const { base } = await servedCronTabs();
    const warned = await api("POST", base, cronTab("a", { cronSpec: "* * * * *", color: "blue" }));
    expect(warned.status).toBe(201);
    expect(warned.body.spec.color).toBeUndefined();
    expect(warned.headers.get("warning")).toBe('299 - "unknown field \\"spec.color\\""');
    const strict = await api("POST", `${base}?fieldValidation=Strict`, cronTab("b", { cronSpec: "* * * * *", color: "blue" }));
    expect(strict.status).toBe(400);
    expect(strict.body.message).toContain('strict decoding error: unknown field "spec.color"');
    expect((await api("GET", `${base}/b`)).status).toBe(404);
  });

  it("refuses objects that break the schema or a CEL rule with 422 and stores nothing", async () => {
    const { group, base } = await servedCronTabs();
    const typed = await api("POST", base, cronTab("bad", { cronSpec: "* * * * *", replicas: "three" }));
    expect(typed.status).toBe(422);
    expect(typed.body).toMatchObject({ kind: "Status", reason: "Invalid", code: 422, details: { name: "bad", group, kind: "CronTab" } });
    expect(typed.body.details.causes).toContainEqual({ reason: "FieldValueTypeInvalid", message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"', field: "spec.replicas" });
    const missing = await api("POST", base, cronTab("bad", {}));
    expect(missing.status).toBe(422);
    expect(missing.body.details.causes).toContainEqual({ reason: "FieldValueRequired", message: "Required value", field: "spec.cronSpec" });
    const tooMany = await api("POST", base, cronTab("bad", { cronSpec: "* * * * *", image: "alpine", replicas: 11 }));
    expect(tooMany.body.details.causes).toEqual([{ reason: "FieldValueInvalid", message: "Invalid value: 11: spec.replicas in body should be less than or equal to 10", field: "spec.replicas" }]);
    const rule = await api("POST", base, cronTab("bad", { cronSpec: "* * * * *", replicas: 7 }));
    expect(rule.status).toBe(422);
    expect(rule.body.details.causes).toContainEqual(expect.objectContaining({ field: "spec", message: expect.stringContaining("busybox runs at most 5 replicas") }));
    expect((await api("GET", `${base}/bad`)).status).toBe(404);
  });

  it("separates spec and status through /status, and bumps generation on spec changes only", async () => {
    const { base } = await servedCronTabs();
    const created = (await api("POST", base, { ...cronTab("s"), status: { replicas: 9 } })).body;
    expect(created.status).toBeUndefined();
    const status = await api("PUT", `${base}/s/status`, { ...created, spec: { cronSpec: "1 1 1 1 1" }, status: { replicas: 2 } });
    expect(status.status).toBe(200);
    expect(status.body.status).toEqual({ replicas: 2 });
    expect(status.body.spec.cronSpec).toBe("* * * * */5");
    expect(status.body.metadata.generation).toBe(1);
    const labelled = await api("PATCH", `${base}/s`, { metadata: { labels: { a: "b" } }, status: { replicas: 5 } }, merge);
    expect(labelled.body.metadata.generation).toBe(1);
    expect(labelled.body.status).toEqual({ replicas: 2 });
    const changed = await api("PATCH", `${base}/s`, { spec: { replicas: 2 } }, merge);
    expect(changed.body.metadata.generation).toBe(2);
  });

  it("serves /scale from the spec and status paths", async () => {
    const { base } = await servedCronTabs();
    await api("POST", base, cronTab("sc", { cronSpec: "* * * * *", replicas: 2 }));
    await api("PATCH", `${base}/sc/status`, { status: { replicas: 1, labelSelector: "app=sc" } }, merge);
    const scale = await api("GET", `${base}/sc/scale`);
    expect(scale.body).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 2 }, status: { replicas: 1, selector: "app=sc" } });
    const scaled = await api("PATCH", `${base}/sc/scale`, { spec: { replicas: 4 } }, merge);
    expect(scaled.body.spec.replicas).toBe(4);
    expect((await api("GET", `${base}/sc`)).body.spec.replicas).toBe(4);
  });

  it("prints the printer columns in Table output", async () => {
    const { base } = await servedCronTabs();
    await api("POST", base, cronTab("t", { cronSpec: "* * * * */5", replicas: 3 }));
    const table = await api("GET", base, undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io" });
    expect(table.body.kind).toBe("Table");
    expect(table.body.columnDefinitions.map((c: any) => [c.name, c.type])).toEqual([["Name", "string"], ["Spec", "string"], ["Replicas", "integer"], ["Age", "date"]]);
    expect(table.body.rows[0].cells.slice(0, 3)).toEqual(["t", "* * * * */5", 3]);
  });

  it("answers a strategic merge patch with 415 and takes merge, JSON and apply patches", async () => {
    const { base } = await servedCronTabs();
    await api("POST", base, cronTab("p"));
    const smp = await api("PATCH", `${base}/p`, { spec: { replicas: 2 } }, { "Content-Type": "application/strategic-merge-patch+json" });
    expect(smp.status).toBe(415);
    expect(smp.body.reason).toBe("UnsupportedMediaType");
    const json = await api("PATCH", `${base}/p`, [{ op: "add", path: "/spec/replicas", value: 2 }], { "Content-Type": "application/json-patch+json" });
    expect(json.body.spec.replicas).toBe(2);
    const applied = await api("PATCH", `${base}/p?fieldManager=me`, "apiVersion: " + json.body.apiVersion + "\nkind: CronTab\nmetadata:\n  name: p\nspec:\n  cronSpec: '* * * * */5'\n  tags: [a, b]\n", { "Content-Type": "application/apply-patch+yaml" });
    expect(applied.status).toBe(200);
    expect(applied.body.spec.tags).toEqual(["a", "b"]);
    expect(applied.body.metadata.managedFields.map((m: any) => m.manager)).toContain("me");
  });

  it("serves cluster-scoped custom resources", async () => {
    const { base } = await servedCronTabs("Cluster");
    const created = await api("POST", base, cronTab("global"));
    expect(created.status).toBe(201);
    expect(created.body.metadata.namespace).toBeUndefined();
  });

  it("refuses names another CRD of the group already serves", async () => {
    const group = freshGroup();
    await createEstablished(cronTabCRD(group));
    const other = cronTabCRD(group);
    other.metadata.name = `schedules.${group}`;
    other.spec.names = { plural: "schedules", singular: "schedule", kind: "CronTab", shortNames: ["sch"], categories: [] };
    expect((await api("POST", crdPath, other)).status).toBe(201);
    const seen = await waitFor(other.metadata.name, (o) => (o?.status?.conditions ?? []).some((c: any) => c.type === "NamesAccepted"));
    expect(seen.status.conditions).toContainEqual(expect.objectContaining({ type: "NamesAccepted", status: "False", reason: "KindConflict", message: '"CronTab" is already in use' }));
    expect(seen.status.conditions).toContainEqual(expect.objectContaining({ type: "Established", status: "False", reason: "NotAccepted" }));
    expect((await api("GET", `/apis/${group}/v1/schedules`)).status).toBe(404);
  });

  it("deletes its custom resources when deleted, then stops serving them", async () => {
    const { crd, base, ns } = await servedCronTabs();
    await api("POST", base, cronTab("one"));
    const otherNs = await freshNamespace();
    await api("POST", base.replace(`/namespaces/${ns}/`, `/namespaces/${otherNs}/`), cronTab("two"));
    const deleted = await api("DELETE", `${crdPath}/${crd.metadata.name}`);
    expect(deleted.status).toBe(200);
    await waitFor(crd.metadata.name, (o) => o === undefined);
    const deadline = Date.now() + 5000;
    while ((await api("GET", base)).status !== 404 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect((await api("GET", base)).status).toBe(404);
  });

  it("refuses an invalid CRD with field causes", async () => {
    const group = freshGroup();
    const crd = cronTabCRD(group);
    crd.metadata.name = "wrong.name.example.com";
    const res = await api("POST", crdPath, crd);
    expect(res.status).toBe(422);
    expect(res.body.details.causes).toContainEqual(expect.objectContaining({ field: "metadata.name", message: expect.stringContaining(`must be spec.names.plural+"."+spec.group`) }));
  });
});
