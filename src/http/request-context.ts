// What every resource handler works from: the kind, the parsed path, the user, and how to answer.

import type { Context } from "hono";
import type { Decision } from "../auth/rbac/authorizer.ts";
import type { Env } from "../env.ts";
import type { Requester } from "../registry/contract.ts";
import type { KindDefinition } from "../resources/definition.ts";
import type { AuditState } from "./audit-request.ts";
import type { ResourceRequest } from "./request-info.ts";
import type { Encoding } from "./respond.ts";

export interface AppVariables {
  user: Requester;
  /** The audit log's view of the request (audit-request.ts). */
  audit: AuditState;
  /** The authorizer's decision on the request, for the audit log's annotations. */
  authorization: Decision;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };

export interface ResourceContext {
  c: Context<AppEnv>;
  def: KindDefinition;
  /** For a custom kind: the revision of the kind catalog it was found in (sent on to shards and hubs). */
  catalogRevision?: string;
  path: ResourceRequest;
  /** The namespace of the request: "" for cluster-scoped kinds, undefined for a list across namespaces. */
  namespace: string | undefined;
  encoding: Encoding;
  query: URLSearchParams;
}
