import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { allTools, selectTools } from "../../src/tools/index.js";
import { SERVER_FILES } from "../helpers/shipped-files.js";

const run = promisify(execFile);
const root = new URL("../..", import.meta.url).pathname;
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
/** npm and the installed bin see a clean environment: no key, no settings from the developer's shell. */
const env: Record<string, string> = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? tmpdir(), QUO_MCP_LOG_LEVEL: "warn" };
if (process.env.npm_config_cache) env.npm_config_cache = process.env.npm_config_cache;

/**
 * What a user gets from `npx quo-mcp`: the package is built and packed as `npm publish` would
 * (into a temporary folder, leaving the shared dist/ alone), installed into an empty project
 * (its dependencies from the npm cache this repository's install filled), and its bin driven.
 */
describe("the published npm package", () => {
  let tmp: string;
  let bin: string;
  let packed: string[];
  before(async () => {
    tmp = mkdtempSync(join(tmpdir(), "quo-mcp-package-"));
    const stage = join(tmp, "package");
    mkdirSync(stage);
    for (const file of ["package.json", "README.md", "LICENSE"]) copyFileSync(join(root, file), join(stage, file));
    await run(process.execPath, [join(root, "scripts/build.mjs"), "--outdir", join(stage, "dist")]);
    const { stdout } = await run(npm, ["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], { cwd: stage, env });
    const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
    assert.ok(info);
    packed = info.files.map((f) => f.path);
    const app = join(tmp, "app");
    mkdirSync(app);
    writeFileSync(join(app, "package.json"), JSON.stringify({ name: "empty-project", version: "1.0.0", private: true }));
    await run(npm, ["install", join(tmp, info.filename), "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--no-package-lock"], {
      cwd: app,
      env,
    });
    bin = join(app, "node_modules/.bin/quo-mcp");
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it("holds only what runs: the bin, the server with its code cache and the files beside it, the licenses, the README and package.json", () => {
    const shipped = [...SERVER_FILES, "dist/THIRD-PARTY-LICENSES.txt", "LICENSE", "README.md", "package.json"];
    assert.deepEqual(
      packed.filter((path) => !shipped.includes(path)),
      [],
    );
    for (const needed of shipped) assert.ok(packed.includes(needed), `${needed} is missing`);
  });

  it("quo-mcp tools --json lists the registry's tools", async () => {
    const { stdout } = await run(bin, ["tools", "--json"], { env });
    assert.deepEqual(
      (JSON.parse(stdout) as { name: string }[]).map((t) => t.name),
      allTools("US").map((t) => t.name),
    );
  });

  it("quo-mcp call list_phone_numbers --sandbox prints the numbers as JSON", async () => {
    const { stdout } = await run(bin, ["call", "list_phone_numbers", "--sandbox"], { env });
    const body = JSON.parse(stdout) as { notice: string; numbers: { id: string }[] };
    assert.match(body.notice, /SANDBOX/);
    assert.ok(body.numbers.some((n) => n.id.startsWith("PN")));
  });

  it("serves MCP over stdio to an SDK client", async () => {
    const transport = new StdioClientTransport({ command: bin, args: ["--sandbox"], env, stderr: "pipe" });
    const client = new Client({ name: "package-test", version: "1.0.0" });
    await client.connect(transport);
    try {
      assert.equal(client.getServerVersion()?.name, "quo-mcp");
      const { tools } = await client.listTools();
      assert.deepEqual(
        tools.map((t) => t.name),
        selectTools(allTools("US"), {}).map((t) => t.name),
      );
      const result = await client.callTool({ name: "list_phone_numbers", arguments: {} });
      assert.notEqual(result.isError, true);
      assert.ok(Array.isArray((result.structuredContent as { numbers?: unknown[] }).numbers));
    } finally {
      await client.close();
    }
  });
});
