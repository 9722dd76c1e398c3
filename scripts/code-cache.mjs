// Records dist/server.js.cache (see src/load-server.ts): runs the built bin as a user would and
// keeps the V8 code of what those runs compiled. A user's first call goes through a Maton key to
// the gateway, so the runs do too, against a loopback stand-in for the gateway: nothing leaves
// the machine, and the cache holds no code of the embedded sandbox, which a user with a key
// never runs and every start would otherwise read. The second run starts from the first one's
// cache, so the file holds both.
import { spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

/** One phone number, so that the answer's formatting is compiled too; every other path answers an empty page. */
const PHONE_NUMBERS = JSON.stringify({
  data: [{ id: "PNcodecache01", number: "+15555550100", name: "Main line", users: [{ id: "UScodecache1", firstName: "Ada", lastName: "Lee" }] }],
  totalItems: 1,
});

/**
 * A loopback stand-in for the Maton gateway and control plane, and the environment that points
 * the bin at it with a stand-in key (nothing from the caller's environment but PATH).
 */
export async function startStandInGateway() {
  const gateway = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(req.url?.startsWith("/quo/v1/phone-numbers") ? PHONE_NUMBERS : '{"data":[]}');
  });
  await new Promise((resolve) => gateway.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${gateway.address().port}`;
  return {
    env: { PATH: process.env.PATH ?? "", MATON_API_KEY: "stand-in-key-not-a-secret", MATON_GATEWAY_URL: url, MATON_CTRL_URL: url },
    close: () => gateway.close(),
  };
}

export async function recordCodeCache(outdir) {
  const cli = fileURLToPath(new URL("cli.js", outdir));
  await rm(new URL("server.js.cache", outdir), { force: true });
  const gateway = await startStandInGateway();
  // Logs off, and the bin told to write what it compiled when it exits.
  const env = { ...gateway.env, QUO_MCP_LOG_LEVEL: "silent", QUO_MCP_RECORD_CODE_CACHE: "1" };
  try {
    // A stdio session as an MCP client opens it, then one tool call from the shell.
    await firstCall(cli, { env });
    await runToExit(cli, ["call", "list_phone_numbers"], env);
  } finally {
    gateway.close();
  }
}

/**
 * A stdio session with the built bin, as an MCP client opens it: initialize, tools/list, then one
 * list_phone_numbers call. Resolves once the process has exited, with the milliseconds from spawn
 * to the tools/list answer and to the call's; a failed call or a failed exit rejects. `afterCall`,
 * when given, runs once the call is answered, with the process still serving, and what it
 * resolves to comes back as `after` (bench/compare-builds.mjs reads the server's memory there).
 */
export function firstCall(cli, { args = [], env, afterCall }) {
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["pipe", "pipe", "inherit"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    const send = (message) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    const times = {};
    let buffer = "";
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0 && times.call !== undefined) resolve(times);
      else reject(new Error(`quo-mcp ${args.join(" ")} ended with ${signal ?? code} before answering its first call`));
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buffer += chunk;
      for (let newline = buffer.indexOf("\n"); newline >= 0; newline = buffer.indexOf("\n")) {
        const { id, result } = JSON.parse(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        if (id === 1) {
          send({ method: "notifications/initialized" });
          send({ id: 2, method: "tools/list" });
        } else if (id === 2) {
          times.list = performance.now() - began;
          send({ id: 3, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } });
        } else if (id === 3) {
          if (result && !result.isError) times.call = performance.now() - began;
          Promise.resolve(afterCall?.(child)).then(
            (after) => {
              if (after !== undefined) times.after = after;
              child.stdin.end();
            },
            (error) => {
              child.kill("SIGKILL");
              reject(error);
            },
          );
        }
      }
    });
    send({ id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "quo-mcp-build", version: "1.0.0" } } });
  });
}

function runToExit(cli, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "ignore", "inherit"] });
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`recording the code cache: quo-mcp ${args.join(" ")} ended with ${signal ?? code}`));
    });
  });
}
