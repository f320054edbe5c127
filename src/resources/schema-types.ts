// Schema pieces many kinds share: base64 bytes, quantities, int-or-string, label selectors, references, and
// checks of network values (IPs, CIDRs, ports) several kinds need.

import { z } from "zod";
import { fieldError, type FieldError } from "../api/field-errors.ts";
import { labelValueErrors, qualifiedNameErrors } from "../api/validation/names.ts";

/** A []byte field: standard base64 on the wire. */
export const base64String = z
  .string()
  .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, { message: "illegal base64 data" })
  .meta({ protoType: "bytes" });

/** resource.Quantity: "100m", "1Gi", "2", "1e3". Numbers are accepted and kept as kube serializes them. */
export const quantity = z
  .union([
    z.string().regex(/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/, { message: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }),
    z.number(),
  ])
  .meta({
    protoType: "Quantity",
    definition: "io.k8s.apimachinery.pkg.api.resource.Quantity",
    description: "An amount of a resource: a number with an optional SI or binary suffix, such as 500m, 2 or 1Gi.",
  });

/** intstr.IntOrString */
export const intOrString = z.union([z.number().int(), z.string()]).meta({
  protoType: "IntOrString",
  definition: "io.k8s.apimachinery.pkg.util.intstr.IntOrString",
  description: "Either a whole number or a string, such as a port number or a port name.",
});

export const labelSelectorRequirement = z
  .object({
    key: z.string().meta({ proto: 1, description: "The label key the requirement tests." }),
    operator: z
      .enum(["In", "NotIn", "Exists", "DoesNotExist"])
      .meta({ proto: 2, description: "How the key relates to the values: In, NotIn, Exists or DoesNotExist." }),
    values: z
      .array(z.string())
      .meta({ proto: 3, listType: "atomic", description: "The values to compare with; empty for Exists and DoesNotExist." })
      .optional(),
  })
  .meta({
    definition: "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement",
    description: "One test of a label selector: a key, an operator and, for In and NotIn, values.",
  });

export const labelSelector = z
  .object({
    matchLabels: z
      .record(z.string(), z.string())
      .meta({ proto: 1, description: "Labels an object must carry with exactly these values." })
      .optional(),
    matchExpressions: z
      .array(labelSelectorRequirement)
      .meta({ proto: 2, listType: "atomic", description: "Further tests every selected object must pass." })
      .optional(),
  })
  .meta({
    definition: "io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector",
    structType: "atomic",
    description: "Picks objects by their labels; all of its terms must hold. An empty selector matches everything.",
  });

export type LabelSelectorObject = z.infer<typeof labelSelector>;

export const objectReference = z
  .looseObject({
    kind: z.string().meta({ proto: 1, description: "The kind of the object referred to." }).optional(),
    namespace: z.string().meta({ proto: 2, description: "The namespace of the object referred to." }).optional(),
    name: z.string().meta({ proto: 3, description: "The name of the object referred to." }).optional(),
    uid: z.string().meta({ proto: 4, description: "The uid of the object referred to." }).optional(),
    apiVersion: z.string().meta({ proto: 5, description: "The API version of the object referred to." }).optional(),
    resourceVersion: z
      .string()
      .meta({ proto: 6, description: "The resource version of the object the reference was made from." })
      .optional(),
    fieldPath: z
      .string()
      .meta({ proto: 7, description: "A part of the object, such as a container, as a path like spec.containers{name}." })
      .optional(),
  })
  .meta({
    definition: "io.k8s.api.core.v1.ObjectReference",
    structType: "atomic",
    description: "Points at another object by kind, namespace, name and uid.",
  });

export const localObjectReference = z
  .object({ name: z.string().meta({ proto: 1, description: "The name of an object in the same namespace." }).optional() })
  .meta({
    definition: "io.k8s.api.core.v1.LocalObjectReference",
    structType: "atomic",
    description: "Points at an object in the same namespace by name.",
  });

/** metav1.Time in RFC 3339 form. */
export const timestamp = z.string().meta({
  protoType: "Time",
  definition: "io.k8s.apimachinery.pkg.apis.meta.v1.Time",
  description: "A point in time, to the second, in RFC 3339 form.",
});

