// Shared pieces of the interop suite: the built server (stdio and HTTP), and the scenario every
// client runs, written against a small adapter so each client is driven through its own API and
// checked on what it hands its caller.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The built server (QUO_MCP_CLI points elsewhere, e.g. at an older build to see a check fail). */
export const CLI = process.env.QUO_MCP_CLI || fileURLToPath(new URL("../../../dist/cli.js", import.meta.url));
/** The Node the project runs on (the runner passes it), for the server; clients run on this process's Node. */
export const SERVER_NODE = process.env.QUO_MCP_SERVER_NODE || process.execPath;
export const TOKEN = "tok_interop_5b8e1f0c7a2d4e6f9a1b";

export const MAIN = "Main line";
export const ALICE = "+15555550123";
export const DEFAULT_TOOLS = [
  "find_contacts",
  "get_call",
  "list_calls",
  "list_conversations",
  "list_messages",
  "list_missed_calls",
  "list_phone_numbers",
  "list_users",
  "send_message",
  "wait_for_reply",
];

/** The environment of a server: only what is given, logs quiet unless something goes wrong. */
export function serverEnv(extra = {}) {
  return { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "warn", ...extra };
}

/** How a stdio client starts the server. */
export function stdioCommand(args = []) {
  return { command: SERVER_NODE, args: [CLI, "--sandbox", ...args], env: serverEnv() };
}

