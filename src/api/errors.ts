// Builders for the Status errors kube-apiserver answers with, in its exact wording.

import { failure, type Status } from "./status.ts";
import { fieldErrorBody, fieldErrorText, type FieldError } from "./field-errors.ts";

/** Names a resource the way kube's messages do: "configmaps", "deployments.apps". */
export interface ResourceRef {
  group: string;
  resource: string;
}

export function qualifiedResource(ref: ResourceRef): string {
  return ref.group ? `${ref.resource}.${ref.group}` : ref.resource;
}

export function notFound(ref: ResourceRef, name: string): Status {
  return failure(404, "NotFound", `${qualifiedResource(ref)} "${name}" not found`, {
    name,
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export function alreadyExists(ref: ResourceRef, name: string): Status {
  return failure(409, "AlreadyExists", `${qualifiedResource(ref)} "${name}" already exists`, {
    name,
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export function conflict(ref: ResourceRef, name: string, why: string): Status {
  return failure(409, "Conflict", `Operation cannot be fulfilled on ${qualifiedResource(ref)} "${name}": ${why}`, {
    name,
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export const modifiedConflict = "the object has been modified; please apply your changes to the latest version and try again";

/** 422 Invalid: `Kind "name" is invalid: field: ...` with one cause per field error. */
export function invalid(group: string, kind: string, name: string, errors: FieldError[]): Status {
  const texts = errors.map(fieldErrorText);
  const summary = texts.length === 1 ? texts[0] : `[${texts.join(", ")}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return failure(422, "Invalid", `${qualifiedKind} "${name}" is invalid: ${summary}`, {
    name,
    group: group || undefined,
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  });
}

export function badRequest(message: string): Status {
  return failure(400, "BadRequest", message);
}

export function forbidden(ref: ResourceRef, name: string, why: string): Status {
  const subject = name ? `${qualifiedResource(ref)} "${name}"` : qualifiedResource(ref);
  return failure(403, "Forbidden", `${subject} is forbidden: ${why}`, {
    name: name || undefined,
    group: ref.group || undefined,
    kind: ref.resource,
  });
}

export function methodNotAllowed(): Status {
  return failure(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");
}

export function notFoundPath(): Status {
  return failure(404, "NotFound", "the server could not find the requested resource");
}

export function unauthorized(): Status {
  return failure(401, "Unauthorized", "Unauthorized");
}

export function notAcceptable(accept: string): Status {
  return failure(406, "NotAcceptable", `the server was unable to respond with a content type that the client supports (accept: ${accept})`);
}

export function unsupportedMediaType(contentType: string): Status {
  return failure(415, "UnsupportedMediaType", `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (got: ${contentType})`);
}

export function tooLarge(): Status {
  return failure(413, "RequestEntityTooLarge", "Request entity too large: limit is 3145728");
}

export function gone(message: string): Status {
  return failure(410, "Expired", message);
}

export function internalError(message: string): Status {
  return failure(500, "InternalError", `Internal error occurred: ${message}`);
}

export function timeout(message: string, retryAfterSeconds?: number): Status {
  return failure(504, "Timeout", message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
}
