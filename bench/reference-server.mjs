// The floor for figure 2: the least an MCP server built on the same SDK can do for this call.
// One tool, no input or output schema, no rate limit, deadline, retries or formatting; the SDK's
// own stdio transport. It makes the same gateway request quo-mcp makes and returns the numbers.
// What quo-mcp measures above this is its own cost; what this measures above the direct request
// is the SDK client, the SDK server and the stdio hops. Figures 1 and 4 also run it bundled the
// way quo-mcp is (bench/reference-bundle.ts).
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { registerListPhoneNumbers } from "./reference-tool.mjs";

// Like quo-mcp (src/server.ts), it elicits no forms, so the SDK's default Ajv checker of form
// answers is not built: a server that never asks for one need not pay for it.
const noFormElicitation = {
  getValidator() {
    throw new Error("the reference server asks for no form input");
  },
};

const server = new McpServer({ name: "reference", version: "1.0.0" }, { jsonSchemaValidator: noFormElicitation });
registerListPhoneNumbers(server);
// A stdio server's session ends when its client closes stdin.
process.stdin.once("end", () => process.exit(0));
server.connect(new StdioServerTransport()).catch((error) => {
  process.stderr.write(`reference server: ${error?.message ?? error}\n`);
  process.exit(1);
});