/** Starts the built server over HTTP on a free loopback port. */
export async function startHttp({ args = [], env = {} } = {}) {
  const child = spawn(SERVER_NODE, [CLI, "--http", "--port", "0", "--sandbox", ...args], {
    env: serverEnv({ QUO_MCP_LOG_LEVEL: "info", ...env }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr += chunk.toString("utf8");
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const base = await new Promise((resolve, reject) => {
    const onData = () => {
      const match = /"mcp":"(http:\/\/[^"]+)\/mcp"/.exec(stderr);
      if (match) {
        child.stderr.off("data", onData);
        resolve(match[1]);
      }
    };
    child.stderr.on("data", onData);
    exited.then((code) => reject(new Error(`server exited with ${code}:\n${stderr}`)));
  });
  return {
    base,
    stderr: () => stderr,
    /** Log lines at warn or above: a client's probe or fallback must not produce any. */
    problems: () =>
      stderr
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line))
        .filter((line) => line.level >= 40),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * An authorized server (behind TOKEN unless `token` is false) and one whose sandbox has no Quo
 * connection yet, started together; `stop()` ends both.
 */
export async function startServers({ token = true } = {}) {
  const [http, unauthorized] = await Promise.all([
    startHttp({ env: token ? { QUO_MCP_AUTH_TOKEN: TOKEN } : {} }),
    startHttp({ args: ["--sandbox-unauthorized"] }),
  ]);
  return { http, unauthorized, stop: () => Promise.all([http.stop(), unauthorized.stop()]) };
}

/** A CallToolResult as the scenario reads it. 1.0.x clients predate structuredContent: the text is the same JSON. */
export function outcomeOf(result) {
  return { isError: result.isError === true, text: result.content.map((c) => c.text ?? "").join("\n"), structured: result.structuredContent };
}

/** An SDK-style client (listTools, callTool) as a scenario adapter: what it hands its caller is the CallToolResult. */
export function sdkAdapter(name, client) {
  return {
    name,
    listTools: async () => (await client.listTools()).tools.map((t) => t.name),
    call: async (tool, args) => outcomeOf(await client.callTool({ name: tool, arguments: args })),
  };
}

/**
 * The structured error a failed call carries, read from what the client handed over: the
 * structured content when the client passes it on, otherwise the JSON text every result also carries.
 */
export function structuredOf(outcome) {
  if (outcome.structured) return outcome.structured;
  const text = outcome.text ?? "";
  const start = text.indexOf("{");
  return start >= 0 ? JSON.parse(text.slice(start)) : undefined;
}

/**
 * What every client must be able to do, through the adapter:
 * - listTools(): the tool names it offers its caller
 * - call(name, args): { isError, text, structured?, refusedByClient? } as the client hands it over
 * - validatesInput: the client checks arguments against the published schema before sending
 */
export async function runScenario(t, client) {
  await t.test("lists the default tools", async () => {
    const names = (await client.listTools()).sort();
    assert.deepEqual(names, DEFAULT_TOOLS);
  });

  await t.test("reads: list_phone_numbers", async () => {
    const outcome = await client.call("list_phone_numbers", {});
    assert.equal(outcome.isError, false, outcome.text);
    assert.match(outcome.text, /Main line/);
    assert.ok(structuredOf(outcome).numbers.some((n) => n.number === "+15555550100"));
  });

  await t.test("dry-runs a send, sending nothing", async () => {
    const outcome = await client.call("send_message", { from: MAIN, to: [ALICE], content: "Interop dry run", dryRun: true });
    assert.equal(outcome.isError, false, outcome.text);
    const body = structuredOf(outcome);
    assert.equal(body.dryRun, true);
    assert.deepEqual(body.to, [ALICE]);
  });

  // A client that checks arguments against the published schema itself never sends a lone value for a list.
  if (!client.validatesInput) {
    await t.test("takes a lone number, and a JSON number, where a list of phone numbers is published", async () => {
      for (const to of [ALICE, Number(ALICE.slice(2))]) {
        const outcome = await client.call("send_message", { from: MAIN, to, content: "Interop lone", dryRun: true });
        assert.equal(outcome.isError, false, outcome.text);
        assert.deepEqual(structuredOf(outcome).to, [ALICE]);
      }
    });
  }

  const marker = `Interop ${client.name} ${Date.now()}`;
  await t.test("sends for real, to the sandbox", async () => {
    const outcome = await client.call("send_message", { from: MAIN, to: [ALICE], content: marker });
    assert.equal(outcome.isError, false, outcome.text);
    assert.match(structuredOf(outcome).message.id, /^AC/);
  });

  await t.test("refuses a missing argument, naming it, in the structured shape", async () => {
    const outcome = await client.call("send_message", { from: MAIN, content: "Missing recipient" });
    assert.equal(outcome.isError, true, outcome.text);
    if (outcome.refusedByClient) {
      // The client checked the published schema and refused before sending: the schema says what is required.
      assert.match(outcome.text, /schema/);
      return;
    }
    assert.doesNotMatch(outcome.text, /-32602|Input validation error/);
    const { error } = structuredOf(outcome);
    assert.equal(error.kind, "invalid_arguments");
    assert.equal(error.remedy, "fix_arguments");
    assert.equal(error.argument, "to");
    assert.ok(error.next);
  });

  await t.test("refuses an unknown argument, suggesting the right name, and sends nothing", async () => {
    const typo = `${marker} typo`;
    const outcome = await client.call("send_message", { from: MAIN, to: [ALICE], content: typo, dryrun: true });
    assert.equal(outcome.isError, true, outcome.text);
    assert.match(outcome.text, /dryRun/, "the caller sees the suggestion");
    const { error } = structuredOf(outcome);
    assert.equal(error.argument, "dryrun");
    assert.equal(error.problems[0].suggestion, "dryRun");
    const thread = structuredOf(await client.call("list_messages", { phoneNumber: MAIN, participants: [ALICE], maxResults: 50 }));
    const contents = thread.messages.map((m) => JSON.stringify(m));
    assert.ok(
      contents.some((c) => c.includes(marker)),
      "the real send is in the thread",
    );
    assert.ok(!contents.some((c) => c.includes(typo)), "the refused one is not");
  });
}

/** With --sandbox-unauthorized, the caller is handed the link the person must open. */
export async function runAuthorization(client) {
  const outcome = await client.call("list_phone_numbers", {});
  const body = structuredOf(outcome);
  assert.equal(body.status, "authorization_required", outcome.text);
  assert.match(body.url, /^http:\/\/127\.0\.0\.1:\d+\//);
  assert.match(outcome.text, /authorization_required/);
}
