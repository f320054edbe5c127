// Builders for the annotated fields kube's structures are made of (schema-meta.ts): the zod type, the protobuf
// number and wire form, and the description in one call, so that a structure reads as its list of fields.
// Every builder gives an optional field; what kube requires is checked by validation, not by the decoder.

import { z } from "zod";
import type { KubeFieldMeta } from "../schema-meta.ts";
import { quantity } from "../schema-types.ts";

/** Metadata besides the number and the description: merge rules, a protoType. */
type Extra = Omit<KubeFieldMeta, "proto" | "description">;

const int = z.number().int();

export const kubeField = {
  string: (proto: number, description: string) => z.string().meta({ proto, description }).optional(),
  /** `extra` { omitEmpty: true } for a Go bool that is no pointer and omitempty (schema-meta.ts); likewise the numbers. */
  bool: (proto: number, description: string, extra: Extra = {}) => z.boolean().meta({ proto, description, ...extra }).optional(),
  int32: (proto: number, description: string, extra: Extra = {}) => int.meta({ proto, description, ...extra }).optional(),
  int64: (proto: number, description: string, extra: Extra = {}) => int.meta({ proto, protoType: "int64", description, ...extra }).optional(),
  /** metav1.Time: an RFC 3339 string in JSON. */
  time: (proto: number, description: string) => z.string().meta({ proto, protoType: "Time", description }).optional(),
  quantity: (proto: number, description: string) => quantity.meta({ proto, description }).optional(),
  /** A map of resource names to quantities. */
  quantities: (proto: number, description: string) => z.record(z.string(), quantity).meta({ proto, protoType: "Quantity", description }).optional(),
  /** A list of strings; atomic unless `listType` says otherwise. */
  strings: (proto: number, description: string, extra: Extra = { listType: "atomic" }) =>
    z.array(z.string()).meta({ proto, description, ...extra }).optional(),
  /** A list of integers: int32, or int64 with `protoType`. */
  ints: (proto: number, description: string, extra: Extra = { listType: "atomic" }) => z.array(int).meta({ proto, description, ...extra }).optional(),
  stringMap: (proto: number, description: string, extra: Extra = {}) => z.record(z.string(), z.string()).meta({ proto, description, ...extra }).optional(),
  /** A nested message: the schema carries its definition; this adds the number. */
  message: <T extends z.ZodType>(schema: T, proto: number, description: string, extra: Extra = {}) => schema.meta({ proto, description, ...extra }).optional(),
  /** A repeated message; atomic unless `extra` gives other merge rules. */
  list: <T extends z.ZodType>(schema: T, proto: number, description: string, extra: Extra = { listType: "atomic" }) =>
    z.array(schema).meta({ proto, description, ...extra }).optional(),
};
