// The floor for figure 5: the least a Streamable HTTP MCP server on the same SDK does for this
// call, written the way the SDK's own example serves sessions: a McpServer and transport per
// session, kept in a map by session id. One tool, no schemas, limiter, deadline, retries,
// logging or formatting; it makes the same gateway request quo-mcp makes and returns the numbers.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { Agent, request } from "undici";

const agent = new Agent({ keepAliveTimeout: 30_000 });
const headers = { authorization: `Bearer ${process.env.MATON_API_KEY}`, "user-agent": "quo-mcp-bench-reference", accept: "application/json" };
const transports = new Map();

function session() {
  const server = new McpServer({ name: "reference", version: "1.0.0" });
  server.registerTool("list_phone_numbers", { description: "The workspace's phone numbers." }, async () => {
    const res = await request(`${process.env.MATON_GATEWAY_URL}/quo/v1/phone-numbers`, { headers, dispatcher: agent });
    const body = await res.body.json();
    const numbers = body.data.map((n) => ({ id: n.id, number: n.number, name: n.name }));
    return { content: [{ type: "text", text: JSON.stringify({ numbers }) }], structuredContent: { numbers } };
  });
  return server;
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return chunks.length ? JSON.parse(Buffer.concat(chunks).toString("utf8")) : undefined;
}

const http = createServer(async (req, res) => {
  try {
    const id = req.headers["mcp-session-id"];
    const body = req.method === "POST" ? await readBody(req) : undefined;
    let transport = typeof id === "string" ? transports.get(id) : undefined;
    if (!transport) {
      if (id !== undefined || !isInitializeRequest(body)) {
        res.writeHead(400).end();
        return;
      }
      transport = new StreamableHTTPServerTransport({ sessionIdGenerator: () => randomUUID(), onsessioninitialized: (sid) => transports.set(sid, transport) });
      transport.onclose = () => transport.sessionId && transports.delete(transport.sessionId);
      await session().connect(transport);
    }
    await transport.handleRequest(req, res, body);
  } catch {
    if (!res.headersSent) res.writeHead(500).end();
  }
});
http.listen(Number(process.env.PORT), "127.0.0.1", () => process.stdout.write("ready\n"));
