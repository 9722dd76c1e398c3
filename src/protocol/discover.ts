import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { DISCOVER_METHOD, discoverRefusal } from "./era.js";

const DiscoverRequest = z.object({ method: z.literal(DISCOVER_METHOD), params: z.looseObject({}).optional() });

/**
 * The full server's answer to a `server/discover` probe (the SDK's own would be a bare "Method
 * not found"): the same as the fast start's and the HTTP app's, naming what to do instead.
 */
export function refuseDiscover(server: McpServer): void {
  server.server.setRequestHandler(DiscoverRequest, () => {
    const { code, message } = discoverRefusal();
    // Not McpError, whose message gains an "MCP error -32601:" prefix: the same words as the fast start's.
    throw Object.assign(new Error(message), { code });
  });
}
