// The view's side of MCP Apps: JSON-RPC 2.0 over postMessage with the host, as the extension
// specifies (ui/initialize, then the tool's input and result as notifications). Written against
// the extension's own types; its App class is not bundled because it brings the MCP SDK and zod
// along, over three times the size budget of a view.
import type { McpUiHostContext, McpUiInitializeResult } from "@modelcontextprotocol/ext-apps/app-bridge";

export const PROTOCOL_VERSION = "2026-01-26";

export interface ToolResult {
  content?: { type: string; text?: string }[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
  _meta?: Record<string, unknown>;
}

export interface Handlers {
  onInput?(args: Record<string, unknown>): void;
  onResult(result: ToolResult): void;
  onCancelled?(reason: string | undefined): void;
}

export interface Bridge {
  context: McpUiHostContext;
  callTool(name: string, args: Record<string, unknown>): Promise<ToolResult>;
  openLink(url: string): Promise<void>;
}

type Message = { jsonrpc?: string; id?: number | string; method?: string; params?: Record<string, unknown>; result?: unknown; error?: { message?: string } };

export function connect(appName: string, handlers: Handlers): Bridge {
  let nextId = 1;
  const pending = new Map<number | string, { resolve(value: unknown): void; reject(error: Error): void }>();
  const post = (message: Message) => window.parent.postMessage({ jsonrpc: "2.0", ...message }, "*");
  const request = (method: string, params: Record<string, unknown>) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      post({ id, method, params });
    });
  const bridge: Bridge = {
    context: {},
    callTool: async (name, args) => (await request("tools/call", { name, arguments: args })) as ToolResult,
    openLink: async (url) => {
      await request("ui/open-link", { url });
    },
  };
  // Notifications that come before the handshake ends are kept and replayed in order.
  let ready = false;
  const early: Message[] = [];

  const notify = (message: Message) => {
    const params = message.params ?? {};
    switch (message.method) {
      case "ui/notifications/tool-input":
        handlers.onInput?.((params.arguments as Record<string, unknown>) ?? {});
        break;
      case "ui/notifications/tool-result":
        handlers.onResult(params as ToolResult);
        break;
      case "ui/notifications/tool-cancelled":
        handlers.onCancelled?.(params.reason as string | undefined);
        break;
      case "ui/notifications/host-context-changed":
        bridge.context = { ...bridge.context, ...(params as McpUiHostContext) };
        applyContext(bridge.context);
        break;
    }
  };

  window.addEventListener("message", (event) => {
    if (event.source !== window.parent) return;
    const message = event.data as Message;
    if (message?.jsonrpc !== "2.0") return;
    if (message.method === undefined && message.id !== undefined) {
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(message.error.message ?? "The host refused the request"));
      else waiting.resolve(message.result);
      return;
    }
    if (message.id !== undefined) {
      // Requests from the host: nothing to save before teardown, and pings are answered.
      post({ id: message.id, result: {} });
      return;
    }
    if (ready) notify(message);
    else early.push(message);
  });

  void request("ui/initialize", {
    appInfo: { name: appName, version: "1.0.0" },
    appCapabilities: { availableDisplayModes: ["inline"] },
    protocolVersion: PROTOCOL_VERSION,
  }).then((result) => {
    bridge.context = (result as McpUiInitializeResult).hostContext ?? {};
    applyContext(bridge.context);
    post({ method: "ui/notifications/initialized", params: {} });
    ready = true;
    for (const message of early.splice(0)) notify(message);
    reportSize();
  });

  let last = "";
  const reportSize = () => {
    const { width, height } = document.documentElement.getBoundingClientRect();
    const size = `${Math.ceil(width)}x${Math.ceil(height)}`;
    if (!ready || size === last) return;
    last = size;
    post({ method: "ui/notifications/size-changed", params: { width: Math.ceil(width), height: Math.ceil(height) } });
  };
  new ResizeObserver(() => requestAnimationFrame(reportSize)).observe(document.documentElement);
  return bridge;
}

/** The host's theme, style variables and container size, applied to the page. */
function applyContext(context: McpUiHostContext): void {
  const root = document.documentElement;
  if (context.theme) {
    root.dataset.theme = context.theme;
    root.style.colorScheme = context.theme;
  }
  for (const [name, value] of Object.entries(context.styles?.variables ?? {})) {
    if (typeof value === "string" && name.startsWith("--")) root.style.setProperty(name, value);
  }
  const box = context.containerDimensions as { height?: number; maxHeight?: number } | undefined;
  if (box?.height !== undefined) {
    root.style.height = "100vh";
    document.body.style.overflow = "auto";
  } else if (box?.maxHeight !== undefined) {
    root.style.maxHeight = `${box.maxHeight}px`;
  }
}
