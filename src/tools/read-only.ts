import { z } from "zod";
import { once, readOnly, type ToolDefinition } from "./define.js";

/**
 * The read-only form of a tool that reads and writes behind an `action`: the same name,
 * handler and output, an `action` that accepts only the reads, and the annotations of a
 * reader. Arguments of the other actions are refused by the schema before the handler runs.
 */
export function readOnlyVariant(tool: ToolDefinition): ToolDefinition | undefined {
  const reads = tool.readActions;
  if (!reads) return undefined;
  const input = once(() =>
    (tool.input() as unknown as z.ZodObject).safeExtend({
      action: z.enum(reads.actions, {
        error: `must be one of ${reads.actions.join(", ")}: this server is read-only, so actions that change anything are not served`,
      }),
    }),
  );
  const { readActions: _, ...rest } = tool;
  return { ...rest, description: reads.description, annotations: readOnly, input };
}
