import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { draftReply } from "./draft-reply.js";
import type { PromptDefinition } from "./prompt.js";
import { summarizeContactHistory } from "./summarize-contact-history.js";
import { triageMissedCalls } from "./triage-missed-calls.js";

/** Every prompt, in the order clients list them. */
export const prompts: PromptDefinition[] = [triageMissedCalls, draftReply, summarizeContactHistory];

/**
 * Registers the everyday prompts. With `servedTools`, a prompt is offered only when every tool
 * it relies on is served, so `--read-only` or a narrow `--toolsets` never offers a recipe the
 * model cannot follow.
 */
export function registerPrompts(server: McpServer, servedTools?: readonly string[]): void {
  for (const prompt of prompts) {
    if (servedTools && !prompt.tools.every((name) => servedTools.includes(name))) continue;
    server.registerPrompt(
      prompt.name,
      { title: prompt.title, description: prompt.description, argsSchema: prompt.args },
      (args: Record<string, string | undefined>) => ({
        description: prompt.description,
        messages: [{ role: "user" as const, content: { type: "text" as const, text: prompt.render(args) } }],
      }),
    );
  }
}
