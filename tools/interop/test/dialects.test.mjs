// Every published schema, input and output, converted the way Gemini's function declarations
// need it (LangChain's Google converter, which turns JSON Schema into Gemini's OpenAPI 3.0
// subset and throws on what Gemini cannot take), and checked against OpenAI function calling's
// rules for `parameters`: nothing may be refused, and nothing may be dropped on the way.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { jsonSchemaToGeminiParameters } from "@langchain/google-common";
import { Client } from "sdk-current/client/index.js";
import { StdioClientTransport } from "sdk-current/client/stdio.js";
import { stdioCommand } from "./helpers.mjs";

/** The fields of Gemini's `Schema` object (function declarations' parameters and response). */
const GEMINI_SCHEMA_FIELDS = new Set([
  "type",
  "format",
  "title",
  "description",
  "nullable",
  "enum",
  "maxItems",
  "minItems",
  "properties",
  "required",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "anyOf",
  "propertyOrdering",
  "default",
  "items",
  "minimum",
  "maximum",
]);
const GEMINI_TYPES = new Set(["string", "number", "integer", "boolean", "array", "object"]);

/** Every schema node with its path, for comparing before and after a conversion. */
function nodes(schema, path = "$", out = []) {
  out.push([path, schema]);
  for (const [name, field] of Object.entries(schema.properties ?? {})) nodes(field, `${path}.${name}`, out);
  if (schema.items) nodes(schema.items, `${path}[]`, out);
  for (const [i, branch] of (schema.anyOf ?? []).entries()) nodes(branch, `${path}|${i}`, out);
  return out;
}

describe("schema dialects", () => {
  let tools;
  before(async () => {
    const client = new Client({ name: "interop-dialects", version: "1.0.0" });
    await client.connect(new StdioClientTransport(stdioCommand(["--toolsets", "all"])));
    tools = (await client.listTools()).tools;
    await client.close();
  });

  it("lists every tool", () => {
    assert.equal(tools.length, 17);
  });

  for (const kind of ["inputSchema", "outputSchema"]) {
    it(`converts every ${kind} to a Gemini function declaration with nothing refused or dropped`, () => {
      for (const tool of tools) {
        const published = tool[kind];
        let converted;
        assert.doesNotThrow(() => {
          converted = jsonSchemaToGeminiParameters(structuredClone(published));
        }, `${tool.name} ${kind}`);
        const before = nodes(published);
        const after = new Map(nodes(converted));
        for (const [path, node] of before) {
          const where = `${tool.name} ${kind} ${path}`;
          const into = after.get(path);
          assert.ok(into, `${where} is kept`);
          // One type, the same one, and no keyword the converter silently removes.
          assert.equal(typeof node.type, "string", `${where} has a single type (Gemini's Schema requires one): ${JSON.stringify(node)}`);
          assert.equal(into.type, node.type, `${where} keeps its type`);
          assert.equal(into.nullable, undefined, `${where} is not made nullable`);
          for (const key of Object.keys(node)) assert.ok(key in into, `${where}: ${key} survives`);
          for (const key of Object.keys(into)) assert.ok(GEMINI_SCHEMA_FIELDS.has(key), `${where}: ${key} is not a field of Gemini's Schema`);
          if (into.type !== undefined) assert.ok(GEMINI_TYPES.has(into.type), `${where}: type ${into.type}`);
          assert.equal(into.anyOf, undefined, `${where} needs no anyOf`);
        }
      }
    });
  }

  it("gives OpenAI function calling a plain object schema for every tool's parameters", () => {
    for (const tool of tools) {
      const parameters = tool.inputSchema;
      assert.equal(parameters.type, "object", tool.name);
      for (const key of ["anyOf", "oneOf", "allOf", "not", "enum"]) assert.equal(parameters[key], undefined, `${tool.name}: ${key} at the top level`);
      for (const [path, node] of nodes(parameters)) {
        assert.ok(!Array.isArray(node.type), `${tool.name} ${path}: a type array`);
        assert.equal(node.$ref, undefined, `${tool.name} ${path}: a $ref`);
        assert.equal(node.propertyNames, undefined, `${tool.name} ${path}: propertyNames`);
        assert.ok(
          node.additionalProperties === undefined || typeof node.additionalProperties === "boolean",
          `${tool.name} ${path}: an additionalProperties schema`,
        );
      }
    }
  });
});
