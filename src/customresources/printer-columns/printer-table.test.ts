import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../api/object.ts";
import {
  compilePrinterColumns,
  creationTimestampDescription,
  nameDescription,
  printerColumnCells,
  printerColumnsTable,
  scalePrinterColumns,
  type AdditionalPrinterColumn,
} from "./printer-table.ts";

const now = new Date("2025-01-01T12:00:00Z");

// The CronTab of kube's CRD documentation, with a few more columns of the kinds CRDs commonly declare.
const cronTabColumns: AdditionalPrinterColumn[] = [
  { name: "Spec", type: "string", description: "The cron spec defining the interval a CronJob is run", jsonPath: ".spec.cronSpec" },
  { name: "Replicas", type: "integer", description: "The number of jobs launched by the CronJob", jsonPath: ".spec.replicas" },
  { name: "Image", type: "string", priority: 1, jsonPath: ".spec.image" },
  { name: "Ready", type: "string", jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: "Paused", type: "boolean", jsonPath: ".spec.paused" },
  { name: "Ratio", type: "number", format: "double", jsonPath: ".status.ratio" },
  { name: "Selector", type: "string", priority: 1, jsonPath: ".spec.selector" },
  { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
];

function cronTab(name: string, spec: Record<string, unknown>, status?: Record<string, unknown>): KubeObject {
  return {
    apiVersion: "stable.example.com/v1",
    kind: "CronTab",
    metadata: { name, namespace: "default", creationTimestamp: "2025-01-01T11:55:00Z" },
    spec,
    ...(status ? { status } : {}),
  };
}

describe("printerColumnsTable", () => {
  it("defines the Name column, then the CRD's columns with their type, format, priority and description", () => {
    expect(printerColumnsTable(cronTabColumns).columns).toEqual([
      { name: "Name", type: "string", format: "name", description: nameDescription, priority: 0 },
      { name: "Spec", type: "string", format: "", description: "The cron spec defining the interval a CronJob is run", priority: 0 },
      { name: "Replicas", type: "integer", format: "", description: "The number of jobs launched by the CronJob", priority: 0 },
      { name: "Image", type: "string", format: "", description: "Custom resource definition column (in JSONPath format): .spec.image", priority: 1 },
      {
        name: "Ready",
        type: "string",
        format: "",
        description: 'Custom resource definition column (in JSONPath format): .status.conditions[?(@.type=="Ready")].status',
        priority: 0,
      },
      { name: "Paused", type: "boolean", format: "", description: "Custom resource definition column (in JSONPath format): .spec.paused", priority: 0 },
      { name: "Ratio", type: "number", format: "double", description: "Custom resource definition column (in JSONPath format): .status.ratio", priority: 0 },
      { name: "Selector", type: "string", format: "", description: "Custom resource definition column (in JSONPath format): .spec.selector", priority: 1 },
      { name: "Age", type: "date", format: "", description: "Custom resource definition column (in JSONPath format): .metadata.creationTimestamp", priority: 0 },
    ]);
    expect(nameDescription).toMatch(/^Name must be unique within a namespace\. Is required when creating resources/);
  });

  it("computes each row's cells as kube's tableconvertor", () => {
    const table = printerColumnsTable(cronTabColumns);
    const full = cronTab(
      "my-new-cron-object",
      { cronSpec: "* * * * */5", image: "my-awesome-cron-image", replicas: 3, paused: false, selector: { matchLabels: { app: "cron" } } },
      { conditions: [{ type: "Synced", status: "False" }, { type: "Ready", status: "True" }], ratio: 0.75 },
    );
    expect(table.cells(full, { now })).toEqual(["my-new-cron-object", "* * * * */5", 3, "my-awesome-cron-image", "True", false, 0.75, '{"matchLabels":{"app":"cron"}}', "5m"]);

    // Missing fields are null cells; a value of another type than the column's is null too, except for strings.
    const sparse = cronTab("sparse", { cronSpec: 5, replicas: "3", paused: "yes" }, { conditions: [{ type: "Synced", status: "False" }], ratio: 1 });
    expect(table.cells(sparse, { now })).toEqual(["sparse", "5", null, null, null, null, 1, null, "5m"]);
  });

  it("prints a null value of a string column as <no value>, and makes a failing path a null cell", () => {
    const table = printerColumnsTable([
      { name: "Image", type: "string", jsonPath: ".spec.image" },
      { name: "First", type: "string", jsonPath: ".spec.ports[0]" },
      { name: "All", type: "string", jsonPath: ".spec.ports[*]" },
      { name: "Kind", type: "integer", jsonPath: '.spec.ports[?(@=="a")]' },
    ]);
    expect(table.cells(cronTab("a", { image: null, ports: [] }), { now })).toEqual(["a", "<no value>", null, null, null]);
    // Several results: kube takes the first.
    expect(table.cells(cronTab("b", { ports: [8080, 8443] }), { now })).toEqual(["b", null, "8080", "8080", null]);
  });

  it("serves Name and Age when the version declares no columns", () => {
    const expected = [
      { name: "Name", type: "string", format: "name", description: nameDescription, priority: 0 },
      { name: "Age", type: "date", format: "", description: creationTimestampDescription, priority: 0 },
    ];
    expect(printerColumnsTable(undefined).columns).toEqual(expected);
    expect(printerColumnsTable([]).columns).toEqual(expected);
    expect(printerColumnsTable(undefined).cells(cronTab("c", {}), { now })).toEqual(["c", "5m"]);
    expect(printerColumnsTable(undefined).cells({ metadata: {} }, { now })).toEqual(["", null]);
  });

  it("stops at a column whose path does not parse, keeping the ones before it", () => {
    const table = compilePrinterColumns([
      { name: "Spec", type: "string", jsonPath: ".spec.cronSpec" },
      { name: "Broken", type: "string", jsonPath: ".spec[" },
      { name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp" },
    ]);
    expect(table.columns.map((c) => c.name)).toEqual(["Name", "Spec"]);
    expect(table.cells(cronTab("d", { cronSpec: "@daily" }), { now })).toEqual(["d", "@daily"]);
  });

  it("parses a column set once: the same or an equal column set gets the same definition", () => {
    const a = printerColumnsTable(cronTabColumns);
    expect(printerColumnsTable(cronTabColumns)).toBe(a);
    expect(printerColumnsTable(structuredClone(cronTabColumns))).toBe(a);
    expect(printerColumnsTable(cronTabColumns.slice(0, 2))).not.toBe(a);
  });

  it("computes rows through the cache", () => {
    const rows = Array.from({ length: 2000 }, (_, i) => cronTab(`c${i}`, { cronSpec: "* * * * *", replicas: i }));
    const cells = rows.map((obj) => printerColumnCells(cronTabColumns, obj, now));
    expect(cells[1999]).toEqual(["c1999", "* * * * *", 1999, null, null, null, null, null, "5m"]);
  });
});

describe("scalePrinterColumns", () => {
  it("lists Desired and Available as the CRD maps them, then Age", () => {
    const table = printerColumnsTable(scalePrinterColumns({ specReplicasPath: ".spec.replicas", statusReplicasPath: ".status.replicas" }));
    expect(table.columns.map((c) => [c.name, c.type, c.description])).toEqual([
      ["Name", "string", nameDescription],
      ["Desired", "integer", "Number of desired replicas"],
      ["Available", "integer", "Number of actual replicas"],
      ["Age", "date", creationTimestampDescription],
    ]);
    const scale = { apiVersion: "autoscaling/v1", kind: "Scale", metadata: { name: "s", creationTimestamp: "2025-01-01T09:00:00Z" }, spec: { replicas: 3 }, status: { replicas: 2 } };
    expect(table.cells(scale, { now })).toEqual(["s", 3, 2, "3h"]);
    expect(scalePrinterColumns({}).map((c) => c.name)).toEqual(["Age"]);
  });
});
