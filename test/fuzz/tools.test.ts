import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { SEED } from "../../src/sandbox/seed.js";
import { assertResultShape, type Gateway, startGateway, TEST_KEY, type ToolResult, text } from "../helpers/harness.js";
import { type InProcessSession, startInProcess } from "../helpers/in-process.js";

/**
 * Every tool, whatever tools/list returns, against random and adversarial arguments: wrong
 * types, missing fields, empty and huge strings, unicode and control characters, `__proto__`
 * and `constructor` keys, numbers out of range, malformed phone numbers and dates. The server
 * must always answer with a tool result, stay up, and send nothing for input its schema rejects.
 */

type JsonSchema = {
  type?: string | string[];
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  required?: string[];
};

/** The server's answer to arguments the tool's schema rejects, before the handler runs. */
// Every argument error is of kind invalid_arguments; the ones refused before the handler runs
// (schema failures and unknown names) list their `problems`, and those must send nothing.
const rejectedBySchema = (result: ToolResult) => {
  const error = result.structuredContent?.error as { kind?: string; problems?: unknown[] } | undefined;
  return error?.kind === "invalid_arguments" && Array.isArray(error.problems);
};

const RUNS_PER_TOOL = Number(process.env.FUZZ_RUNS ?? 60);

const nastyStrings = fc.constantFrom(
  "",
  " ",
  "\u0000",
  "\u0000\u0001\u001f\u007f",
  "\n\r\t",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "+15555550123",
  "+1555",
  "+1 (555) 555-0123",
  "5555550123",
  "+999999999999999999999",
  "++15555550123",
  "+1555555012a",
  "00000000000",
  "PN",
  "PN../../etc",
  "US123",
  "AC%2F..%2F",
  "2024-13-45T99:99:99Z",
  "2024-02-30",
  "yesterday",
  "0000-00-00T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "2024-01-01T00:00:00+25:00",
  "Main line",
  "' OR 1=1 --",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "\u202e\u200b\ufeff",
  "😀👨‍👩‍👧‍👦",
  "\ud800",
  "𝕏".repeat(2000),
  "a".repeat(1601),
  "x".repeat(200_000),
);

/** Values the sandbox knows (ids, numbers, names) and well-formed dates, so many calls get past validation. */
function seedStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(seedStrings);
  return [];
}
const recentDate = fc.date({ min: new Date(Date.now() - 7 * 86_400_000), max: new Date(), noInvalidDate: true }).map((d) => d.toISOString());
const knownStrings = [...seedStrings(SEED), "Main line", "hello from the fuzzer", "all", "incoming", "outgoing"];

/** A realistic string for this property: one the sandbox knows that fits its pattern and length, a date, or a URL. */
function plausibleString(schema: JsonSchema, name: string): fc.Arbitrary<string> {
  if (schema.format === "uri" || /url$/i.test(name)) return fc.constantFrom("https://example.com/hooks/quo", "http://127.0.0.1:9/hook");
  if (schema.format === "date-time" || /(After|Before|Date|At)$/.test(name)) return recentDate;
  const fits = (value: string) =>
    (!schema.pattern || new RegExp(schema.pattern, "u").test(value)) &&
    value.length >= (schema.minLength ?? 0) &&
    value.length <= (schema.maxLength ?? Infinity);
  // Number-like arguments get numbers (and, for our own numbers, PN ids and names).
  const phoneLike = /^(to|from|phone|phones|phoneNumber|phoneNumbers|participant|participants|value|number)$/.test(name);
  const known = knownStrings.filter((value) => !phoneLike || /^(\+\d|PN)|^(Main line|Support)$/.test(value)).filter(fits);
  if (known.length > 0) return fc.oneof(fc.constantFrom(...known), recentDate);
  return schema.pattern ? fc.stringMatching(new RegExp(schema.pattern, "u")).filter(fits) : recentDate;
}
const plausibleNumber = fc.integer({ min: 1, max: 50 });

const anyString = fc.oneof(nastyStrings, fc.string(), fc.string({ unit: "grapheme", maxLength: 50 }), fc.string({ unit: "binary", maxLength: 30 }));
const anyNumber = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 1, 0.5, 101, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2),
);
const waitNumber = fc.constantFrom(-1, 0, 0.5, 1, 601, 1e21, Number.MAX_SAFE_INTEGER + 2);
const wrongType = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  anyNumber,
  anyString,
  fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }),
);

function typesOf(schema: JsonSchema): string[] {
  const own = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return [...own, ...(schema.anyOf ?? []).flatMap(typesOf), ...(schema.oneOf ?? []).flatMap(typesOf)];
}

/**
 * A value for one property. Plausible mode draws only well-typed, realistic values (so the
 * handlers and the gateway are exercised too); adversarial mode mixes in anything at all.
 */
