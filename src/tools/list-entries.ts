import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { ToolDefinition } from "./define.js";

type Schema = { [key: string]: unknown };

/**
 * Trims what a model reads on every turn without changing what an input schema accepts: no
 * `$schema` markers, no regular expression beside a `format` that already says it, and no
 * `default: false` on a flag. A
 * map's `propertyNames: {type: string}` says what JSON already guarantees, and its value
 * schema (`additionalProperties`) is one that function-declaration dialects such as Gemini's
 * refuse: a map is published as a plain object, its description says what the values are,
 * and the server checks them.
 */
function trimInput(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(trimInput);
  if (!node || typeof node !== "object") return node;
  const schema = node as Schema;
  const map = "propertyNames" in schema && !("properties" in schema);
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema") continue;
    if (key === "pattern" && "format" in schema) continue;
    // An omitted flag is off; saying so on every flag of every tool costs more than it tells.
    if (key === "default" && value === false && schema.type === "boolean") continue;
    if (map && (key === "propertyNames" || key === "additionalProperties")) continue;
    out[key] = trimInput(value);
  }
  return out;
}

/**
 * Output schemas keep their shape, every field name and every node's type (a client that
 * checks schemas strictly refuses an untyped `{}`, and Gemini's dialect needs a type on each),
 * but no more: no enums, formats or limits. A list's records are known by their fields; a small
 * object of scalars beside them (the number asked about, a price estimate) is just an object,
 * read from the value itself. `hint` is the result's own advice in words, read where it is
 * given. The tool-definition budget is better spent on descriptions.
 */
function trimOutput(node: unknown, nested = false, inArray = false): unknown {
  if (!node || typeof node !== "object" || Array.isArray(node)) return node;
  const schema = node as Schema;
  const out: Schema = {};
  if (schema.description !== undefined && ("properties" in schema || "items" in schema)) out.description = schema.description;
  if ("properties" in schema) {
    out.type = "object";
    if (nested && !inArray && Object.values(schema.properties as Schema).every(isScalar)) return out;
    const fields = Object.entries(schema.properties as Schema).filter(([name]) => !(nested === false && UNLISTED.has(name)));
    out.properties = Object.fromEntries(fields.map(([name, field]) => [name, trimOutput(field, true)]));
    return out;
  }
  if ("items" in schema) return { ...out, type: "array", items: trimOutput(schema.items, true, true) };
  if (typeof schema.type === "string") return { type: schema.type };
  throw new Error(`an output field without a single type cannot be published: ${JSON.stringify(schema)}`);
}

/** Top-level result fields the published output schema leaves out (results may still carry them). */
const UNLISTED = new Set(["hint"]);

const isScalar = (node: unknown) => !!node && typeof node === "object" && !("properties" in node) && !("items" in node);

const cache = new WeakMap<ToolDefinition, Tool>();

/** The `tools/list` entry of a tool, computed once per process. */
export function toolDefinition(tool: ToolDefinition): Tool {
  const known = cache.get(tool);
  if (known) return known;
  const definition: Tool = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: trimInput(z.toJSONSchema(tool.input(), { target: "draft-7", io: "input" })) as Tool["inputSchema"],
    outputSchema: trimOutput(z.toJSONSchema(z.object(tool.output()), { target: "draft-7", io: "output" })) as Tool["outputSchema"],
    annotations: tool.annotations,
  };
  cache.set(tool, definition);
  return definition;
}
