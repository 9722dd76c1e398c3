// The one tool both reference servers serve: list_phone_numbers, the same gateway request quo-mcp
// makes, with nothing around it but the SDK (bench/reference-server.mjs on stdio,
// bench/reference-http.mjs over Streamable HTTP).
import { Agent, request } from "undici";

const agent = new Agent({ keepAliveTimeout: 30_000 });
const headers = { authorization: `Bearer ${process.env.MATON_API_KEY}`, "user-agent": "quo-mcp-bench-reference", accept: "application/json" };

export function registerListPhoneNumbers(server) {
  server.registerTool("list_phone_numbers", { description: "The workspace's phone numbers." }, async () => {
    const res = await request(`${process.env.MATON_GATEWAY_URL}/quo/v1/phone-numbers`, { headers, dispatcher: agent });
    const body = await res.body.json();
    const numbers = body.data.map((n) => ({ id: n.id, number: n.number, name: n.name }));
    return { content: [{ type: "text", text: JSON.stringify({ numbers }) }], structuredContent: { numbers } };
  });
}