function valueFor(schema: JsonSchema, plausible: boolean, name: string, depth = 0): fc.Arbitrary<unknown> {
  // A wait's length (timeoutSeconds, waitSeconds) is honoured in full: a valid one stays at a second.
  if (/Seconds$/.test(name) && typesOf(schema).some((t) => t === "integer" || t === "number")) {
    return plausible ? fc.constant(1) : fc.oneof(waitNumber, fc.constant(null), fc.boolean(), anyString);
  }
  const options: fc.Arbitrary<unknown>[] = [];
  if (schema.enum) options.push(fc.constantFrom(...schema.enum));
  for (const type of new Set(typesOf(schema))) {
    if (type === "string" && !schema.enum) options.push(plausible ? plausibleString(schema, name) : anyString);
    if (type === "number" || type === "integer") options.push(plausible ? plausibleNumber : anyNumber);
    if (type === "boolean") options.push(fc.boolean());
    if (type === "array" && depth < 2) {
      const items = [schema, ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].find((s) => s.items)?.items ?? {};
      options.push(fc.array(valueFor(items, plausible, name, depth + 1), plausible ? { minLength: 1, maxLength: 3 } : { maxLength: 12 }));
    }
    if (type === "object" && depth < 2) options.push(argsFor(schema, plausible, depth + 1));
  }
  if (options.length === 0) options.push(plausible ? plausibleString(schema, name) : fc.jsonValue());
  if (plausible) return fc.oneof(...options);
  return fc.oneof({ arbitrary: fc.oneof(...options), weight: 5 }, { arbitrary: wrongType, weight: 1 });
}

/** Objects with missing fields and, when adversarial, extra ones such as own `__proto__` and `constructor` keys. */
function argsFor(schema: JsonSchema, plausible: boolean, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const properties = Object.entries(schema.properties ?? {});
  const fields = properties.map(([name, property]) => {
    const entry = valueFor(property, plausible, name, depth).map((value) => [name, value] as const);
    return plausible && required.has(name) ? entry : fc.option(entry, { nil: undefined, freq: 3 });
  });
  const extras = plausible
    ? fc.constant([])
    : fc.array(fc.tuple(fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "isAdmin"), fc.string({ maxLength: 8 })), fc.jsonValue()), {
        maxLength: 2,
      });
  return fc.tuple(fc.tuple(...fields), extras).map(([chosen, extra]) => {
    const entries: [string, unknown][] = [];
    for (const entry of chosen) if (entry) entries.push([entry[0], entry[1]]);
    entries.push(...extra);
    // Object.fromEntries defines `__proto__` as an own key, as JSON.parse does for a client's payload.
    return Object.fromEntries(entries);
  });
}

describe("fuzzing every tool", () => {
  let gateway: Gateway;
  let session: InProcessSession;
  const results: ToolResult[] = [];

  before(async () => {
    gateway = await startGateway();
    // In-process: what is fuzzed is the tools and the protocol layer, not the stdio pipe.
    session = await startInProcess({ gateway, toolsets: ["all"], settings: { deadlineMs: "15000", logLevel: "warn" } });
  });
  after(async () => {
    await session.close();
    await gateway.close();
  });

  it("answers every call with a result, sends nothing for rejected input, and stays up", async () => {
    const { tools } = await session.client.listTools();
    assert.ok(tools.length > 0);
    for (const tool of tools) {
      const schema = tool.inputSchema as JsonSchema;
      await fc.assert(
        fc.asyncProperty(fc.oneof(argsFor(schema, true), argsFor(schema, false)), async (args) => {
          const before = gateway.requests.length;
          let result: ToolResult;
          try {
            result = (await session.client.callTool({ name: tool.name, arguments: args })) as ToolResult;
          } catch (error) {
            assert.fail(`${tool.name} answered with a protocol error instead of a result: ${(error as Error).message}`);
          }
          assertResultShape(tool.name, result);
          results.push(result);
          assert.ok(Array.isArray(result.content) && result.content.length > 0, `${tool.name}: no content`);
          assert.ok(result.isError === undefined || typeof result.isError === "boolean");
          const body = text(result);
          assert.doesNotMatch(body, /Output validation error/, `${tool.name}: ${body.slice(0, 300)}`);
          assert.doesNotMatch(body, /internal error/i, `${tool.name}: ${body.slice(0, 300)}`);
          if (rejectedBySchema(result)) {
            assert.equal(result.isError, true);
            assert.equal(gateway.requests.length, before, `${tool.name} sent a request for input its schema rejects`);
          }
        }),
        { numRuns: RUNS_PER_TOOL, endOnFailure: true },
      );
    }
    // Still serving after all that.
    const ping = await session.client.callTool({ name: tools[0]?.name ?? "list_phone_numbers", arguments: {} });
    assert.ok(Array.isArray(ping.content));
    assert.doesNotMatch(session.logs(), /tool failed unexpectedly/i);
    assert.equal(session.logs().includes(TEST_KEY), false);
    for (const result of results) assert.equal(JSON.stringify(result).includes(TEST_KEY), false);
    // Requests stay within the spec whatever the arguments (the sandbox's own answers are its business).
    assert.deepEqual(
      gateway.violations.filter((v) => !/ response \d{3}/.test(v)),
      [],
    );
    const rejected = results.filter((r) => rejectedBySchema(r)).length;
    console.log(
      `fuzzed ${tools.length} tools: ${results.length} calls, ${rejected} rejected by the schema, ${results.length - rejected} handled, ${gateway.requests.length} gateway requests`,
    );
  });
});