/** metav1.MicroTime: RFC 3339 with microseconds (events, leases). */
export const microTime = z.string().meta({
  protoType: "MicroTime",
  definition: "io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime",
  description: "A point in time, to the microsecond, in RFC 3339 form.",
});

/**
 * metav1.Condition, the condition shape of newer APIs (Service status among them). Older kinds have their
 * own condition types with other field numbers (NodeCondition, PodCondition, ...): those are modeled beside
 * their kind, not with this.
 */
export const condition = z
  .looseObject({
    type: z.string().meta({ proto: 1, description: "What the condition is about, in CamelCase, such as Ready." }),
    status: z.string().meta({ proto: 2, description: "Whether the condition holds: True, False or Unknown." }),
    observedGeneration: z
      .number()
      .int()
      .meta({ proto: 3, protoType: "int64", omitEmpty: true, description: "The metadata.generation the condition was computed from." })
      .optional(),
    lastTransitionTime: timestamp.meta({ proto: 4, description: "When the status last changed." }).optional(),
    reason: z.string().meta({ proto: 5, description: "A CamelCase word for why the status is what it is." }).optional(),
    message: z.string().meta({ proto: 6, description: "A human-readable account of the condition." }).optional(),
  })
  .meta({
    definition: "io.k8s.apimachinery.pkg.apis.meta.v1.Condition",
    description: "One aspect of an object's current state, with when and why it last changed.",
  });

/** Fields common to every kind's schema: the envelope; metadata is validated generically. */
export const envelope = {
  apiVersion: z.string().meta({ description: "The versioned schema of this object, such as v1 or apps/v1." }).optional(),
  kind: z.string().meta({ description: "The kind of this object, such as Pod, in CamelCase." }).optional(),
  metadata: z.unknown(),
};

// ---- Network values: IP addresses, CIDRs, ports and protocols, with kube's details when one is wrong.

export type IPFamily = "IPv4" | "IPv6";

export interface ParsedIP {
  family: IPFamily;
  /** 4 bytes for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address stays 16). */
  bytes: number[];
  leadingZeros: boolean;
}

function ipv4Bytes(value: string): { bytes: number[]; leadingZeros: boolean } | undefined {
  const parts = value.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return { bytes: parts.map(Number), leadingZeros: parts.some((p) => p.length > 1 && p.startsWith("0")) };
}

function ipv6Bytes(value: string): number[] | undefined {
  let text = value;
  const lastColon = text.lastIndexOf(":");
  if (lastColon < 0) return undefined;
  const tail = text.slice(lastColon + 1);
  if (tail.includes(".")) {
    const v4 = ipv4Bytes(tail);
    if (!v4 || v4.leadingZeros) return undefined;
    const [a, b, c, d] = v4.bytes;
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if ([...head, ...rest].some(Number.isNaN)) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const all = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...rest];
  return all.flatMap((g) => [g >> 8, g & 0xff]);
}

/** Parses an address as Go's sloppy parser does (IPv4 octets may carry leading zeros). */
export function parseIP(value: string): ParsedIP | undefined {
  const v4 = ipv4Bytes(value);
  if (v4) return { family: "IPv4", bytes: v4.bytes, leadingZeros: v4.leadingZeros };
  const v6 = ipv6Bytes(value);
  return v6 ? { family: "IPv6", bytes: v6, leadingZeros: false } : undefined;
}

