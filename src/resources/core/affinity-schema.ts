// Where a pod may be scheduled: node affinity, pod affinity and anti-affinity, and topology spread
// constraints.

import { z } from "zod";
import { labelSelector } from "../schema-types.ts";
import { kubeField as f } from "./kube-field.ts";

const nodeSelectorRequirement = z
  .looseObject({
    key: f.string(1, "The label key, or the field name for matchFields."),
    operator: f.string(2, "In, NotIn, Exists, DoesNotExist, Gt or Lt."),
    values: f.strings(3, "The values compared with; one integer for Gt and Lt, none for Exists and DoesNotExist."),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeSelectorRequirement", description: "One test of a node's labels or fields." });

const nodeSelectorTerm = z
  .looseObject({
    matchExpressions: f.list(nodeSelectorRequirement, 1, "Tests of the node's labels."),
    matchFields: f.list(nodeSelectorRequirement, 2, "Tests of the node's fields."),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeSelectorTerm", structType: "atomic", description: "Tests that must all hold of a node." });

export const nodeSelector = z
  .looseObject({ nodeSelectorTerms: f.list(nodeSelectorTerm, 1, "The terms; a node must pass one of them.") })
  .meta({ definition: "io.k8s.api.core.v1.NodeSelector", structType: "atomic", description: "Terms of which a node must pass one." });

const preferredSchedulingTerm = z
  .looseObject({
    weight: f.int32(1, "How much the term counts, 1 to 100."),
    preference: f.message(nodeSelectorTerm, 2, "The term the node should pass."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PreferredSchedulingTerm", description: "A weighted preference for nodes." });

const nodeAffinity = z
  .looseObject({
    requiredDuringSchedulingIgnoredDuringExecution: f.message(nodeSelector, 1, "Nodes the pod may only be scheduled on."),
    preferredDuringSchedulingIgnoredDuringExecution: f.list(preferredSchedulingTerm, 2, "Nodes the scheduler favours, by the sum of their weights."),
  })
  .meta({ definition: "io.k8s.api.core.v1.NodeAffinity", description: "Rules on the labels and fields of the pod's node." });

const podAffinityTerm = z
  .looseObject({
    labelSelector: f.message(labelSelector, 1, "The pods the term is about."),
    namespaces: f.strings(2, "Namespaces of those pods; the pod's own when this and namespaceSelector are unset."),
    topologyKey: f.string(3, "The node label whose value makes a topology domain, e.g. a zone or a host."),
    namespaceSelector: f.message(labelSelector, 4, "Labels of the namespaces of those pods, besides namespaces."),
    matchLabelKeys: f.strings(5, "Label keys whose values on this pod are added to labelSelector as In."),
    mismatchLabelKeys: f.strings(6, "Label keys whose values on this pod are added to labelSelector as NotIn."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodAffinityTerm", description: "A set of pods and the topology domain the rule relates the pod to." });

const weightedPodAffinityTerm = z
  .looseObject({
    weight: f.int32(1, "How much the term counts, 1 to 100."),
    podAffinityTerm: f.message(podAffinityTerm, 2, "The term."),
  })
  .meta({ definition: "io.k8s.api.core.v1.WeightedPodAffinityTerm", description: "A weighted preference about other pods." });

const podAffinityRules = (definition: string, description: string, verb: string) =>
  z
    .looseObject({
      requiredDuringSchedulingIgnoredDuringExecution: f.list(podAffinityTerm, 1, `Terms that must all hold: the pod goes ${verb} the pods they select.`),
      preferredDuringSchedulingIgnoredDuringExecution: f.list(weightedPodAffinityTerm, 2, "Terms the scheduler favours, by the sum of their weights."),
    })
    .meta({ definition: `io.k8s.api.core.v1.${definition}`, description });

export const affinity = z
  .looseObject({
    nodeAffinity: f.message(nodeAffinity, 1, "Rules on the pod's node."),
    podAffinity: f.message(podAffinityRules("PodAffinity", "Rules that put the pod near other pods.", "only near"), 2, "Rules that put the pod near other pods."),
    podAntiAffinity: f.message(
      podAffinityRules("PodAntiAffinity", "Rules that keep the pod away from other pods.", "only away from"),
      3,
      "Rules that keep the pod away from other pods.",
    ),
  })
  .meta({ definition: "io.k8s.api.core.v1.Affinity", description: "Rules that attract the pod to, or keep it from, nodes and other pods." });

export const topologySpreadConstraint = z
  .looseObject({
    maxSkew: f.int32(1, "How many more matching pods one domain may have than the emptiest."),
    topologyKey: f.string(2, "The node label whose values make the domains."),
    whenUnsatisfiable: f.string(3, "DoNotSchedule or ScheduleAnyway: what happens when the skew cannot be kept."),
    labelSelector: f.message(labelSelector, 4, "The pods counted in each domain."),
    minDomains: f.int32(5, "With DoNotSchedule: the fewest domains counted, empty ones included."),
    nodeAffinityPolicy: f.string(6, "Honor or Ignore: whether the pod's node affinity limits the domains; Honor when unset."),
    nodeTaintsPolicy: f.string(7, "Honor or Ignore: whether nodes with taints the pod does not tolerate count; Ignore when unset."),
    matchLabelKeys: f.strings(8, "Label keys whose values on this pod narrow labelSelector."),
  })
  .meta({ definition: "io.k8s.api.core.v1.TopologySpreadConstraint", description: "How evenly matching pods spread over one topology key." });
