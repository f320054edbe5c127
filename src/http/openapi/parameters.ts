// The parameters kube publishes on resource operations: names, places and types are kube's (kubectl looks
// for `fieldValidation` on PATCH to decide that the server validates fields itself); the descriptions are
// this project's own.

export interface Parameter {
  name: string;
  in: "path" | "query";
  type: "string" | "integer" | "boolean";
  description: string;
  required?: boolean;
}

const query = (name: string, type: Parameter["type"], description: string): Parameter => ({ name, in: "query", type, description });

export const parameters = {
  name: (kind: string): Parameter => ({ name: "name", in: "path", type: "string", description: `The name of the ${kind}.`, required: true }),
  namespace: { name: "namespace", in: "path", type: "string", description: "The namespace the objects live in.", required: true } satisfies Parameter,
  pretty: query("pretty", "string", "When 'true', the answer is indented for people to read."),

  allowWatchBookmarks: query("allowWatchBookmarks", "boolean", "Asks a watch for BOOKMARK events, which carry only a resource version; the server decides when to send them."),
  continue: query("continue", "string", "The token a previous page of the list ended with, to get the next page. Tokens expire; an expired one is answered with 410 Gone."),
  fieldSelector: query("fieldSelector", "string", "Restricts the answer to objects whose fields match, such as metadata.name=web. Everything by default."),
  labelSelector: query("labelSelector", "string", "Restricts the answer to objects whose labels match, such as app=web,tier!=db. Everything by default."),
  limit: query("limit", "integer", "The most items to return in one page; when more remain, the list's metadata carries a continue token. Pages of one list form a consistent snapshot."),
  resourceVersion: query("resourceVersion", "string", "Which state to read or watch from: unset for the latest, 0 for any, or a resource version returned by the server."),
  resourceVersionMatch: query("resourceVersionMatch", "string", "How resourceVersion applies to a list: NotOlderThan or Exact."),
  sendInitialEvents: query("sendInitialEvents", "boolean", "Starts a watch with an ADDED event per existing object, then a BOOKMARK annotated k8s.io/initial-events-end; needs resourceVersionMatch=NotOlderThan."),
  timeoutSeconds: query("timeoutSeconds", "integer", "How long a list or watch call may last, in seconds."),
  watch: query("watch", "boolean", "Turns the list into a stream of ADDED, MODIFIED and DELETED events from the given resource version."),

  dryRun: query("dryRun", "string", "When All, the request goes through every stage (defaulting, validation, admission) but nothing is stored."),
  fieldManager: query("fieldManager", "string", "The name of the actor making the change, for field ownership; at most 128 printable characters. Required for apply patches."),
  fieldValidation: query(
    "fieldValidation",
    "string",
    "What to do with unknown or duplicated fields in the body: Ignore drops them, Warn drops them with a warning header, Strict rejects the request with BadRequest.",
  ),
  force: query("force", "boolean", "For apply patches: take ownership of fields other managers own instead of failing with a conflict. Must be unset for other patches."),

  gracePeriodSeconds: query("gracePeriodSeconds", "integer", "Seconds the object is given to terminate before it is removed; 0 removes it at once, unset uses the kind's default."),
  orphanDependents: query("orphanDependents", "boolean", "Deprecated, use propagationPolicy: when true, dependents are orphaned rather than deleted."),
  propagationPolicy: query("propagationPolicy", "string", "How dependents are handled: Orphan keeps them, Background deletes them after the owner, Foreground before it."),
} as const;

const p = parameters;

/** The query parameters of a list or watch, in name order as kube lists them. */
export const listParameters: Parameter[] = [
  p.allowWatchBookmarks,
  p.continue,
  p.fieldSelector,
  p.labelSelector,
  p.limit,
  p.resourceVersion,
  p.resourceVersionMatch,
  p.sendInitialEvents,
  p.timeoutSeconds,
  p.watch,
];

export const writeParameters: Parameter[] = [p.dryRun, p.fieldManager, p.fieldValidation];
export const patchParameters: Parameter[] = [p.dryRun, p.fieldManager, p.fieldValidation, p.force];
export const deleteParameters: Parameter[] = [p.dryRun, p.gracePeriodSeconds, p.orphanDependents, p.propagationPolicy];
export const deleteCollectionParameters: Parameter[] = [
  p.continue,
  p.dryRun,
  p.fieldSelector,
  p.gracePeriodSeconds,
  p.labelSelector,
  p.limit,
  p.orphanDependents,
  p.propagationPolicy,
  p.resourceVersion,
  p.resourceVersionMatch,
  p.sendInitialEvents,
  p.timeoutSeconds,
];
