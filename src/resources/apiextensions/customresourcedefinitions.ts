// apiextensions.k8s.io/v1 CustomResourceDefinition: a new API defined at run time. Its resources are served
// once src/controllers/custom-resource-definitions.ts has accepted its names and marked it Established
// (src/customresources/kind-catalog.ts builds their kinds); deleting it deletes them first (its finalizer).

import { z } from "zod";
import type { KubeObject } from "../../api/object.ts";
import { defaultCRD } from "../../customresources/crd-validation/crd-defaults.ts";
import { validateCRD, validateCRDUpdate } from "../../customresources/crd-validation/validate-crd.ts";
import { crdCleanupFinalizer, crdGroup, type CustomResourceDefinition } from "../../customresources/crd-types.ts";
import { crdValidationOptions } from "../../customresources/crd-validation-options.ts";
import type { KindDefinition } from "../definition.ts";
import { envelope } from "../schema-types.ts";
import { createdAtColumn } from "../rbac/rbac-schema.ts";
import { nameColumn } from "../table-columns.ts";

const names = z
  .object({
    plural: z.string().meta({ description: "The plural name, lowercase, used in URLs: /apis/<group>/<version>/<plural>." }).optional(),
    singular: z.string().meta({ description: "The singular name, lowercase, an alias kubectl accepts." }).optional(),
    shortNames: z.array(z.string()).meta({ listType: "atomic", description: "Short aliases kubectl accepts, such as ct." }).optional(),
    kind: z.string().meta({ description: "The serialized kind, CamelCase, such as CronTab." }).optional(),
    listKind: z.string().meta({ description: "The kind of lists of it; defaults to <kind>List." }).optional(),
    categories: z.array(z.string()).meta({ listType: "atomic", description: "Groups it belongs to, such as all, for kubectl get <category>." }).optional(),
  })
  .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionNames", description: "The names a custom resource is served under." });

const column = z
  .object({
    name: z.string().meta({ description: "The column's header." }).optional(),
    type: z.string().meta({ description: "integer, number, string, boolean or date." }).optional(),
    format: z.string().meta({ description: "An OpenAPI format refining the type, such as int32 or byte." }).optional(),
    description: z.string().meta({ description: "What the column shows, for people." }).optional(),
    priority: z.number().int().meta({ description: "0: always shown; higher: shown only in wide output." }).optional(),
    jsonPath: z.string().meta({ description: "A simple JSONPath into each object that gives the cell." }).optional(),
  })
  .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceColumnDefinition", description: "A column of the table kubectl prints." });

const jsonSchemaProps = z
  .looseObject({})
  .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps", description: "An OpenAPI v3 schema (a structural one: every field typed)." });

