/**
 * Which tools a deployment serves. Free of zod and the SDK, so the fast start path can apply
 * the same rules to the definitions computed at build time.
 */

const toolsets = ["numbers", "users", "messages", "calls", "conversations", "contacts", "tasks", "webhooks", "connection"] as const;
export type Toolset = (typeof toolsets)[number];

/** The everyday job: what runs when no toolset is chosen. */
const defaultToolsets: readonly Toolset[] = ["numbers", "users", "messages", "calls", "conversations", "contacts", "connection"];

export interface ToolSelection {
  toolsets?: readonly string[];
  tools?: readonly string[];
  excludeTools?: readonly string[];
  readOnly?: boolean;
}

/** What selection needs to know of a tool. */
export interface SelectableTool {
  name: string;
  toolset: Toolset;
  annotations: { readOnlyHint?: boolean };
  /** false: in its toolset, but only served when asked for by toolset or name. */
  defaultEnabled?: boolean;
  /** The same tool limited to its actions that only read, served in read-only mode. */
  readOnlyVariant?: SelectableTool;
}

/** Whether a tool can change anything: its readOnlyHint is the one place that says so. */
export function writes(tool: { annotations: { readOnlyHint?: boolean } }): boolean {
  return tool.annotations.readOnlyHint !== true;
}

/**
 * Picks the tools to serve: the chosen toolsets (or the default ones), plus single tools by
 * name, minus excluded ones; read-only serves, of a tool that writes, only its read actions
 * (or nothing, when it has none), so every read stays available. Unknown names are errors,
 * so a typo does not silently serve nothing.
 */
export function selectTools<T extends SelectableTool>(all: readonly T[], selection: ToolSelection): T[] {
  const names = new Set(all.map((t) => t.name));
  for (const name of [...(selection.tools ?? []), ...(selection.excludeTools ?? [])]) {
    if (!names.has(name)) throw new Error(`unknown tool "${name}"; the tools are: ${[...names].join(", ")}`);
  }
  for (const set of selection.toolsets ?? []) {
    if (set !== "all" && !(toolsets as readonly string[]).includes(set))
      throw new Error(`unknown toolset "${set}"; the toolsets are: all, ${toolsets.join(", ")}`);
  }
  const sets = selection.toolsets?.length ? selection.toolsets : selection.tools?.length ? [] : defaultToolsets;
  const everything = sets.includes("all");
  const byDefault = sets === defaultToolsets;
  const chosen = all.filter(
    (t) =>
      (everything || (sets.includes(t.toolset) && !(byDefault && t.defaultEnabled === false)) || selection.tools?.includes(t.name)) &&
      !selection.excludeTools?.includes(t.name),
  );
  if (!selection.readOnly) return chosen;
  return chosen.flatMap((t) => (!writes(t) ? [t] : t.readOnlyVariant ? [t.readOnlyVariant as T] : []));
}
