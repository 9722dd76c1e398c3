import { UsageError } from "../errors.js";
import { startRuntime } from "../runtime.js";
import { checkArguments } from "../tools/arguments.js";
import { allTools } from "../tools/index.js";
import { runTool } from "../tools/run.js";
import { buildArguments, describeProblems } from "./call-arguments.js";
import { callableTools, whyNotCallable } from "./callable.js";
import type { Command } from "./command.js";

const usage = `Usage: quo-mcp call <tool> [--json '{"key": value}'] [--arg key=value ...] [--sandbox]
Run quo-mcp tools to list the tools, quo-mcp tools <tool> for its arguments.`;

function usageError(message: string): number {
  process.stderr.write(`quo-mcp: ${message}\n${usage}\n`);
  return 2;
}

/**
 * `quo-mcp call <tool>`: runs one tool of the registry, through the same runTool as the MCP
 * server, and prints its structured result as JSON on stdout (indented on a terminal).
 * Exit 0 on success, 1 when the tool reports an error, 2 on a usage or argument error, in
 * which case nothing was sent.
 */
export const call: Command = async ({ config, positionals, json, args: pairs, input }) => {
  const [name, ...extra] = positionals;
  if (!name) return usageError("call needs the name of a tool");
  if (extra.length > 0) return usageError(`call takes one tool; unexpected ${extra.map((w) => `"${w}"`).join(" ")} (quote --json values)`);
  const tool = callableTools(config).find((t) => t.name === name);
  if (!tool) {
    const reason = whyNotCallable(name, config);
    if (reason) return usageError(reason);
    return usageError(
      `unknown tool "${name}"; the tools are: ${allTools(config.defaultRegion)
        .map((t) => t.name)
        .join(", ")}`,
    );
  }

  let raw: Record<string, unknown>;
  try {
    raw = buildArguments(tool.input(), input, pairs);
    // Checked before anything starts, with the check runTool repeats: exit 2, nothing sent.
    const checked = checkArguments(tool.input(), raw);
    if (!checked.ok) return usageError(`${name}: ${describeProblems(checked.error.problems)}`);
  } catch (error) {
    if (error instanceof UsageError) return usageError(error.message);
    throw error;
  }

  const runtime = await startRuntime(config);
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once("SIGINT", abort);
  try {
    const result = await runTool(tool, raw, runtime.services, { signal: controller.signal });
    const structured = result.structuredContent ?? { content: result.content };
    const pretty = !json && process.stdout.isTTY;
    process.stdout.write(`${JSON.stringify(structured, null, pretty ? 2 : undefined)}\n`);
    if (result.isError && pretty) {
      const error = (structured as { error?: { message?: string }; message?: string }).error;
      process.stderr.write(`quo-mcp: ${name} failed: ${error?.message ?? (structured as { message?: string }).message ?? "see the result above"}\n`);
    }
    return result.isError ? 1 : 0;
  } finally {
    process.off("SIGINT", abort);
    await runtime.close().catch(() => {});
  }
};
