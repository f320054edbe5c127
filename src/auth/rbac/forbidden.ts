// The 403 kube answers when the authorizer says no, in its words (responsewriters.Forbidden): who could not do
// what, where; RBAC's reason appended when it has one (a binding to a missing role).

import { forbidden } from "../../api/errors.ts";
import { failure, type Status } from "../../api/status.ts";
import type { AccessAttributes, UserInfo } from "./policy-rule.ts";

export function forbiddenMessage(user: UserInfo, attrs: AccessAttributes): string {
  const name = JSON.stringify(user.name);
  if (!attrs.resourceRequest) return `User ${name} cannot ${attrs.verb} path ${JSON.stringify(attrs.path ?? "")}`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : (attrs.resource ?? "");
  const where = attrs.namespace ? `in the namespace ${JSON.stringify(attrs.namespace)}` : "at the cluster scope";
  return `User ${name} cannot ${attrs.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(attrs.apiGroup ?? "")} ${where}`;
}

export function forbiddenStatus(user: UserInfo, attrs: AccessAttributes, reason: string): Status {
  const why = reason ? `${forbiddenMessage(user, attrs)}: ${reason}` : forbiddenMessage(user, attrs);
  if (!attrs.resourceRequest || !attrs.resource) {
    const status = failure(403, "Forbidden", `forbidden: ${why}`);
    status.details = {};
    return status;
  }
  return forbidden({ group: attrs.apiGroup ?? "", resource: attrs.resource }, attrs.name ?? "", why);
}
