// core/v1 Event: a report about another object (kubectl describe lists them by involvedObject).

import { z } from "zod";
import { fieldError, type FieldError } from "../../api/field-errors.ts";
import type { KubeObject } from "../../api/object.ts";
import { qualifiedNameErrors } from "../../api/validation/names.ts";
import type { KindDefinition } from "../definition.ts";
import { age, column, nameColumn } from "../table-columns.ts";
import { envelope, microTime, objectReference, timestamp } from "../schema-types.ts";

const sourceSchema = z
  .object({
    component: z.string().meta({ proto: 1, description: "The component that reported the event." }).optional(),
    host: z.string().meta({ proto: 2, description: "The node the reporting component runs on." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.EventSource", description: "Who reported an event." });

const seriesSchema = z
  .object({
    count: z.number().int().meta({ proto: 1, omitEmpty: true, description: "How many times the event has occurred in the series." }).optional(),
    lastObservedTime: microTime.meta({ proto: 2, description: "When the series was last seen." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.EventSeries", description: "A run of repeated occurrences of the same event." });

const schema = z
  .object({
    ...envelope,
    involvedObject: objectReference.meta({ proto: 2, description: "The object the event is about." }),
    reason: z.string().meta({ proto: 3, description: "A short CamelCase cause, for machines to match on." }).optional(),
    message: z.string().meta({ proto: 4, description: "What happened, for people to read." }).optional(),
    source: sourceSchema.meta({ proto: 5, description: "The component that reported the event; older clients set it." }).optional(),
    // Clients of core/v1 send unset times as null (metav1.Time has no omitempty), so null is accepted and kept.
    firstTimestamp: timestamp.meta({ proto: 6, description: "When the event was first recorded." }).nullable().optional(),
    lastTimestamp: timestamp.meta({ proto: 7, description: "When the event was most recently recorded." }).nullable().optional(),
    count: z.number().int().meta({ proto: 8, omitEmpty: true, description: "How many times the event has occurred." }).optional(),
    type: z.string().meta({ proto: 9, description: "Normal or Warning." }).optional(),
    eventTime: microTime.meta({ proto: 10, description: "When the event first happened, to the microsecond." }).nullable().optional(),
    series: seriesSchema.meta({ proto: 11, description: "Present when the event is one of a series of repeats." }).optional(),
    action: z.string().meta({ proto: 12, description: "What was done, or failed, about the object." }).optional(),
    related: objectReference.meta({ proto: 13, description: "A second object involved, where there is one." }).optional(),
    reportingComponent: z
      .string()
      .meta({ proto: 14, description: "The controller that emitted the event, such as kubernetes.io/kubelet." })
      .optional(),
    reportingInstance: z.string().meta({ proto: 15, description: "Which instance of that controller emitted it." }).optional(),
  })
  .meta({ definition: "io.k8s.api.core.v1.Event", description: "A report of something that happened to an object." });

type Event = KubeObject & z.infer<typeof schema>;

const utf8 = new TextEncoder();
const byteLength = (value: string) => utf8.encode(value).length;

/** Fields of the events.k8s.io shape, required once eventTime is set; at most `max` bytes each. */
function requireBounded(field: string, value: string | undefined, max?: number): FieldError[] {
  if (!value) return [fieldError.required(field)];
  return max !== undefined && byteLength(value) > max ? [fieldError.invalid(field, "", `can have at most ${max} characters`)] : [];
}

/**
 * kube's checks for events written through core/v1 (its "legacy" validation; names are not validated and
 * nothing is immutable on update, for compatibility with old clients).
 */
function validateEvent(event: Event): FieldError[] {
  const namespace = event.metadata.namespace ?? "";
  const involved = event.involvedObject.namespace ?? "";
  const mismatch = fieldError.invalid("involvedObject.namespace", involved, "does not match event.namespace");
  if (!event.eventTime) {
    if (involved === "") return namespace === "" || namespace === "default" ? [] : [mismatch];
    return namespace === involved ? [] : [mismatch];
  }
  const errors: FieldError[] = [];
  if (involved === "" && namespace !== "default" && namespace !== "kube-system") errors.push(mismatch);
  const controller = event.reportingComponent ?? "";
  if (!controller) errors.push(fieldError.required("reportingComponent"));
  for (const msg of qualifiedNameErrors(controller)) errors.push(fieldError.invalid("reportingComponent", controller, msg));
  errors.push(...requireBounded("reportingInstance", event.reportingInstance, 128));
  errors.push(...requireBounded("action", event.action, 128));
  errors.push(...requireBounded("reason", event.reason, 128));
  if (event.message && byteLength(event.message) > 1024) errors.push(fieldError.invalid("message", "", "can have at most 1024 characters"));
  return errors;
}

function eventSource(event: Event): string {
  const component = event.source?.component || event.reportingComponent || "";
  const host = event.source?.host || event.reportingInstance || "";
  return host ? `${component}, ${host}` : component;
}

export const events = {
  group: "",
  version: "v1",
  kind: "Event",
  plural: "events",
  singular: "event",
  namespaced: true,
  shortNames: ["ev"],
  // core/v1 events skip kube's object-meta validation; only the storage key's path-segment rule applies.
  nameRule: "path-segment",
  schema,
  applyDefaults(obj) {
    // Fields kube always serializes for core/v1 events, so stored objects read back as kube's do.
    const event = obj as Event;
    event.source ??= {};
    event.firstTimestamp ??= null;
    event.lastTimestamp ??= null;
    event.eventTime ??= null;
    event.reportingComponent ??= "";
    event.reportingInstance ??= "";
  },
  validate: (obj) => validateEvent(obj as Event),
  table: {
    // kube's event table leads with LAST SEEN; the Name column comes last and only with -o wide.
    columns: [
      column("Last Seen", "string", "When the event was last observed."),
      column("Type", "string", "Normal or Warning."),
      column("Reason", "string", "A short, machine-readable cause of the event."),
      column("Object", "string", "The object the event is about, as kind/name."),
      column("Subobject", "string", "The part of the object concerned, such as a container's field path.", 1),
      column("Source", "string", "The component (and host) that reported the event.", 1),
      column("Message", "string", "A human-readable description of what happened."),
      column("First Seen", "string", "When the event was first observed.", 1),
      column("Count", "string", "How many times the event has occurred.", 1),
      { ...nameColumn, priority: 1 },
    ],
    cells(obj, { now }) {
      const event = obj as Event;
      const first = event.firstTimestamp ? age(event.firstTimestamp, now) : age(event.eventTime ?? undefined, now);
      let last = event.lastTimestamp ? age(event.lastTimestamp, now) : first;
      let count = event.count || 1;
      if (event.series) {
        last = age(event.series.lastObservedTime, now);
        count = event.series.count ?? 0;
      }
      const kind = (event.involvedObject.kind ?? "").toLowerCase();
      const target = event.involvedObject.name ? `${kind}/${event.involvedObject.name}` : kind;
      const message = (event.message ?? "").trim();
      return [last, event.type ?? "", event.reason ?? "", target, event.involvedObject.fieldPath ?? "", eventSource(event), message, first, count, obj.metadata.name ?? ""];
    },
  },
  fieldSelectors: {
    "involvedObject.kind": (obj) => (obj as Event).involvedObject.kind,
    "involvedObject.namespace": (obj) => (obj as Event).involvedObject.namespace,
    "involvedObject.name": (obj) => (obj as Event).involvedObject.name,
    "involvedObject.uid": (obj) => (obj as Event).involvedObject.uid,
    "involvedObject.apiVersion": (obj) => (obj as Event).involvedObject.apiVersion,
    "involvedObject.resourceVersion": (obj) => (obj as Event).involvedObject.resourceVersion,
    "involvedObject.fieldPath": (obj) => (obj as Event).involvedObject.fieldPath,
    reason: (obj) => (obj as Event).reason,
    reportingComponent: (obj) => (obj as Event).reportingComponent,
    source: (obj) => (obj as Event).source?.component || (obj as Event).reportingComponent,
    type: (obj) => (obj as Event).type,
  },
} satisfies KindDefinition;
