// The official MCP Inspector's command line (@modelcontextprotocol/inspector): its --strict
// schema-portability check must find nothing in the default or the full tool set, and a call
// made through it gets what every client gets.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { CLI, outcomeOf, runAuthorization, runScenario, SERVER_NODE, startServers, TOKEN } from "./helpers.mjs";

const INSPECTOR = join(dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector/package.json")), "clients/cli/build/index.js");

function inspector(args) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [INSPECTOR, ...args],
      {
        maxBuffer: 16 * 1024 * 1024,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME ?? "/tmp",
          MCP_CATALOG_PATH: join(process.env.TMPDIR ?? "/tmp", `quo-interop-catalog-${process.pid}.json`),
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Each call is one run of the Inspector's CLI against a long-lived HTTP server (so state carries over). */
function adapter(name, target) {
  return {
    name,
    listTools: async () => {
      const run = await inspector([...target, "--method", "tools/list"]);
      assert.equal(run.code, 0, run.stderr);
      return JSON.parse(run.stdout).tools.map((t) => t.name);
    },
    call: async (tool, args) => {
      // The Inspector reads each value as JSON when it parses, and as text otherwise.
      const pairs = Object.entries(args).map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
      const run = await inspector([...target, "--method", "tools/call", "--tool-name", tool, ...(pairs.length ? ["--tool-arg", ...pairs] : [])]);
      // 0: a result; 5: the tool returned isError (the result is still printed).
      assert.ok(run.code === 0 || run.code === 5, `exit ${run.code}: ${run.stderr}`);
      const result = JSON.parse(run.stdout);
      return outcomeOf(result);
    },
  };
}

describe("@modelcontextprotocol/inspector 2.12.0 CLI", () => {
  for (const [set, args, count] of [
    ["the default set", [], 10],
    ["every toolset", ["--toolsets", "all"], 17],
  ]) {
    it(`--strict finds 0 errors and 0 warnings in ${set}`, async () => {
      const run = await inspector(["-e", "QUO_MCP_LOG_LEVEL=silent", "--method", "tools/list", "--strict", "--", SERVER_NODE, CLI, "--sandbox", ...args]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).tools.length, count);
      // A clean list prints no report at all; any finding prints "Warning:"/"Error:" blocks and a count.
      assert.doesNotMatch(run.stderr, /^(Warning|Error): tool/m, run.stderr);
      assert.doesNotMatch(run.stderr, /\d+ errors?, \d+ warnings?/, run.stderr);
    });
  }

  describe("calls", () => {
    let servers;
    before(async () => {
      servers = await startServers();
    });
    after(() => servers?.stop());

    for (const kind of ["http", "sse"]) {
      const target = () => [
        "--transport",
        kind,
        "--server-url",
        `${servers.http.base}/${kind === "http" ? "mcp" : "sse"}`,
        "--header",
        `Authorization: Bearer ${TOKEN}`,
      ];
      it(`over ${kind}: runs the scenario`, async (t) => {
        await runScenario(t, adapter(`inspector ${kind}`, target()));
        assert.deepEqual(servers.http.problems(), []);
      });

      it(`over ${kind}: hands over the authorization link`, async () => {
        await runAuthorization(adapter("inspector", ["--transport", kind, "--server-url", `${servers.unauthorized.base}/${kind === "http" ? "mcp" : "sse"}`]));
      });
    }
  });
});
