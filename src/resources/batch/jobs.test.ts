import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { jobs } from "./jobs.ts";

const now = new Date("2025-03-01T12:00:00Z");
const uid = "0b9c2a3e-1111-4c2d-9a5e-7f00aa00bb11";

const manifest = {
  apiVersion: "batch/v1",
  kind: "Job",
  metadata: { name: "pi", namespace: "batch" },
  spec: {
    backoffLimit: 4,
    activeDeadlineSeconds: 600,
    ttlSecondsAfterFinished: 100,
    podFailurePolicy: { rules: [{ action: "FailJob", onExitCodes: { containerName: "pi", operator: "In", values: [42] } }, { action: "Ignore", onPodConditions: [{ type: "DisruptionTarget" }] }] },
    template: {
      metadata: { labels: { app: "pi" } },
      spec: {
        restartPolicy: "Never",
        containers: [{ name: "pi", image: "perl:5.34.0", command: ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"], resources: { limits: { cpu: "1" } } }],
      },
    },
  },
};

function parse(body: unknown): KubeObject {
  const result = jobs.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

/** A Job as the create flow leaves it: defaulted, with uid, then prepared. */
function created(body: unknown = manifest): KubeObject {
  const obj = parse(cloneJson(body));
  obj.metadata = { ...cloneJson((body as KubeObject).metadata), uid };
  jobs.applyDefaults(obj);
  jobs.prepareForCreate(obj);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, any>;
const show = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);
const withSpec = (patch: Record<string, unknown>) => created({ ...manifest, spec: { ...manifest.spec, ...patch } });

describe("jobs", () => {
  it("has kube's names", () => {
    expect([jobs.group, jobs.plural, jobs.singular, jobs.categories, "shortNames" in jobs]).toEqual(["batch", "jobs", "job", ["all"], false]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(cloneJson(manifest))).toEqual(manifest);
  });

  it("applies kube's defaults", () => {
    const s = spec(created());
    expect(s).toMatchObject({
      completions: 1,
      parallelism: 1,
      backoffLimit: 4,
      completionMode: "NonIndexed",
      suspend: false,
      podReplacementPolicy: "Failed",
      manualSelector: false,
    });
    expect(s.podFailurePolicy.rules[1].onPodConditions).toEqual([{ type: "DisruptionTarget", status: "True" }]);
    expect(s.template.spec).toMatchObject({ dnsPolicy: "ClusterFirst", terminationGracePeriodSeconds: 30 });
    const plain = spec(created({ ...manifest, spec: { parallelism: 3, template: manifest.spec.template } }));
    expect([plain.completions, plain.parallelism, plain.backoffLimit, plain.podReplacementPolicy]).toEqual([undefined, 3, 6, "TerminatingOrFailed"]);
  });

  it("generates the selector and pod labels from the uid, and labels the Job like its pods", () => {
    const job = created();
    expect(spec(job).selector).toEqual({ matchLabels: { "batch.kubernetes.io/controller-uid": uid } });
    expect(spec(job).template.metadata.labels).toEqual({
      app: "pi",
      "job-name": "pi",
      "batch.kubernetes.io/job-name": "pi",
      "controller-uid": uid,
      "batch.kubernetes.io/controller-uid": uid,
    });
    expect(job.metadata.labels).toEqual({ app: "pi" });
    const bare = created({ ...manifest, spec: { template: { spec: manifest.spec.template.spec } } });
    expect(bare.metadata.labels).toEqual(spec(bare).template.metadata.labels);
    expect(job.status).toEqual({});
    expect(jobs.validate(job)).toEqual([]);
  });

  it("rejects what kube rejects", () => {
    const template = { metadata: {}, spec: { containers: [{ name: "pi", image: "perl" }] } };
    expect(show(jobs.validate(withSpec({ template, podFailurePolicy: undefined, parallelism: -1 })))).toEqual([
      "FieldValueInvalid spec.parallelism: must be greater than or equal to 0",
      'FieldValueNotSupported spec.template.spec.restartPolicy: supported values: "OnFailure", "Never"',
    ]);
    const onFailure = { ...manifest.spec.template, spec: { ...manifest.spec.template.spec, restartPolicy: "OnFailure" } };
    expect(show(jobs.validate(withSpec({ template: onFailure })))).toEqual([
      'FieldValueInvalid spec.template.spec.restartPolicy: only "Never" is supported when podFailurePolicy is specified',
    ]);
    expect(show(jobs.validate(withSpec({ manualSelector: true, selector: { matchLabels: { app: "other" } } })))).toEqual([
      "FieldValueInvalid spec.template.metadata.labels: `selector` does not match template `labels`",
    ]);
    expect(show(jobs.validate(withSpec({ manualSelector: true })))).toEqual([
      "FieldValueRequired spec.selector",
      "FieldValueInvalid spec.template.metadata.labels: `selector` does not match template `labels`",
    ]);
    expect(show(jobs.validate(withSpec({ completionMode: "Indexed", completions: undefined, parallelism: 2 })))).toEqual([
      "FieldValueRequired spec.completions: when completion mode is Indexed",
    ]);
  });

  it("keeps the template, selector and completions fixed", () => {
    const old = created();
    const next = cloneJson(old);
    spec(next).parallelism = 4;
    spec(next).suspend = true;
    expect(jobs.validateUpdate(next, old)).toEqual([]);
    spec(next).completions = 2;
    spec(next).template.spec.containers[0].image = "perl:5.40";
    spec(next).selector = { matchLabels: { app: "pi" } };
    expect(show(jobs.validateUpdate(next, old))).toEqual([
      "FieldValueInvalid spec.completions: field is immutable",
      "FieldValueInvalid spec.selector: field is immutable",
      "FieldValueInvalid spec.template: field is immutable",
    ]);
  });

  it("lets a suspended job that never started change where it runs", () => {
    const old = withSpec({ suspend: true });
    const next = cloneJson(old);
    spec(next).template.spec.nodeSelector = { pool: "batch" };
    spec(next).template.metadata.labels.queue = "high";
    expect(jobs.validateUpdate(next, old)).toEqual([]);
    old.status = { startTime: "2025-03-01T11:00:00Z" };
    expect(show(jobs.validateUpdate(next, old))).toEqual(["FieldValueInvalid spec.template: field is immutable"]);
  });

  it("prints kube's job row and answers status.successful", () => {
    const job = created();
    job.metadata.creationTimestamp = "2025-03-01T11:50:00Z";
    job.status = { succeeded: 1, startTime: "2025-03-01T11:50:00Z", completionTime: "2025-03-01T11:50:42Z", conditions: [{ type: "Complete", status: "True" }] };
    expect(jobs.table.cells(job, { now })).toEqual(["pi", "Complete", "1/1", "42s", "10m", "pi", "perl:5.34.0", `batch.kubernetes.io/controller-uid=${uid}`]);
    expect(jobs.fieldSelectors["status.successful"](job)).toBe("1");
    job.status = { startTime: "2025-03-01T11:57:00Z" };
    spec(job).completions = undefined;
    spec(job).parallelism = 2;
    expect(jobs.table.cells(job, { now }).slice(1, 4)).toEqual(["Running", "0/1 of 2", "3m"]);
  });
});
