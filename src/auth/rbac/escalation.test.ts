import { describe, expect, it } from "vitest";
import { breakdownRule, compactRules, covers, escalationError } from "./escalation.ts";

describe("covers", () => {
  it("covers by *, by exact members, and subresources by */sub", () => {
    expect(covers([{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], [{ verbs: ["get"], apiGroups: ["apps"], resources: ["deployments"] }]).covered).toBe(true);
    expect(covers([{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] }], [{ verbs: ["list"], apiGroups: [""], resources: ["pods"] }]).covered).toBe(true);
    expect(covers([{ verbs: ["get"], apiGroups: [""], resources: ["*/log"] }], [{ verbs: ["get"], apiGroups: [""], resources: ["pods/log"] }]).covered).toBe(true);
    const { covered, missing } = covers([{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], [{ verbs: ["get", "delete"], apiGroups: [""], resources: ["pods", "secrets"] }]);
    expect(covered).toBe(false);
    expect(missing).toHaveLength(3);
  });

  it("needs the owner to hold every name, or all names", () => {
    const owner = [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] }];
    expect(covers(owner, [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"], resourceNames: ["a"] }]).covered).toBe(true);
    expect(covers(owner, [{ verbs: ["get"], apiGroups: [""], resources: ["configmaps"] }]).covered).toBe(false);
  });

  it("covers URL paths by prefix", () => {
    expect(covers([{ verbs: ["get"], nonResourceURLs: ["/apis/*"] }], [{ verbs: ["get"], nonResourceURLs: ["/apis/apps"] }]).covered).toBe(true);
    expect(covers([{ verbs: ["get"], nonResourceURLs: ["/apis"] }], [{ verbs: ["get"], nonResourceURLs: ["/api"] }]).covered).toBe(false);
  });
});

it("breaks rules down and compacts them again", () => {
  const parts = breakdownRule({ verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "secrets"] });
  expect(parts).toHaveLength(4);
  expect(compactRules(parts)).toEqual([
    { verbs: ["get", "list"], apiGroups: [""], resources: ["pods"] },
    { verbs: ["get", "list"], apiGroups: [""], resources: ["secrets"] },
  ]);
});

it("words the refusal as ConfirmNoEscalation", () => {
  const user = { name: "jane", groups: ["system:authenticated"] };
  const msg = escalationError(user, [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }], [{ verbs: ["get", "list"], apiGroups: [""], resources: ["pods", "secrets"] }]);
  expect(msg).toBe(
    'user "jane" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n' +
      '{APIGroups:[""], Resources:["pods"], Verbs:["list"]}\n' +
      '{APIGroups:[""], Resources:["secrets"], Verbs:["get" "list"]}',
  );
  expect(escalationError(user, [{ verbs: ["*"], apiGroups: ["*"], resources: ["*"] }], [{ verbs: ["get"], apiGroups: [""], resources: ["pods"] }])).toBeUndefined();
});
