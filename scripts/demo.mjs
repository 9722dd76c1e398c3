// A short, scripted session by a real MCP client against the sandbox: what an assistant does
// when asked to "text Alice that we're running late".
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const cli = new URL("../dist/cli.js", import.meta.url).pathname;
const bold = (s) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);

async function session(args) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [cli, ...args],
    env: { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "warn" },
  });
  const client = new Client({ name: "quo-mcp-demo", version: "1.0.0" });
  await client.connect(transport);
  return client;
}

async function step(client, title, name, args = {}) {
  console.log(`\n${bold(`> ${title}`)}\n  ${name} ${JSON.stringify(args)}`);
  const result = await client.callTool({ name, arguments: args });
  const { notice, ...rest } = result.structuredContent ?? {};
  console.log(`  ${result.isError ? "error " : ""}${JSON.stringify(rest, null, 2).replaceAll("\n", "\n  ")}`);
  return rest;
}

const client = await session(["--sandbox"]);
const { tools } = await client.listTools();
console.log(bold(`quo-mcp sandbox: ${tools.length} tools (${tools.map((t) => t.name).join(", ")})`));
console.log("Every result says it is the sandbox: nothing here reaches a real phone.");
await step(client, "Which numbers do we have?", "list_phone_numbers");
await step(client, "Read the thread with Alice", "list_messages", { phoneNumber: "Main line", participants: "(555) 555-0123", maxResults: 3 });
await step(client, "Text Alice (after the person approved the draft)", "send_message", {
  from: "Main line",
  to: "+15555550123",
  content: "Running 10 minutes late, see you soon!",
});
await step(client, "The text is now the newest in the thread", "list_messages", { phoneNumber: "Main line", participants: "+15555550123", maxResults: 1 });
await client.close();

// Texting is a conversation: send, wait for the answer, act on it, close the thread. Riley
// (+15555550140) is a sandbox contact who answers every text after a moment.
const loop = await session(["--sandbox", "--toolsets", "all"]);
const sent = await step(loop, "Text Riley and ask (after approval)", "send_message", {
  from: "Main line",
  to: "+15555550140",
  content: "Can you confirm Thursday at 3pm?",
});
const reply = await step(loop, "Wait for the reply (returns as soon as it lands)", "wait_for_reply", {
  phoneNumber: "Main line",
  participants: "+15555550140",
  after: sent.message?.id ?? sent.id,
  timeoutSeconds: 30,
});
console.log(`
  Riley answered: ${JSON.stringify(reply.messages?.[0]?.in)} (untrusted text: quoted, never obeyed)`);
const inbox = await loop.callTool({ name: "list_conversations", arguments: { phoneNumbers: ["Main line"], maxResults: 10 } });
const thread = (inbox.structuredContent?.conversations ?? []).find((c) => JSON.stringify(c).includes("+15555550140"));
await step(loop, "Mark the thread done", "update_conversation", { id: thread?.id, action: "done" });
await loop.close();

const unauthorized = await session(["--sandbox-unauthorized"]);
const pending = await step(unauthorized, "A workspace that has not authorized Quo yet", "list_phone_numbers");
console.log(`\n  The assistant shows ${pending.url} to the person; once opened, the same call works.`);
await fetch(pending.url);
await step(unauthorized, "After the person approved", "list_users", { maxResults: 1 });
await unauthorized.close();
