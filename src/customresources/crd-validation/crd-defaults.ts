// The defaults kube's apiextensions.k8s.io/v1 scheme gives a CustomResourceDefinition (v1/defaults.go), applied
// when it decodes one: singular and listKind from the kind, conversion strategy None, a conversion webhook
// service on port 443, and status.storedVersions holding the storage version when it holds nothing.

import { isPlainObject } from "../../api/object.ts";
import type { CustomResourceDefinition } from "../crd-types.ts";

/** Sets kube's v1 defaults on the CRD in place. */
export function defaultCRD(crd: CustomResourceDefinition): void {
  if (!isPlainObject(crd.spec)) return;
  const spec = crd.spec;
  if (isPlainObject(spec.names)) {
    const names = spec.names;
    const kind = typeof names.kind === "string" ? names.kind : "";
    if (!names.singular && kind) names.singular = kind.toLowerCase();
    if (!names.listKind && kind) names.listKind = `${kind}List`;
  }
  if (!isPlainObject(spec.conversion)) spec.conversion = { strategy: "None" };
  const webhook: unknown = spec.conversion.webhook;
  const clientConfig = isPlainObject(webhook) ? webhook.clientConfig : undefined;
  const service = isPlainObject(clientConfig) ? clientConfig.service : undefined;
  if (isPlainObject(service) && (service.port === undefined || service.port === null)) service.port = 443;

  if ((crd.status?.storedVersions ?? []).length === 0) {
    const storage = (Array.isArray(spec.versions) ? spec.versions : []).find((v) => isPlainObject(v) && v.storage === true);
    if (storage) crd.status = { ...crd.status, storedVersions: [storage.name] };
  }
}
