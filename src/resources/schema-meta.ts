// The metadata a kind's zod schema carries, so that one schema drives validation, OpenAPI (v2 and v3, and
// kubectl explain), protobuf, and the merge rules of patch and apply. Attach it with zod's .meta({...}) on the
// field's schema (inside .optional(): readers unwrap optional/default/nullable and merge what they find).
//
//   name: z.string().meta({ proto: 1, description: "..." }).optional()
//   containers: z.array(container).meta({ proto: 2, patchStrategy: "merge", patchMergeKey: "name",
//     listType: "map", listMapKeys: ["name"] })
//   spec: podSpec.meta({ proto: 2 })   where podSpec = z.object({...}).meta({ definition: "io.k8s.api.core.v1.PodSpec" })
//
// Re-meta merges (zod 4): .meta(x) on a schema that already has metadata returns a copy that records only x
// and links to the original; .meta() and z.globalRegistry.get() on the copy return the original's metadata
// with x's keys laid over it (key by key, shallow: x's listMapKeys replaces, never appends; `id` is not
// inherited). So podSpec.meta({ proto: 2 }) still reads definition "...PodSpec", and the shared piece itself
// is left as it was. Derivations that rebuild the schema (.extend, .pick, .omit, .partial) drop the metadata;
// .refine/.check keep it. Read metadata with .meta() or the registry's get(), never the registry's raw map.
//
// Field numbers, wire types and definition names are facts of Kubernetes' wire format; descriptions are
// written in this project's own words.

/** How a field is encoded in protobuf when its zod type does not say it alone. */
export type ProtoType =
  | "int32" // default for z.number().int()
  | "int64"
  | "double" // default for z.number()
  | "bytes" // a base64 string in JSON, bytes in protobuf
  | "Time" // metav1.Time: RFC 3339 in JSON; {seconds: int64 = 1, nanos: int32 = 2} in protobuf
  | "MicroTime" // metav1.MicroTime: RFC 3339 with microseconds; same message as Time
  | "Duration" // metav1.Duration: "1h2m" in JSON; {duration: int64 = 1} (nanoseconds) in protobuf
  | "Quantity" // resource.Quantity: a string or number in JSON; {string: string = 1} in protobuf
  | "IntOrString" // intstr.IntOrString: {type: int64 = 1, intVal: int32 = 2, strVal: string = 3}
  | "RawExtension" // runtime.RawExtension: any JSON; {raw: bytes = 1} holding JSON in protobuf
  | "JSON" // apiextensions JSON: any JSON; {raw: bytes = 1}
  | "StringList"; // a list of strings in JSON; {items: repeated string = 1} in protobuf (a user's ExtraValue)

export interface KubeFieldMeta {
  /** The field's number in kube's generated.proto. */
  proto?: number;
  protoType?: ProtoType;
  /**
   * A Go field that is a plain value (not a pointer) tagged `omitempty`: Go writes its zero value (0, false)
   * in protobuf but leaves it out of JSON, so a decoded zero is left out (see the codec's `omitEmpty`). Pointer
   * fields and fields without omitempty keep a decoded zero: for them 0 and false are values.
   */
  omitEmpty?: boolean;
  /** On an object schema: its OpenAPI definition name and protobuf message, e.g. "io.k8s.api.core.v1.PodSpec". */
  definition?: string;
  /** What `kubectl explain` prints for the field, in our own words. */
  description?: string;
  /** Strategic merge patch: "merge", "replace", "retainKeys", or "merge,retainKeys". */
  patchStrategy?: string;
  patchMergeKey?: string;
  /** Server-side apply list and map semantics. */
  listType?: "atomic" | "set" | "map";
  listMapKeys?: string[];
  mapType?: "atomic" | "granular";
  structType?: "atomic" | "granular";
  /**
   * Whether Go's JSON has the field when it is unset: "always" for a slice or map without omitempty (written
   * as null) or a plain struct; "omitted" for a pointer or omitempty field. Server-side apply's Update
   * comparison reads it (a field always there never appears or goes); without it, a struct reached only
   * through structs from the root counts as always there and anything else as omitted.
   */
  goPresence?: "always" | "omitted";
  /** On an object schema: the fields that travel inside an embedded message (see InlineMessage). */
  inline?: InlineMessage[];
}

/**
 * Fields kube keeps in an embedded Go struct that JSON flattens into its parent (`json:",inline"`): on the wire
 * they travel inside one message, field `proto` of the parent, and carry that message's numbers (Probe's
 * handler fields inside ProbeHandler, field 1; a ConfigMapKeySelector's `name` inside LocalObjectReference).
 */
export interface InlineMessage {
  proto: number;
  definition: string;
  fields: string[];
}

declare module "zod" {
  interface GlobalMeta extends KubeFieldMeta {}
}
