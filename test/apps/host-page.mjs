// A minimal MCP Apps host, run in the browser by the views test: it renders a view's HTML in a
// sandboxed iframe under the CSP its resource declares, and speaks to it through the extension's
// own AppBridge. Tool calls from the view go to `hostCallTool`, which the test wires to a real
// MCP client of the built server.
import { AppBridge, PostMessageTransport } from "@modelcontextprotocol/ext-apps/app-bridge";

const hostStyles = {
  light: { "--color-background-primary": "#ffffff", "--color-text-primary": "#16171a" },
  dark: { "--color-background-primary": "#1b1b1d", "--color-text-primary": "#f2f2f3" },
};

window.host = {
  opened: [],
  sizes: [],
  /** Renders one view fed with one tool call; resolves once the view said it is initialized. */
  async render({ html, csp, toolName, toolInput, toolResult, theme = "light", width = 560 }) {
    document.body.replaceChildren();
    document.body.style.cssText = `margin:0;background:${theme === "dark" ? "#111" : "#fafafa"}`;
    const domains = (csp?.resourceDomains ?? []).join(" ");
    const policy = `default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: ${domains}; media-src data: ${domains}; font-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; base-uri 'none'`;
    const iframe = document.createElement("iframe");
    iframe.setAttribute("sandbox", "allow-scripts");
    iframe.style.cssText = `border:0;width:${width}px;height:200px;display:block;background:transparent`;
    iframe.srcdoc = html.replace("<head>", `<head><meta http-equiv="Content-Security-Policy" content="${policy}">`);
    document.body.append(iframe);
    const bridge = new AppBridge(
      null,
      { name: "quo-mcp-test-host", version: "1.0.0" },
      { openLinks: {}, serverTools: {}, logging: {} },
      {
        hostContext: {
          theme,
          styles: { variables: hostStyles[theme] },
          displayMode: "inline",
          containerDimensions: { width, maxHeight: 4000 },
          locale: "en-US",
          timeZone: "UTC",
          toolInfo: { tool: { name: toolName, inputSchema: { type: "object" } } },
        },
      },
    );
    bridge.oncalltool = async (params) => window.hostCallTool(params);
    bridge.onopenlink = async ({ url }) => {
      window.host.opened.push(url);
      return {};
    };
    bridge.onsizechange = ({ height }) => {
      window.host.sizes.push(height);
      if (height) iframe.style.height = `${height}px`;
    };
    const initialized = new Promise((resolve) => {
      bridge.oninitialized = resolve;
    });
    window.host.bridge = bridge;
    await bridge.connect(new PostMessageTransport(iframe.contentWindow, iframe.contentWindow));
    await initialized;
    await bridge.sendToolInput({ arguments: toolInput });
    await bridge.sendToolResult(toolResult);
  },
  async setTheme(theme) {
    await window.host.bridge.sendHostContextChange({ theme, styles: { variables: hostStyles[theme] } });
  },
};
