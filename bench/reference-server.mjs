// The floor for figure 2: the least an MCP server built on the same SDK can do for this call.
// One tool, no input or output schema, no rate limit, deadline, retries or formatting; the SDK's
// own stdio transport. It makes the same gateway request quo-mcp makes and returns the numbers.
// What quo-mcp measures above this is its own cost; what this measures above the direct request
// is the SDK client, the SDK server and the stdio hops.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Agent, request } from "undici";

const agent = new Agent({ keepAliveTimeout: 30_000 });
const headers = { authorization: `Bearer ${process.env.MATON_API_KEY}`, "user-agent": "quo-mcp-bench-reference", accept: "application/json" };
const server = new McpServer({ name: "reference", version: "1.0.0" });
server.registerTool("list_phone_numbers", { description: "The workspace's phone numbers." }, async () => {
  const res = await request(`${process.env.MATON_GATEWAY_URL}/quo/v1/phone-numbers`, { headers, dispatcher: agent });
  const body = await res.body.json();
  const numbers = body.data.map((n) => ({ id: n.id, number: n.number, name: n.name }));
  return { content: [{ type: "text", text: JSON.stringify({ numbers }) }], structuredContent: { numbers } };
});
await server.connect(new StdioServerTransport());
