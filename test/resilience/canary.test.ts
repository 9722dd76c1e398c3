import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { type FaultGateway, startFaultGateway } from "../helpers/fault-gateway.js";
import { CLI, TEST_KEY } from "../helpers/harness.js";

/**
 * The canary key must appear nowhere: not on stdout (the protocol, so no tool result or error
 * text), not on stderr (the log, at debug level), even when the gateway quotes it back in an
 * error page. The server is spawned by hand here so every raw byte it writes is seen.
 */

const READ = "GET /v1/phone-numbers";

describe("the Maton key never leaves the process", () => {
  let fake: FaultGateway;
  let child: ChildProcess;
  let stdout = "";
  let stderr = "";
  const pending = new Map<number, (message: Record<string, unknown>) => void>();
  let nextId = 1;

  const request = (method: string, params: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      child.stdin?.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });
  const callTool = (name: string, args: Record<string, unknown> = {}) => request("tools/call", { name, arguments: args });

  before(async () => {
    fake = await startFaultGateway();
    child = spawn(process.execPath, [CLI], {
      env: {
        PATH: process.env.PATH ?? "",
        MATON_API_KEY: TEST_KEY,
        MATON_GATEWAY_URL: fake.url,
        MATON_CTRL_URL: fake.url,
        QUO_MCP_LOG_LEVEL: "trace",
        QUO_MCP_TIMEOUT_MS: "1000",
        QUO_MCP_DEADLINE_MS: "3000",
        QUO_MCP_DUPLICATE_WINDOW_MS: "0",
      },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let buffer = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
      buffer += chunk.toString("utf8");
      let newline = buffer.indexOf("\n");
      while (newline >= 0) {
        const message = JSON.parse(buffer.slice(0, newline)) as Record<string, unknown>;
        buffer = buffer.slice(newline + 1);
        pending.get(message.id as number)?.(message);
        newline = buffer.indexOf("\n");
      }
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    await request("initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "canary", version: "1" } });
    child.stdin?.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
  });

  after(async () => {
    child.stdin?.end();
    await new Promise((resolve) => child.once("exit", resolve));
    await fake.close();
  });

  it("keeps the key out of results, errors and logs, even when the gateway echoes it", async () => {
    const answers = [
      await callTool("list_phone_numbers"),
      await callTool("list_users"),
      await callTool("send_message", { from: "Main line", to: "+15555550123", content: "canary one" }),
    ];
    // Error pages and JSON errors that quote the Authorization header back.
    for (const fault of [
      { kind: "echo-key", status: 502, contentType: "text/html" },
      { kind: "echo-key", status: 400, contentType: "application/json" },
      { kind: "echo-key", status: 401, contentType: "text/plain" },
      { kind: "echo-key", status: 500, contentType: "text/html" },
      { kind: "echo-key", status: 200, contentType: "text/html" },
    ] as const) {
      fake.failAlways(READ, fault);
      answers.push(await callTool("list_phone_numbers"));
      fake.failAlways(READ, undefined);
    }
    fake.fail("POST /v1/messages", { kind: "echo-key", status: 502, contentType: "text/html" });
    answers.push(await callTool("send_message", { from: "Main line", to: "+15555550123", content: "canary two" }));
    fake.fail(READ, { kind: "hang" });
    answers.push(await callTool("list_phone_numbers"));
    answers.push(await callTool("no_such_tool"));

    // The echoed pages did reach the server, so this is a real test of the scrubbing.
    assert.ok(fake.arrivals.filter((a) => a.fault === "echo-key").length >= 6);
    assert.ok(
      answers.slice(3, 9).every((a) => JSON.stringify(a).includes('"isError":true')),
      "the echo faults produced errors",
    );
    assert.match(JSON.stringify(answers), /\[redacted\]/, "an echoed key was replaced, not dropped with its message");
    assert.ok(stderr.length > 0, "the server logged nothing at trace level");
    assert.equal(stdout.includes(TEST_KEY), false, "the key appeared on stdout");
    assert.equal(stderr.includes(TEST_KEY), false, "the key appeared in the log");
    // Nor its tail, in case something printed part of it.
    assert.equal(`${stdout}${stderr}`.includes(TEST_KEY.slice(-12)), false);
    assert.doesNotMatch(stderr, /unhandledRejection|uncaughtException/i);
  });
});
