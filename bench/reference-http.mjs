// The floor for figure 5: the least a Streamable HTTP MCP server on the same SDK does for this
// call, written the way the SDK's own example serves sessions: a McpServer and transport per
// session, kept in a map by session id. One tool, no schemas, limiter, deadline, retries,
// logging or formatting; it makes the same gateway request quo-mcp makes and returns the numbers.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { isInitializeRequest } from "@modelcontextprotocol/sdk/types.js";
import { registerListPhoneNumbers } from "./reference-tool.mjs";

const transports = new Map();

function session() {
  const server = new McpServer({ name: "reference", version: "1.0.0" });
  registerListPhoneNumbers(server);
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
