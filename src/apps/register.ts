import { type McpServer, ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { Services } from "../tools/define.js";
import { VIEW_MIME_TYPE, type ViewName } from "./capability.js";

const views: readonly ViewName[] = ["thread", "call", "approval"];

/**
 * The views as `ui://quo-mcp/{view}` resources. A template without a list keeps them out of
 * resources/list (hosts find them through the tools' `_meta.ui`), and the HTML is loaded only
 * when a host reads one, so a client that renders nothing never pays for it.
 */
export function registerViews(server: McpServer, services: Services): void {
  server.registerResource(
    "quo-mcp-views",
    new ResourceTemplate("ui://quo-mcp/{view}", { list: undefined }),
    { title: "Quo views", description: "Views of a thread, a call and a text awaiting approval, for hosts that render MCP Apps", mimeType: VIEW_MIME_TYPE },
    async (uri, variables) => {
      const view = String(variables.view) as ViewName;
      if (!views.includes(view)) throw new Error(`No such view: ${uri.href}. The views are ${views.map((v) => `ui://quo-mcp/${v}`).join(", ")}.`);
      const { viewHtml } = await import("./html.js");
      const media = mediaOrigins(services);
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: VIEW_MIME_TYPE,
            text: await viewHtml(view),
            _meta: { ui: { prefersBorder: true, ...(media.length > 0 ? { csp: { resourceDomains: media } } : {}) } },
          },
        ],
      };
    },
  );
}

/**
 * Where the views may load images and audio from (their CSP). The views fetch nothing
 * themselves; media comes only from URLs in Quo's answers. Quo does not document where it keeps
 * media, so the origins are a setting (QUO_MCP_MEDIA_ORIGINS); the sandbox serves its media on
 * its own loopback port. Where nothing is declared a host's default policy blocks the files and
 * the views offer each one as a link to open instead.
 */
function mediaOrigins(services: Services): string[] {
  const origins = new Set(services.config.mediaOrigins ?? []);
  if (services.config.sandbox) origins.add(new URL(services.config.gatewayUrl).origin);
  return [...origins];
}