const version = z
  .object({
    name: z.string().meta({ description: "The version's name, such as v1 or v1beta1: /apis/<group>/<name>/..." }).optional(),
    served: z.boolean().meta({ description: "Whether the version is served by the REST API." }).optional(),
    storage: z.boolean().meta({ description: "Whether objects are stored at this version; exactly one version is." }).optional(),
    deprecated: z.boolean().meta({ description: "Answers of this version carry a deprecation warning." }).optional(),
    deprecationWarning: z.string().meta({ description: "The warning to give instead of the default one." }).optional(),
    schema: z
      .object({ openAPIV3Schema: jsonSchemaProps.meta({ description: "The schema objects of this version are validated, pruned and defaulted with." }).optional() })
      .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceValidation", description: "How objects of the version are checked." })
      .optional(),
    subresources: z
      .object({
        status: z.looseObject({}).meta({ description: "Serves /status: spec and status are then written separately." }).optional(),
        scale: z
          .object({
            specReplicasPath: z.string().meta({ description: "The JSON path of the desired replicas, under .spec." }).optional(),
            statusReplicasPath: z.string().meta({ description: "The JSON path of the observed replicas, under .status." }).optional(),
            labelSelectorPath: z.string().meta({ description: "The JSON path of the selector string, under .status or .spec." }).optional(),
          })
          .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresourceScale", description: "Serves /scale." })
          .optional(),
      })
      .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceSubresources", description: "The subresources served." })
      .optional(),
    additionalPrinterColumns: z.array(column).meta({ listType: "atomic", description: "Columns kubectl get prints besides the name." }).optional(),
    selectableFields: z
      .array(z.object({ jsonPath: z.string().meta({ description: "A simple JSONPath to a string, integer or boolean field." }).optional() }).meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.SelectableField", description: "A field that field selectors may test." }))
      .meta({ listType: "atomic", description: "Fields that field selectors may test besides metadata.name and metadata.namespace." })
      .optional(),
  })
  .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionVersion", description: "One version of the API." });

const condition = z
  .object({
    type: z.string().meta({ description: "Established, NamesAccepted, Terminating, ..." }).optional(),
    status: z.string().meta({ description: "True, False or Unknown." }).optional(),
    lastTransitionTime: z.string().meta({ protoType: "Time", description: "When the status last changed." }).optional(),
    reason: z.string().meta({ description: "A one-word reason for the last change." }).optional(),
    message: z.string().meta({ description: "The last change, for people." }).optional(),
  })
  .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionCondition", description: "One observed condition." });

const schema = z
  .object({
    ...envelope,
    spec: z
      .object({
        group: z.string().meta({ description: "The API group: /apis/<group>/..., such as stable.example.com." }).optional(),
        names: names.meta({ description: "The names the resource is served under." }).optional(),
        scope: z.string().meta({ description: "Namespaced or Cluster." }).optional(),
        versions: z.array(version).meta({ listType: "atomic", description: "The versions served." }).optional(),
        conversion: z
          .object({
            strategy: z.string().meta({ description: "None (only apiVersion changes) or Webhook." }).optional(),
            webhook: z.looseObject({}).meta({ description: "The conversion webhook, for the Webhook strategy." }).optional(),
          })
          .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceConversion", description: "How objects are converted between versions." })
          .optional(),
        preserveUnknownFields: z.boolean().meta({ description: "Must be false in v1: unknown fields are pruned unless the schema keeps them." }).optional(),
      })
      .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionSpec", description: "The API to serve." })
      .optional(),
    status: z
      .object({
        conditions: z.array(condition).meta({ listType: "map", listMapKeys: ["type"], description: "Observed conditions." }).optional(),
        acceptedNames: names.meta({ description: "The names actually served (they may differ from spec.names while those conflict)." }).optional(),
        storedVersions: z.array(z.string()).meta({ listType: "atomic", description: "Every version objects have ever been stored at." }).optional(),
      })
      .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinitionStatus", description: "What the server observed." })
      .optional(),
  })
  .meta({ definition: "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.CustomResourceDefinition", description: "A new resource type served by this API server." });

const asCRD = (obj: KubeObject) => obj as CustomResourceDefinition;
const storageVersion = (crd: CustomResourceDefinition) => crd.spec?.versions?.find((v) => v.storage)?.name;

export const customResourceDefinitions = {
  group: crdGroup,
  version: "v1",
  kind: "CustomResourceDefinition",
  plural: "customresourcedefinitions",
  singular: "customresourcedefinition",
  namespaced: false,
  shortNames: ["crd", "crds"],
  categories: ["api-extensions"],
  nameRule: "dns1123-subdomain",
  schema,
  applyDefaults(obj) {
    defaultCRD(asCRD(obj));
  },
  prepareForCreate(obj) {
    const crd = asCRD(obj);
    const stored = storageVersion(crd);
    crd.status = { conditions: [], acceptedNames: { plural: "", kind: "" }, storedVersions: stored ? [stored] : [] };
    const finalizers = crd.metadata.finalizers ?? [];
    if (!finalizers.includes(crdCleanupFinalizer)) crd.metadata.finalizers = [...finalizers, crdCleanupFinalizer];
  },
  prepareForUpdate(obj, old) {
    // A new storage version joins the versions objects may be stored at.
    const crd = asCRD(obj);
    const stored = storageVersion(crd);
    const storedVersions = crd.status?.storedVersions ?? asCRD(old).status?.storedVersions ?? [];
    if (stored && !storedVersions.includes(stored)) crd.status = { ...crd.status, storedVersions: [...storedVersions, stored] };
  },
  validate(obj, old) {
    const crd = asCRD(obj);
    return old ? validateCRDUpdate(crd, asCRD(old), crdValidationOptions) : validateCRD(crd, crdValidationOptions);
  },
  status: true,
  generationFields: ["spec"],
  afterCommit(_obj, effects) {
    effects.reconcileCustomResourceDefinitions();
  },
  table: {
    columns: [nameColumn, createdAtColumn],
    cells(obj) {
      return [obj.metadata.name ?? "", obj.metadata.creationTimestamp ?? null];
    },
  },
} satisfies KindDefinition;
