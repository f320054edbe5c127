import { describe, expect, it } from "vitest";
import { formatGoScalar, GoNumber, marshalGoJson } from "./go-values.ts";
import { evaluateJsonPath, findJsonPathResults, jsonPathFinder, parseJsonPath, parseJsonPathTemplate, type JsonPath } from "./json-path.ts";

function template(text: string): JsonPath {
  const parsed = parseJsonPathTemplate(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.path;
}

/** What JSONPath.Execute writes: each group's values space-separated, maps and lists as JSON, null as null. */
function execute(text: string, data: unknown, allowMissingKeys = false): string {
  const found = findJsonPathResults(template(text), data, { allowMissingKeys });
  if (!found.ok) throw new Error(found.error);
  const print = (v: unknown) => (v === null ? "null" : typeof v === "object" && !(v instanceof GoNumber) ? marshalGoJson(v) : formatGoScalar(v));
  return found.results.map((group) => group.map(print).join(" ")).join("");
}

function failure(text: string, data: unknown, allowMissingKeys = false): string {
  const found = findJsonPathResults(template(text), data, { allowMissingKeys });
  return found.ok ? "nil" : found.error;
}

const types = {
  bools: [true, false, true, false],
  integers: [1, 2, 3, 4],
  floats: [1.0, 2.2, 3.3, 4.0],
  strings: ["one", "two", "three", "four"],
  interfaces: [true, "one", 1, 1.1],
  maps: [
    { name: "one", value: 1 },
    { name: "two", value: 2.02 },
    { name: "three", value: 3.03 },
    { name: "four", value: 4.04 },
  ],
};

const store = {
  Book: [
    { Category: "reference", Author: "Nigel Rees", Title: "Sayings of the Centurey", Price: 8.95 },
    { Category: "fiction", Author: "Evelyn Waugh", Title: "Sword of Honour", Price: 12.99 },
    { Category: "fiction", Author: "Herman Melville", Title: "Moby Dick", Price: 8.99 },
  ],
  Bicycle: [
    { Color: "red", Price: 19.95, IsNew: true },
    { Color: "green", Price: 20.01, IsNew: false },
  ],
  Name: "jsonpath",
  Labels: { engieer: 10, "web/html": 15, "k8s-app": 20 },
  Employees: { jason: "manager", dan: "clerk" },
};

const nodes = {
  kind: "List",
  items: [
    {
      kind: "None",
      metadata: { name: "127.0.0.1", labels: { "kubernetes.io/hostname": "127.0.0.1" } },
      status: { capacity: { cpu: "4" }, ready: true, addresses: [{ type: "LegacyHostIP", address: "127.0.0.1" }] },
    },
    {
      kind: "None",
      metadata: { name: "127.0.0.2", labels: { "kubernetes.io/hostname": "127.0.0.2" } },
      status: {
        capacity: { cpu: "8" },
        ready: false,
        addresses: [
          { type: "LegacyHostIP", address: "127.0.0.2" },
          { type: "another", address: "127.0.0.3" },
        ],
      },
    },
  ],
  users: [
    { name: "myself", user: {} },
    { name: "e2e", user: { username: "admin", password: "secret" } },
  ],
};

describe("slices and indexes", () => {
  it.each([
    ["{ .bools }", "[true,false,true,false]"],
    ["{ .bools[-1] }", "false"],
    ["{ .bools[:4:2] }", "true true"],
    ["{ .integers[-2] }", "3"],
    ["{ .integers[0:2] }", "1 2"],
    ["{ .floats }", "[1,2.2,3.3,4]"],
    ["{ .floats[:4:2] }", "1 3.3"],
    ["{ .strings[-2] }", "three"],
    ["{ .interfaces }", '[true,"one",1,1.1]'],
    ["{ .interfaces[0:2] }", "true one"],
    ["{ .maps[0] }", '{"name":"one","value":1}'],
    ["{ .maps[1::2] }", '{"name":"two","value":2.02} {"name":"four","value":4.04}'],
    ["{ .strings[1:1] }", ""],
  ])("%s", (text, expected) => {
    expect(execute(text, types)).toBe(expected);
  });
});

describe("client-go's store cases", () => {
  it.each([
    ["hello jsonpath", "hello jsonpath"],
    ["hello {.Name}", "hello jsonpath"],
    ["{$.Labels.web/html}", "15"],
    ["{$.Employees.jason}", "manager"],
    ["{.Labels.k8s-app}", "20"],
    ["{.Bicycle[*].Color}", "red green"],
    ["{.Book[*].Author}", "Nigel Rees Evelyn Waugh Herman Melville"],
    ['{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}', "{red 19.95 true} {green 20.01 false} "],
    ["{..Price}", "8.95 12.99 8.99 19.95 20.01"],
    ["{...Price}", "8.95 12.99 8.99 19.95 20.01"],
    ["{.Bicycle}", '[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]'],
    ["{.Book[-1:]}", '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ["{..Book[2]}", '{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}'],
    ["{.Bicycle[?(@.IsNew==true)]}", '{"Color":"red","IsNew":true,"Price":19.95}'],
  ])("%s", (text, expected) => {
    expect(execute(text, store)).toBe(expected);
  });

  it("evaluates on arrays: recursion, filters, unions, slices", () => {
    expect(execute("{..}", [1, 2, 3])).toBe("[1,2,3]");
    expect(execute("{[?(@<5)]}", [2, 6, 3, 7])).toBe("2 3");
    expect(execute('{"{"}', null)).toBe("{");
    expect(execute("{[1,3,4]}", [0, 1, 2, 3, 4])).toBe("1 3 4");
    expect(execute("{[0:2]}", ["Monday", "Tudesday"])).toBe("Monday Tudesday");
  });

  it("yields nothing for missing keys when allowed, and fails otherwise", () => {
    expect(execute("{.hello}", store, true)).toBe("");
    expect(execute("before-{.hello}after", store, true)).toBe("before-after");
    expect(failure("{.hello}", store)).toBe("hello is not found");
    expect(failure("{hello}", store)).toBe("unrecognized identifier hello");
    expect(failure("{.Labels[0]}", store)).toBe("map[string]interface {} is not array or slice");
    expect(failure("{.Book[?(@.Price<>10)]}", store)).toBe("unrecognized filter operator <>");
    expect(failure("{range .Labels.*}{@}{end}{end}", store)).toBe("not in range, nothing to end");
  });
});

describe("client-go's Kubernetes cases", () => {
  it.each([
    ["{range .items[*]}{.metadata.name}, {end}{.kind}", "127.0.0.1, 127.0.0.2, List"],
    ['{range .items[*]}{.metadata.name}{"\\t"}{end}', "127.0.0.1\t127.0.0.2\t"],
    ["{.items[*].status.addresses[*].address}", "127.0.0.1 127.0.0.2 127.0.0.3"],
    ["{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}", "127.0.0.1, 127.0.0.2, 127.0.0.3, "],
    ["{.items[*]['metadata.name', 'status.capacity']}", '127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}'],
    ["{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}", '[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] '],
    ['{.users[?(@.name=="e2e")].user.password}', "secret"],
    ["{.items[0].metadata.labels.kubernetes\\.io/hostname}", "127.0.0.1"],
    ['{.items[?(@.metadata.labels.kubernetes\\.io/hostname=="127.0.0.1")].kind}', "None"],
    ["{.items[?(@..ready==true)].metadata.name}", "127.0.0.1"],
    ["{..name}", "127.0.0.1 127.0.0.2 myself e2e"],
  ])("%s", (text, expected) => {
    expect(execute(text, nodes)).toBe(expected);
  });

  it("reads JSON input: exists filters, bracket keys, null values", () => {
    const points = [
      { id: "i1", x: 4, y: -5 },
      { id: "i2", x: -2, y: -5, z: 1 },
      { id: "i3", x: 8, y: 3 },
      { id: "i7", x: null, y: 4 },
    ];
    expect(execute("{[?(@.z)].id}", points)).toBe("i2");
    expect(execute("{[0]['id']}", points)).toBe("i1");
    expect(execute("{[-1]['x']}", points)).toBe("null");
  });

  it("runs empty and nested ranges", () => {
    expect(execute("{range .items[*]}{.metadata.name}{end}", { items: [] }, true)).toBe("");
    const nested = '{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}';
    expect(execute(nested, { items: [] }, true)).toBe("");
    const pods = {
      items: [
        { metadata: { name: "pod1" }, spec: { containers: [{ name: "foo" }, { name: "bar" }] } },
        { metadata: { name: "pod2" }, spec: { containers: [{ name: "baz" }] } },
      ],
    };
    expect(execute(nested, pods)).toBe("pod1:foo,bar,+pod2:baz,+");
  });

  it("tolerates items without the filtered field when missing keys are allowed", () => {
    const pods = {
      items: [
        { metadata: { name: "pod1", annotations: { color: "blue" } } },
        { metadata: { name: "pod2" } },
        { metadata: { name: "pod3", annotations: { color: "green" } } },
        { metadata: { name: "pod4", annotations: { color: "blue" } } },
      ],
    };
    expect(execute('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', pods, true)).toBe("pod1 pod4");
    expect(failure('{.items[?(@.metadata.annotations.color=="blue")].metadata.name}', pods)).toBe("annotations is not found");
  });
});

describe("kube's typing and error quirks", () => {
  const obj = { spec: { n: 3, f: 1.5, s: "3", list: [{ ports: [1] }, { ports: [1, 2] }], name: "ab" } };

  it("compares only like kinds: JSON integers with int literals, floats with float literals", () => {
    expect(execute("{.spec.list[?(@.ports[0]==1)].ports}", obj)).toBe("[1] [1,2]");
    expect(failure('{.spec.list[?(@.ports[0]=="1")]}', obj)).toBe("incompatible types for comparison");
    expect(failure("{.spec.list[?(@.ports[0]==1.0)]}", obj)).toBe("incompatible types for comparison");
    expect(failure("{.spec.list[?(@.ports<1)]}", obj)).toBe("invalid type for comparison");
    expect(failure("{[?(@<true)]}", [true])).toBe("invalid type for comparison");
    expect(execute('{[?(@>="b")]}', ["a", "b", "c"])).toBe("b c");
    expect(execute("{[?(@!=2)]}", [1, 2, 3])).toBe("1 3");
  });

  it("fails the whole evaluation on an index out of bounds, yet counts it as existing in a filter", () => {
    expect(failure("{.spec.list[*].ports[1]}", obj)).toBe("array index out of bounds: index 1, length 1");
    expect(failure("{.spec.list[5]}", obj)).toBe("array index out of bounds: index 5, length 2");
    expect(failure("{.spec.list[-3]}", obj)).toBe("array index out of bounds: index -1, length 2");
    expect(failure("{.spec.list[1:0]}", obj)).toBe("starting index 1 is greater than ending index 0");
    expect(failure("{.spec.list[::0]}", obj)).toBe("step must be > 0");
    expect(execute("{.spec.list[?(@.ports[1])].ports}", obj)).toBe("[1] [1,2]");
  });

  it("stops at an empty slice: the items after it are not looked at", () => {
    const items = { items: [{ p: [1] }, { p: [] }, { p: [2, 3] }] };
    expect(execute("{.items[*].p[*]}", items)).toBe("1");
    expect(execute("{.items[*].p[0:0]}", items)).toBe("");
  });

  it("treats strings as byte sequences for wildcards and recursion, and refuses to index them", () => {
    expect(execute("{.spec.name.*}", obj)).toBe("97 98");
    expect(failure("{..[0]}", ["ab"])).toBe("string is not array or slice");
    expect(failure("{..[0]}", obj)).toBe("map[string]interface {} is not array or slice");
    expect(failure("{.spec.s[0]}", obj)).toBe("string is not array or slice");
    expect(execute("{.spec.n.*}", obj)).toBe("");
  });

  it("skips nulls, but cannot filter one", () => {
    expect(execute("{.a.b}", { a: null }, true)).toBe("");
    expect(failure("{.a.b}", { a: null })).toBe("b is not found");
    expect(execute("{.a}", { a: null })).toBe("null");
    expect(failure("{.a[?(@.x)]}", { a: null })).toBe("<nil> is not array or slice and cannot be filtered");
    expect(failure("{.a[?(@.x)]}", { a: { x: 1 } })).toBe('{"x":1} is not array or slice and cannot be filtered');
  });

  it("yields literals as Go values", () => {
    const found = findJsonPathResults(template("{3}{2.5}{true}"), {});
    expect(found).toEqual({ ok: true, results: [[new GoNumber("int", 3)], [new GoNumber("float", 2.5)], [true]] });
  });
});

describe("parseJsonPath and evaluateJsonPath", () => {
  const cronTab = {
    metadata: { name: "my-cron" },
    spec: { cronSpec: "* * * * */5", replicas: 2 },
    status: {
      conditions: [
        { type: "Ready", status: "True" },
        { type: "Synced", status: "False" },
      ],
    },
  };
  const path = (text: string) => {
    const parsed = parseJsonPath(text);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.path;
  };

  it("wraps a column's path in braces", () => {
    expect(parseJsonPath(".spec.replicas")).toMatchObject({ ok: true, path: { template: "{.spec.replicas}" } });
    expect(parseJsonPath(".spec[")).toEqual({ ok: false, error: "unterminated array" });
    expect(parseJsonPath(".spec.a b")).toMatchObject({ ok: true });
  });

  it("returns the first group's values, plain; [] when missing or failing", () => {
    expect(evaluateJsonPath(path(".spec.replicas"), cronTab)).toEqual([2]);
    expect(evaluateJsonPath(path('.status.conditions[?(@.type=="Ready")].status'), cronTab)).toEqual(["True"]);
    expect(evaluateJsonPath(path(".status.conditions[*].type"), cronTab)).toEqual(["Ready", "Synced"]);
    expect(evaluateJsonPath(path(".spec.missing"), cronTab)).toEqual([]);
    expect(evaluateJsonPath(path(".status.conditions[7]"), cronTab)).toEqual([]);
    expect(evaluateJsonPath(path(".metadata.name.*"), cronTab)).toEqual([109, 121, 45, 99, 114, 111, 110]);
  });

  it("finds plain field paths directly, with the evaluator's results", () => {
    const objects: unknown[] = [cronTab, { spec: null }, { spec: [1] }, { spec: { replicas: null } }, {}, null, "x"];
    for (const text of [".spec.replicas", ".spec", ".metadata.name", "."]) {
      const p = path(text);
      const fast = jsonPathFinder(p);
      for (const obj of objects) expect(fast(obj)).toEqual(findJsonPathResults(p, obj));
    }
  });
});
