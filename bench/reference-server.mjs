// The floor for figure 2: the least an MCP server built on the same SDK can do for this call.
// One tool, no input or output schema, no rate limit, deadline, retries or formatting; the SDK's
// own stdio transport. It makes the same gateway request quo-mcp makes and returns the numbers.
// What quo-mcp measures above this is its own cost; what this measures above the direct request
// is the SDK client, the SDK server and the stdio hops.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { registerListPhoneNumbers } from "./reference-tool.mjs";

const server = new McpServer({ name: "reference", version: "1.0.0" });
registerListPhoneNumbers(server);
await server.connect(new StdioServerTransport());
