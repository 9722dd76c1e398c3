import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { allTools } from "../../src/tools/index.js";
import { CLI, type Gateway, startGateway, TEST_KEY } from "../helpers/harness.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built command line as a person or a script would, with only the given environment. */
function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env.PATH ?? "", QUO_MCP_LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("quo-mcp tools", () => {
  it("lists every tool of the registry as JSON, without a Maton key", async () => {
    const result = await run(["tools", "--json"]);
    assert.equal(result.code, 0, result.stderr);
    const listed = JSON.parse(result.stdout) as { name: string; inputSchema: { type: string }; writes: boolean }[];
    assert.deepEqual(
      listed.map((t) => t.name),
      allTools("US").map((t) => t.name),
    );
    for (const tool of listed) assert.equal(tool.inputSchema.type, "object", tool.name);
  });

  it("prints JSON when stdout is not a terminal, even without --json", async () => {
    const result = await run(["tools"]);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(Array.isArray(JSON.parse(result.stdout)));
  });

  it("shows one tool's arguments, and drops writing tools with --read-only", async () => {
    const one = JSON.parse((await run(["tools", "send_message", "--json"])).stdout) as { name: string; inputSchema: { required: string[] } }[];
    assert.equal(one.length, 1);
    assert.deepEqual(one[0]?.inputSchema.required, ["from", "to", "content"]);
    const readOnly = JSON.parse((await run(["tools", "--read-only"])).stdout) as { name: string; writes: boolean }[];
    assert.ok(readOnly.length > 0 && readOnly.every((t) => !t.writes), "a writing tool is listed in read-only mode");
  });

  it("refuses an unknown tool name with exit code 2", async () => {
    const result = await run(["tools", "send_mesage"]);
    assert.equal(result.code, 2);
    assert.match(result.stderr, /unknown tool "send_mesage"/);
    assert.equal(result.stdout, "");
  });
});

describe("quo-mcp call", () => {
  let gateway: Gateway;
  let env: Record<string, string>;
  before(async () => {
    gateway = await startGateway();
    env = { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: gateway.url, MATON_CTRL_URL: gateway.url };
  });
  after(async () => {
    assert.deepEqual(gateway.violations, []);
    await gateway.close();
  });

  it("runs a tool and prints its structured result as JSON on stdout, exit 0", async () => {
    const result = await run(["call", "list_phone_numbers"], env);
    assert.equal(result.code, 0, result.stderr);
    const body = JSON.parse(result.stdout) as { numbers: { id: string; number: string }[] };
    assert.ok(body.numbers.length > 0);
    assert.match(body.numbers[0]?.id ?? "", /^PN/);
    assert.ok(!result.stdout.includes(TEST_KEY) && !result.stderr.includes(TEST_KEY), "the Maton key was printed");
  });

  it("takes the arguments from --json '{...}', also with --json=, and prints one JSON line", async () => {
    for (const args of [
      ["call", "list_users", "--json", '{"maxResults": 1}'],
      ["call", "list_users", '--json={"maxResults": 1}'],
      ["call", "list_users", "--input", '{"maxResults": 1}', "--json"],
    ]) {
      const result = await run(args, env);
      assert.equal(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
      assert.equal(result.stdout.trim().split("\n").length, 1);
      assert.equal((JSON.parse(result.stdout) as { users: unknown[] }).users.length, 1);
    }
  });

  it("reads --arg values as JSON when that fits the argument, else as text, and repeats into arrays", async () => {
    const result = await run(
      [
        "call",
        "send_message",
        "--arg",
        "from=Main line",
        "--arg",
        "to=5555550123",
        "--arg",
        "to=+15555550124",
        "--arg",
        "content=true story",
        "--arg",
        "group=true",
        "--arg",
        "dryRun=true",
      ],
      env,
    );
    assert.equal(result.code, 0, result.stderr);
    const body = JSON.parse(result.stdout) as { dryRun: boolean; request: { body: { to: string[]; content: string } } };
    assert.equal(body.dryRun, true);
    assert.deepEqual(body.request.body.to, ["+15555550123", "+15555550124"]);
    assert.equal(body.request.body.content, "true story");
    assert.ok(!gateway.requests.some((r) => r.method === "POST"), "a dry run reached the gateway with a send");
  });

  it("exits 1 with the error result on stdout when the tool reports an error", async () => {
    const result = await run(["call", "get_call", "--json", '{"id": "ACdoesnotexist1"}'], env);
    assert.equal(result.code, 1, result.stderr);
    const body = JSON.parse(result.stdout) as { error: { remedy: string; message: string } };
    assert.equal(body.error.remedy, "fix_arguments");
    assert.match(body.error.message, /404/);
  });

  it("exits 2 on usage and argument errors, names the argument, and sends nothing", async () => {
    const before = gateway.requests.length;
    const cases: [string[], RegExp][] = [
      [["call"], /needs the name of a tool/],
      [["call", "send_mesage"], /unknown tool "send_mesage"/],
      [["call", "list_users", "extra"], /unexpected "extra"/],
      [["call", "list_users", "--json", "{not json"], /--json must be a JSON object/],
      [["call", "list_users", "--json", "[1, 2]"], /--json must be a JSON object/],
      [["call", "list_users", "--arg", "maxResults"], /must be key=value/],
      [["call", "list_users", "--arg", "maxResult=5"], /unknown argument "maxResult"; this tool takes: .*maxResults/],
      [["call", "list_users", "--arg", "maxResults=0"], /argument "maxResults": must be at least 1/],
      [["call", "send_message", "--json", '{"from": "Main line", "content": "hi"}'], /argument "to"/],
      [["call", "send_message", "--json", '{"from": "Main line", "to": "+1 not a number", "content": "hi"}'], /argument "to"/],
      [
        ["call", "send_message", "--read-only", "--json", '{"from": "Main line", "to": "+15555550123", "content": "hi"}'],
        /send_message writes, and --read-only/,
      ],
      [["call", "list_users", "--no-such-flag"], /Unknown option '--no-such-flag'/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args, env);
      assert.equal(result.code, 2, `${args.join(" ")} exited ${result.code}: ${result.stderr}`);
      assert.match(result.stderr, message, args.join(" "));
      assert.equal(result.stdout, "", `${args.join(" ")} printed to stdout`);
    }
    assert.equal(gateway.requests.length, before, "an invalid call reached the gateway");
  });

  it("needs a Maton key (exit 2) unless --sandbox, which runs against the embedded simulator", async () => {
    const missing = await run(["call", "list_phone_numbers"]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /MATON_API_KEY is not set/);
    const sandbox = await run(["call", "list_phone_numbers", "--sandbox"]);
    assert.equal(sandbox.code, 0, sandbox.stderr);
    const body = JSON.parse(sandbox.stdout) as { notice: string; numbers: unknown[] };
    assert.match(body.notice, /SANDBOX/);
    assert.ok(body.numbers.length > 0);
  });
});
