// What a request asks to do, read from its method, path and query as kube's RequestInfoFactory reads them:
// /api/v1/... and /apis/{group}/{version}/... are resource requests (verb from the method; list or watch for
// a collection GET; deletecollection for a collection DELETE); every other path is a non-resource request
// whose verb is the lower-cased method.

import type { AccessAttributes } from "./policy-rule.ts";

const namespaceSubresources = new Set(["status", "finalize"]);
const specialVerbs = new Set(["proxy", "watch"]);
const truthy = new Set(["true", "1", "True"]);

function methodVerb(method: string): string {
  switch (method) {
    case "POST":
      return "create";
    case "GET":
    case "HEAD":
      return "get";
    case "PUT":
      return "update";
    case "PATCH":
      return "patch";
    case "DELETE":
      return "delete";
    default:
      return "";
  }
}

/** metadata.name=x in a field selector names the object a list or watch is for. */
function nameFromFieldSelector(selector: string | null): string | undefined {
  if (!selector) return undefined;
  for (const term of selector.split(",")) {
    const m = /^\s*metadata\.name\s*(?:==|=)\s*([^,]*?)\s*$/.exec(term);
    if (m && m[1] && !/[/%]/.test(m[1]) && m[1] !== "." && m[1] !== "..") return m[1];
  }
  return undefined;
}

export function requestAttributes(method: string, url: URL): AccessAttributes {
  const path = url.pathname;
  const nonResource: AccessAttributes = { verb: method.toLowerCase(), resourceRequest: false, path };
  let parts = path.split("/").filter((s) => s !== "");
  try {
    parts = parts.map(decodeURIComponent);
  } catch {
    return nonResource;
  }
  if (parts.length < 3 || (parts[0] !== "api" && parts[0] !== "apis")) return nonResource;
  let rest = parts.slice(1);
  let apiGroup = "";
  if (parts[0] === "apis") {
    if (rest.length < 3) return nonResource;
    apiGroup = rest[0];
    rest = rest.slice(1);
  }
  const apiVersion = rest[0];
  rest = rest.slice(1);
  let verb: string;
  if (specialVerbs.has(rest[0])) {
    if (rest.length < 2) return nonResource;
    verb = rest[0];
    rest = rest.slice(1);
  } else {
    verb = methodVerb(method);
  }
  let namespace = "";
  if (rest[0] === "namespaces" && rest.length > 1) {
    namespace = rest[1];
    if (rest.length > 2 && !namespaceSubresources.has(rest[2])) rest = rest.slice(2);
  }
  const attrs: AccessAttributes = { verb, resourceRequest: true, apiGroup, apiVersion, namespace, resource: rest[0] ?? "" };
  if (rest.length >= 2) attrs.name = rest[1];
  if (rest.length >= 3 && verb !== "proxy") attrs.subresource = rest[2];
  if (!attrs.name && verb === "get") attrs.verb = truthy.has(url.searchParams.get("watch") ?? "") ? "watch" : "list";
  if (!attrs.name && verb === "delete") attrs.verb = "deletecollection";
  if (!attrs.name && (attrs.verb === "list" || attrs.verb === "watch")) {
    const named = nameFromFieldSelector(url.searchParams.get("fieldSelector"));
    if (named) attrs.name = named;
  }
  return attrs;
}
