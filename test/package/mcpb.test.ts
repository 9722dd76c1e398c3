import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { type Gateway, startGateway, TEST_KEY } from "../helpers/harness.js";
import { SERVER_FILES } from "../helpers/shipped-files.js";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const mcpb = join(root, "node_modules/@anthropic-ai/mcpb/dist/cli/cli.js");

interface Manifest {
  tools: { name: string }[];
  server: { mcp_config: { command: string; args: string[]; env: Record<string, string> } };
}

/** What Claude Desktop does with mcp_config: substitute ${__dirname} and ${user_config.x}. */
function substitute(value: string, dir: string, userConfig: Record<string, string>): string {
  return value.replaceAll("${__dirname}", dir).replace(/\$\{user_config\.([a-z_]+)\}/g, (_, key: string) => userConfig[key] ?? "");
}

/**
 * The Claude Desktop bundle: `mcpb validate` accepts the manifest, `mcpb pack` makes a .mcpb,
 * and the server starts from the unpacked bundle as Claude Desktop runs it (mcp_config, with
 * the user's settings substituted), with no node_modules beside it.
 */
describe("the MCP bundle (.mcpb)", () => {
  let tmp: string;
  let unpacked: string;
  let manifest: Manifest;
  let gateway: Gateway;
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "quo-mcp-mcpb-"));
    const file = join(tmp, "quo-mcp.mcpb");
    await run(process.execPath, [join(root, "scripts/pack-mcpb.mjs"), "--stage", join(tmp, "stage"), "--out", file]);
    unpacked = join(tmp, "unpacked");
    await run(process.execPath, [mcpb, "unpack", file, unpacked]);
    manifest = JSON.parse(readFileSync(join(unpacked, "manifest.json"), "utf8")) as Manifest;
    gateway = await startGateway();
  });
  after(async () => {
    await gateway.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it("mcpb validate accepts manifest.json", async () => {
    const { stdout } = await run(process.execPath, [mcpb, "validate", join(root, "manifest.json")]);
    assert.match(stdout, /validation passes/i);
  });

  it("holds the bundled server and no node_modules", () => {
    for (const file of SERVER_FILES) assert.ok(existsSync(join(unpacked, file)), `${file} is missing`);
    assert.ok(!existsSync(join(unpacked, "node_modules")), "the bundle should need no node_modules");
    assert.equal(JSON.parse(readFileSync(join(unpacked, "dist/package.json"), "utf8")).type, "commonjs");
  });

  async function start(userConfig: Record<string, string>) {
    const { command, args, env } = manifest.server.mcp_config;
    const transport = new StdioClientTransport({
      command: command === "node" ? process.execPath : command,
      args: args.map((a) => substitute(a, unpacked, userConfig)),
      env: {
        PATH: process.env.PATH ?? "",
        ...Object.fromEntries(Object.entries(env).map(([k, v]) => [k, substitute(v, unpacked, userConfig)])),
        MATON_GATEWAY_URL: gateway.url,
        MATON_CTRL_URL: gateway.url,
      },
      cwd: tmp,
      stderr: "pipe",
    });
    const client = new Client({ name: "claude-desktop-stand-in", version: "1.0.0" });
    await client.connect(transport);
    return client;
  }

  it("starts from the unpacked bundle, serves the manifest's tools and reaches Quo with the user's key", async () => {
    const client = await start({ maton_api_key: TEST_KEY, connection_id: "", read_only: "false" });
    try {
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        manifest.tools.map((t) => t.name),
      );
      const result = await client.callTool({ name: "list_phone_numbers", arguments: {} });
      assert.notEqual(result.isError, true, JSON.stringify(result.content));
      assert.ok(gateway.requests.some((r) => r.path === "/quo/v1/phone-numbers"));
      assert.deepEqual(gateway.violations, []);
    } finally {
      await client.close();
    }
  });

  it("honours the read-only switch from the user's settings", async () => {
    const client = await start({ maton_api_key: TEST_KEY, connection_id: "", read_only: "true" });
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      assert.ok(names.includes("list_messages"));
      assert.ok(!names.includes("send_message"), "send_message is served in read-only mode");
    } finally {
      await client.close();
    }
  });
});