function isV4Mapped(bytes: number[]): boolean {
  return bytes.length === 16 && bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/** IsValidIP: what is wrong with an address; empty when it is valid. */
export function ipErrors(value: string): string[] {
  const ip = parseIP(value);
  if (!ip) return ["must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"];
  if (ip.leadingZeros) return ["must not have leading 0s"];
  if (isV4Mapped(ip.bytes)) return ["must not be an IPv4-mapped IPv6 address"];
  return [];
}

/** ValidateNonSpecialIP: endpoint and external addresses may not be unspecified, loopback or link-local. */
export function specialIPErrors(value: string): string[] {
  const ip = parseIP(value);
  if (!ip) return ["must be a valid IP address"];
  const b = isV4Mapped(ip.bytes) ? ip.bytes.slice(12) : ip.bytes;
  const v4 = b.length === 4;
  const errors: string[] = [];
  if (b.every((x) => x === 0)) errors.push(`may not be unspecified (${value})`);
  if (v4 ? b[0] === 127 : b.slice(0, 15).every((x) => x === 0) && b[15] === 1) {
    errors.push("may not be in the loopback range (127.0.0.0/8, ::1/128)");
  }
  if (v4 ? b[0] === 169 && b[1] === 254 : b[0] === 0xfe && (b[1] & 0xc0) === 0x80) {
    errors.push("may not be in the link-local range (169.254.0.0/16, fe80::/10)");
  }
  if (v4 ? b[0] === 224 && b[1] === 0 && b[2] === 0 : b[0] === 0xff && (b[1] & 0x0f) === 0x02) {
    errors.push("may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)");
  }
  return errors;
}

/** IsValidCIDR: what is wrong with a CIDR ("10.0.0.0/8"); empty when it is valid. */
export function cidrErrors(value: string): string[] {
  const slash = value.indexOf("/");
  const ip = slash > 0 ? parseIP(value.slice(0, slash)) : undefined;
  const bitsText = value.slice(slash + 1);
  const maxBits = ip?.family === "IPv4" ? 32 : 128;
  if (!ip || !/^\d{1,3}$/.test(bitsText) || Number(bitsText) > maxBits) {
    return ["must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"];
  }
  if (ip.leadingZeros || (bitsText.length > 1 && bitsText.startsWith("0"))) return ["must not have leading 0s in IP or prefix length"];
  if (isV4Mapped(ip.bytes)) return ["must not have an IPv4-mapped IPv6 address"];
  const bits = Number(bitsText);
  const hostBitsSet = ip.bytes.some((byte, i) => {
    const keep = Math.max(0, Math.min(8, bits - i * 8));
    return (byte & (0xff >> keep)) !== 0;
  });
  return hostBitsSet ? ["must not have bits set beyond the prefix length"] : [];
}

/** IsValidPortNum */
export function portNumberErrors(port: number): string[] {
  return port >= 1 && port <= 65535 ? [] : ["must be between 1 and 65535, inclusive"];
}

/** IsValidPortName: an IANA service name, as container ports and service target ports use. */
export function portNameErrors(name: string): string[] {
  const errors: string[] = [];
  if (name.length > 15) errors.push("must be no more than 15 characters");
  if (!/^[-a-z0-9]+$/.test(name)) errors.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
  if (!/[a-z]/.test(name)) errors.push("must contain at least one letter (a-z)");
  if (name.includes("--")) errors.push("must not contain consecutive hyphens");
  if (name.startsWith("-") || name.endsWith("-")) errors.push("must not begin or end with a hyphen");
  return errors;
}

/** The protocols a Service or Endpoints port may carry, in the order kube lists them. */
export const portProtocols = ["SCTP", "TCP", "UDP"] as const;

/** A port's protocol: required, and one kube supports. */
export function protocolErrors(field: string, protocol: string | undefined): FieldError[] {
  if (!protocol) return [fieldError.required(field)];
  return (portProtocols as readonly string[]).includes(protocol) ? [] : [fieldError.notSupported(field, protocol, portProtocols)];
}

/** ValidateLabels: keys are qualified names, values label values; every error is reported at `field`. */
export function labelsErrors(labels: Record<string, string> | undefined, field: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(labels ?? {})) {
    for (const msg of qualifiedNameErrors(key)) errors.push(fieldError.invalid(field, key, msg));
    for (const msg of labelValueErrors(value)) errors.push(fieldError.invalid(field, value, msg));
  }
  return errors;
}

const quantitySuffixes: Record<string, number> = {
  n: 1e-9, u: 1e-6, m: 1e-3, "": 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** The amount a resource.Quantity stands for ("500m" is 0.5, "1Ki" is 1024); undefined when it does not parse. */
export function quantityValue(value: string | number | undefined): number | undefined {
  if (typeof value === "number") return value;
  if (value === undefined) return undefined;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))(?:[eE]([+-]?\d+)|([KMGTPE]i|[numkMGTPE])?)$/.exec(value);
  if (!m) return undefined;
  const base = Number(m[1]);
  return m[2] !== undefined ? base * 10 ** Number(m[2]) : base * quantitySuffixes[m[3] ?? ""];
}
