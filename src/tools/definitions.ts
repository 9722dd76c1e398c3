import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import type { ToolDefinition } from "./define.js";

type Schema = { [key: string]: unknown };

/**
 * Trims what a model reads on every turn without changing what an input schema accepts: no
 * `$schema` markers, and no regular expression beside a `format` that already says it.
 */
function trimInput(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(trimInput);
  if (!node || typeof node !== "object") return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node as Schema)) {
    if (key === "$schema") continue;
    if (key === "pattern" && "format" in (node as Schema)) continue;
    out[key] = trimInput(value);
  }
  return out;
}

/**
 * Output schemas keep their shape and every field name, which is what documents a projection,
 * but a scalar field is just named (`{}`) and a nested object is known by its fields: types
 * are plain from the values, and the tool-definition budget is better spent on descriptions. Nothing is
 * required and extra fields are allowed, because error results and the sandbox notice carry
 * structured content without the tool's own fields.
 */
function trimOutput(node: unknown, nested = false): unknown {
  if (Array.isArray(node)) return node.map((item) => trimOutput(item, nested));
  if (!node || typeof node !== "object") return node;
  const schema = node as Schema;
  const structured = "properties" in schema || "items" in schema || "anyOf" in schema;
  if (!structured) return {};
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === "$schema" || key === "required" || key === "additionalProperties") continue;
    if (key === "type" && nested && "properties" in schema) continue;
    if (key === "properties") {
      out[key] = Object.fromEntries(Object.entries(value as Schema).map(([name, field]) => [name, trimOutput(field, true)]));
    } else if (key === "items" || key === "anyOf") {
      out[key] = trimOutput(value, nested);
    } else {
      out[key] = value;
    }
  }
  return out;
}

const cache = new WeakMap<ToolDefinition, Tool>();

/** The `tools/list` entry of a tool, computed once per process. */
export function toolDefinition(tool: ToolDefinition): Tool {
  const known = cache.get(tool);
  if (known) return known;
  const definition: Tool = {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: trimInput(z.toJSONSchema(tool.input, { target: "draft-7", io: "input" })) as Tool["inputSchema"],
    outputSchema: trimOutput(z.toJSONSchema(z.object(tool.output), { target: "draft-7", io: "output" })) as Tool["outputSchema"],
    annotations: tool.annotations,
  };
  cache.set(tool, definition);
  return definition;
}
