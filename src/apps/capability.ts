/**
 * MCP Apps (the `io.modelcontextprotocol/ui` extension): which tools have a view, and whether a
 * client renders them. Free of the SDK and zod, so the fast start path can use it too.
 */
export const UI_EXTENSION = "io.modelcontextprotocol/ui";
export const VIEW_MIME_TYPE = "text/html;profile=mcp-app";

export type ViewName = "thread" | "call" | "approval";

const viewUri = (view: ViewName) => `ui://quo-mcp/${view}`;

/** The view each tool's results are shown in. A tool that returns a thread attaches with one line here. */
export const toolViews: Readonly<Record<string, ViewName>> = {
  list_messages: "thread",
  wait_for_reply: "thread",
  get_call: "call",
  send_message: "approval",
  send_individual_messages: "approval",
};

/**
 * Whether the client said, in its initialize capabilities, that it renders MCP Apps views.
 * The extension spec asks servers to check this before offering UI on tools; a client that
 * does not say so gets the tools exactly as before.
 */
export function rendersViews(capabilities: unknown): boolean {
  const extensions = (capabilities as { extensions?: Record<string, unknown> } | undefined)?.extensions;
  const ui = extensions?.[UI_EXTENSION] as { mimeTypes?: unknown } | undefined;
  return Array.isArray(ui?.mimeTypes) && ui.mimeTypes.includes(VIEW_MIME_TYPE);
}

/** A tools/list entry with its view attached, or the entry itself when the tool has none. */
export function withView<T extends { name: string }>(definition: T): T | (T & { _meta: { ui: { resourceUri: string } } }) {
  const view = toolViews[definition.name];
  return view ? { ...definition, _meta: { ui: { resourceUri: viewUri(view) } } } : definition;
}
