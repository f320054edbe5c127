import { describe, expect, it } from "vitest";
import type { FieldError } from "../../api/field-errors.ts";
import { cloneJson, type KubeObject } from "../../api/object.ts";
import { cronScheduleError } from "./cron-schedule.ts";
import { cronJobs } from "./cronjobs.ts";

const now = new Date("2025-03-01T12:00:00Z");

const manifest = {
  apiVersion: "batch/v1",
  kind: "CronJob",
  metadata: { name: "nightly-report", namespace: "batch" },
  spec: {
    schedule: "30 2 * * MON-FRI",
    timeZone: "Europe/Berlin",
    concurrencyPolicy: "Forbid",
    startingDeadlineSeconds: 300,
    jobTemplate: {
      metadata: { labels: { report: "nightly" } },
      spec: {
        backoffLimit: 2,
        ttlSecondsAfterFinished: 3600,
        template: {
          spec: {
            restartPolicy: "OnFailure",
            containers: [{ name: "report", image: "registry.example.com/report:3.2", args: ["--since=24h"], envFrom: [{ secretRef: { name: "smtp" } }] }],
          },
        },
      },
    },
  },
};

function parse(body: unknown): KubeObject {
  const result = cronJobs.schema.safeParse(body);
  if (!result.success) throw new Error(JSON.stringify(result.error.issues));
  return result.data as KubeObject;
}

function defaulted(body: unknown = manifest): KubeObject {
  const obj = parse(cloneJson(body));
  obj.metadata = cloneJson((body as KubeObject).metadata);
  cronJobs.applyDefaults(obj);
  return obj;
}

const spec = (obj: KubeObject) => obj.spec as Record<string, any>;
const show = (errors: FieldError[]) => errors.map((e) => `${e.type} ${e.field}${e.detail ? `: ${e.detail}` : ""}`);
const withSpec = (patch: Record<string, unknown>) => defaulted({ ...manifest, spec: { ...manifest.spec, ...patch } });

describe("cronjobs", () => {
  it("has kube's names", () => {
    expect([cronJobs.group, cronJobs.plural, cronJobs.shortNames, cronJobs.categories]).toEqual(["batch", "cronjobs", ["cj"], ["all"]]);
  });

  it("keeps every field of a real manifest", () => {
    expect(parse(cloneJson(manifest))).toEqual(manifest);
  });

  it("applies kube's defaults, and only the template's defaults to the job template", () => {
    const s = spec(defaulted({ ...manifest, spec: { schedule: "@daily", jobTemplate: { spec: { template: manifest.spec.jobTemplate.spec.template } } } }));
    expect(s).toMatchObject({ concurrencyPolicy: "Allow", suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(s.jobTemplate.metadata).toEqual({});
    expect(s.jobTemplate.spec.backoffLimit).toBeUndefined();
    expect(s.jobTemplate.spec.template.spec.containers[0]).toMatchObject({ imagePullPolicy: "IfNotPresent", terminationMessagePolicy: "File" });
  });

  it("accepts the manifest", () => {
    const cj = defaulted();
    expect(cronJobs.validate(cj)).toEqual([]);
    cronJobs.prepareForCreate(cj);
    expect(cj.status).toEqual({});
  });

  it("rejects a missing or unparsable schedule, a bad zone and a bad template", () => {
    expect(show(cronJobs.validate(withSpec({ schedule: "" })))).toEqual(["FieldValueRequired spec.schedule"]);
    expect(show(cronJobs.validate(withSpec({ schedule: "every day" })))).toEqual(["FieldValueInvalid spec.schedule: expected exactly 5 fields, found 2: [every day]"]);
    expect(show(cronJobs.validate(withSpec({ schedule: "0 25 * * *" })))).toEqual(["FieldValueInvalid spec.schedule: end of range (25) above maximum (23): 25"]);
    expect(show(cronJobs.validate(withSpec({ schedule: "TZ=UTC 0 * * * *" })))).toEqual([
      "FieldValueInvalid spec.schedule: cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
    ]);
    expect(show(cronJobs.validate(withSpec({ timeZone: "Mars/Olympus" })))).toEqual(["FieldValueInvalid spec.timeZone: unknown time zone Mars/Olympus"]);
    expect(show(cronJobs.validate(withSpec({ concurrencyPolicy: "Sometimes" })))).toEqual([
      'FieldValueNotSupported spec.concurrencyPolicy: supported values: "Allow", "Forbid", "Replace"',
    ]);
    const jobTemplate = { spec: { selector: { matchLabels: { a: "b" } }, template: { spec: { containers: [{ name: "c", image: "x" }] } } } };
    expect(show(cronJobs.validate(withSpec({ jobTemplate })))).toEqual([
      'FieldValueNotSupported spec.jobTemplate.spec.template.spec.restartPolicy: supported values: "OnFailure", "Never"',
      "FieldValueInvalid spec.jobTemplate.spec.selector: `selector` will be auto-generated",
    ]);
    const long = defaulted({ ...manifest, metadata: { name: "a".repeat(53), namespace: "batch" } });
    expect(show(cronJobs.validate(long))).toEqual(["FieldValueInvalid metadata.name: must be no more than 52 characters"]);
  });

  it("parses schedules as robfig/cron does", () => {
    for (const ok of ["*/5 * * * *", "0 0 1,15 * ?", "0 9-17/2 * JAN-jun sun", "@hourly", "@every 1h30m", "TZ=Europe/Paris 0 6 * * *"]) {
      expect(cronScheduleError(ok)).toBeUndefined();
    }
    expect(cronScheduleError("* * * * 7")).toBe("end of range (7) above maximum (6): 7");
    expect(cronScheduleError("5-1 * * * *")).toBe("beginning of range (5) beyond end of range (1): 5-1");
    expect(cronScheduleError("x * * * *")).toBe('failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
    expect(cronScheduleError("@often")).toBe("unrecognized descriptor: @often");
    expect(cronScheduleError("*/0 * * * *")).toBe("step of range should be a positive number: */0");
  });

  it("prints kube's cron job row", () => {
    const cj = defaulted();
    cj.metadata.creationTimestamp = "2025-02-20T12:00:00Z";
    cj.status = { active: [{ name: "nightly-report-29012345" }], lastScheduleTime: "2025-03-01T11:30:00Z" };
    expect(cronJobs.table.cells(cj, { now })).toEqual([
      "nightly-report",
      "30 2 * * MON-FRI",
      "Europe/Berlin",
      "False",
      1,
      "30m",
      "9d",
      "report",
      "registry.example.com/report:3.2",
      "<none>",
    ]);
    expect(cronJobs.table.columns.filter((c) => c.priority === 0).map((c) => c.name)).toEqual(["Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age"]);
  });
});
