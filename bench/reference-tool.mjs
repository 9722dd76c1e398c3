// The one tool both reference servers serve: list_phone_numbers, the same gateway request quo-mcp
// makes, with nothing around it but the SDK (bench/reference-server.mjs on stdio,
// bench/reference-http.mjs over Streamable HTTP). It loads the same two parts of undici that
// quo-mcp's gateway client does (src/gateway/client.ts), so neither side pays for the rest of
// the package.

import request from "undici/lib/api/api-request.js";
import Agent from "undici/lib/dispatcher/agent.js";

const agent = new Agent({ keepAliveTimeout: 30_000 });
const url = new URL(`${process.env.MATON_GATEWAY_URL}/quo/v1/phone-numbers`);
const headers = { authorization: `Bearer ${process.env.MATON_API_KEY}`, "user-agent": "quo-mcp-bench-reference", accept: "application/json" };

export function registerListPhoneNumbers(server) {
  server.registerTool("list_phone_numbers", { description: "The workspace's phone numbers." }, async () => {
    const res = await request.call(agent, { origin: url.origin, path: url.pathname, method: "GET", headers });
    const body = await res.body.json();
    const numbers = body.data.map((n) => ({ id: n.id, number: n.number, name: n.name }));
    return { content: [{ type: "text", text: JSON.stringify({ numbers }) }], structuredContent: { numbers } };
  });
}
