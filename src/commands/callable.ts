import type { Config } from "../config.js";
import { type ToolDefinition, writes } from "../tools/define.js";
import { allTools, selectTools } from "../tools/index.js";

/**
 * The tools the command line may run: every tool in the registry, minus the ones the safety
 * switches take away (`--read-only`, `--exclude-tools`). Toolsets only decide what a model is
 * shown over MCP; a person typing a tool's name has already chosen it.
 */
export function callableTools(config: Config): ToolDefinition[] {
  return selectTools(allTools(config.defaultRegion), { toolsets: ["all"], excludeTools: config.excludeTools, readOnly: config.readOnly });
}

/** Why a registered tool cannot be run with these settings, or undefined when it can. */
export function whyNotCallable(name: string, config: Config): string | undefined {
  const tool = allTools(config.defaultRegion).find((t) => t.name === name);
  if (!tool) return undefined;
  if (config.excludeTools?.includes(name)) return `${name} is excluded by --exclude-tools (QUO_MCP_EXCLUDE_TOOLS)`;
  if (config.readOnly && writes(tool) && !tool.readOnlyVariant) return `${name} writes, and --read-only (QUO_MCP_READ_ONLY) is on`;
  return undefined;
}
