// The security settings of a container (SecurityContext) and of a whole pod (PodSecurityContext), with the
// SELinux, Windows, seccomp and AppArmor options both share.

import { z } from "zod";
import { kubeField as f } from "./kube-field.ts";

const seLinuxOptions = z
  .looseObject({
    user: f.string(1, "The SELinux user label."),
    role: f.string(2, "The SELinux role label."),
    type: f.string(3, "The SELinux type label."),
    level: f.string(4, "The SELinux level label."),
  })
  .meta({ definition: "io.k8s.api.core.v1.SELinuxOptions", description: "The SELinux labels applied to the container." });

const windowsOptions = z
  .looseObject({
    gmsaCredentialSpecName: f.string(1, "The GMSA credential spec resource to use."),
    gmsaCredentialSpec: f.string(2, "The GMSA credential spec's content, which the admission webhook inlines."),
    runAsUserName: f.string(3, "The Windows user the entrypoint runs as."),
    hostProcess: f.bool(4, "Run as a Windows host process container; all containers of the pod must agree."),
  })
  .meta({ definition: "io.k8s.api.core.v1.WindowsSecurityContextOptions", description: "Settings that apply on Windows nodes only." });

const seccompProfile = z
  .looseObject({
    type: f.string(1, "RuntimeDefault, Unconfined or Localhost."),
    localhostProfile: f.string(2, "For Localhost: the profile's path, relative to kubelet's seccomp directory."),
  })
  .meta({ definition: "io.k8s.api.core.v1.SeccompProfile", description: "The seccomp profile that filters system calls." });

const appArmorProfile = z
  .looseObject({
    type: f.string(1, "RuntimeDefault, Unconfined or Localhost."),
    localhostProfile: f.string(2, "For Localhost: the name of a profile loaded on the node."),
  })
  .meta({ definition: "io.k8s.api.core.v1.AppArmorProfile", description: "The AppArmor profile that confines the processes." });

const capabilities = z
  .looseObject({
    add: f.strings(1, "Capabilities added to the runtime's default set."),
    drop: f.strings(2, "Capabilities removed from the runtime's default set."),
  })
  .meta({ definition: "io.k8s.api.core.v1.Capabilities", description: "POSIX capabilities added and dropped." });

const sysctl = z
  .looseObject({
    name: f.string(1, "The kernel parameter."),
    value: f.string(2, "The value set."),
  })
  .meta({ definition: "io.k8s.api.core.v1.Sysctl", description: "One namespaced kernel parameter." });

const runAsUser = (proto: number) => f.int64(proto, "The user ID the processes run as; the image's when unset.");
const runAsGroup = (proto: number) => f.int64(proto, "The primary group ID the processes run as; the runtime's default when unset.");
const runAsNonRoot = (proto: number) => f.bool(proto, "Refuse to start a container that would run as UID 0.");

export const securityContext = z
  .looseObject({
    capabilities: f.message(capabilities, 1, "Capabilities added to and dropped from the container's processes."),
    privileged: f.bool(2, "Run with the node's root privileges; false when unset."),
    seLinuxOptions: f.message(seLinuxOptions, 3, "SELinux labels; the runtime picks random ones when unset."),
    windowsOptions: f.message(windowsOptions, 10, "Settings for Windows nodes."),
    runAsUser: runAsUser(4),
    runAsGroup: runAsGroup(8),
    runAsNonRoot: runAsNonRoot(5),
    readOnlyRootFilesystem: f.bool(6, "Mount the container's root filesystem read-only."),
    allowPrivilegeEscalation: f.bool(7, "Whether a process may gain more privileges than its parent (no_new_privs)."),
    procMount: f.string(9, "Default or Unmasked: how /proc is masked."),
    seccompProfile: f.message(seccompProfile, 11, "The seccomp profile; the pod's when unset."),
    appArmorProfile: f.message(appArmorProfile, 12, "The AppArmor profile; the pod's when unset."),
  })
  .meta({ definition: "io.k8s.api.core.v1.SecurityContext", description: "Security settings of one container; they override the pod's." });

export const podSecurityContext = z
  .looseObject({
    seLinuxOptions: f.message(seLinuxOptions, 1, "SELinux labels for every container."),
    windowsOptions: f.message(windowsOptions, 8, "Settings for Windows nodes."),
    runAsUser: runAsUser(2),
    runAsGroup: runAsGroup(6),
    runAsNonRoot: runAsNonRoot(3),
    supplementalGroups: f.ints(4, "Group IDs added to every container's first process.", { protoType: "int64", listType: "atomic" }),
    supplementalGroupsPolicy: f.string(12, "Merge, to add the groups of the image's /etc/group, or Strict; Merge when unset."),
    fsGroup: f.int64(5, "A group that owns the pod's volumes and is added to every container's processes."),
    sysctls: f.list(sysctl, 7, "Namespaced kernel parameters set for the pod."),
    fsGroupChangePolicy: f.string(9, "OnRootMismatch or Always: when volume ownership is changed to fsGroup."),
    seccompProfile: f.message(seccompProfile, 10, "The seccomp profile of every container."),
    appArmorProfile: f.message(appArmorProfile, 11, "The AppArmor profile of every container."),
    seLinuxChangePolicy: f.string(13, "MountOption or Recursive: how volumes get the pod's SELinux label."),
  })
  .meta({ definition: "io.k8s.api.core.v1.PodSecurityContext", description: "Security settings for the whole pod; containers may override some." });
