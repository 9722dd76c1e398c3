import { z } from "zod";
import { type ToolDefinition, writes } from "../tools/define.js";
import { callableTools } from "./callable.js";
import type { Command } from "./command.js";

/** What `quo-mcp tools --json` prints for each tool: enough to build a `call` without reading the source. */
export function describeTool(tool: ToolDefinition) {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    toolset: tool.toolset,
    writes: writes(tool),
    annotations: tool.annotations,
    inputSchema: z.toJSONSchema(tool.input(), { io: "input", unrepresentable: "any" }),
  };
}

type Described = ReturnType<typeof describeTool>;

function argumentLines(schema: Described["inputSchema"]): string[] {
  const properties = (schema.properties ?? {}) as Record<string, { description?: string; type?: unknown; default?: unknown }>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const names = Object.keys(properties);
  if (names.length === 0) return ["  (no arguments)"];
  const width = Math.max(...names.map((n) => n.length));
  return names.map((name) => {
    const p = properties[name] ?? {};
    const flags = [required.has(name) ? "required" : "optional", p.default !== undefined ? `default ${JSON.stringify(p.default)}` : ""]
      .filter(Boolean)
      .join(", ");
    return `  ${name.padEnd(width)}  ${flags}${p.description ? `: ${p.description}` : ""}`;
  });
}

function humanList(tools: Described[]): string {
  const width = Math.max(...tools.map((t) => t.name.length));
  const lines = tools.map((t) => `${t.name.padEnd(width)}  ${t.writes ? "writes" : "reads "}  ${t.title}`);
  return `${lines.join("\n")}\n\nquo-mcp tools <name> shows a tool's arguments; quo-mcp call <name> --json '{...}' runs it.\n`;
}

function humanOne(tool: Described): string {
  return [
    `${tool.name}: ${tool.title} (${tool.toolset}, ${tool.writes ? "writes" : "read-only"})`,
    "",
    tool.description,
    "",
    "Arguments:",
    ...argumentLines(tool.inputSchema),
    "",
  ].join("\n");
}

/**
 * `quo-mcp tools [name...]`: the tools `call` can run with the current settings. A table on a
 * terminal; JSON (name, title, description, toolset, writes, annotations, inputSchema) with
 * `--json` or when stdout is not a terminal.
 */
export const tools: Command = async ({ config, positionals, json }) => {
  const available = callableTools(config);
  let chosen = available;
  if (positionals.length > 0) {
    const unknown = positionals.filter((name) => !available.some((t) => t.name === name));
    if (unknown.length > 0) {
      process.stderr.write(`quo-mcp: unknown tool ${unknown.map((n) => `"${n}"`).join(", ")}; the tools are: ${available.map((t) => t.name).join(", ")}\n`);
      return 2;
    }
    chosen = available.filter((t) => positionals.includes(t.name));
  }
  const described = chosen.map(describeTool);
  if (json || !process.stdout.isTTY) process.stdout.write(`${JSON.stringify(described)}\n`);
  else process.stdout.write(positionals.length > 0 ? described.map(humanOne).join("\n") : humanList(described));
  return 0;
};
