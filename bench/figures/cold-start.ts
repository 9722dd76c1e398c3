// Figure 1: from spawning `quo-mcp` to the answer of `tools/list`, against spawning `node -e ""`
// until it exits: the ratio is what the server adds on top of starting Node at all. The two
// are measured in alternating pairs (the order flips every pair), so a noisy moment slows both.
import { spawn } from "node:child_process";
import { CLI, cleanEnv, msSince, summarize } from "../lib.js";
import { type FigureResult, fmt, spread, verdict } from "../report-types.js";

const PAIRS = 20;
const TARGET = 2.0;

/** Spawns the server and speaks just enough JSON-RPC to get tools/list answered. */
function serverToToolsList(env: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [CLI], { env, stdio: ["pipe", "pipe", "ignore"] });
    let buffer = "";
    let answered = false;
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!answered) reject(new Error(`quo-mcp exited (${code}) before answering tools/list`));
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const message = JSON.parse(line) as { id?: number };
        if (message.id === 1) {
          child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
          child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 2, method: "tools/list" })}\n`);
        } else if (message.id === 2) {
          const elapsed = msSince(start);
          answered = true;
          // The next spawn waits for this one to be gone, so starts never overlap.
          child.once("exit", () => resolve(elapsed));
          child.stdin.end();
          setTimeout(() => child.kill("SIGKILL"), 2000).unref();
        }
      }
    });
    const initialize = {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "quo-mcp-bench", version: "1.0.0" } },
    };
    child.stdin.write(`${JSON.stringify(initialize)}\n`);
  });
}

function nodeNoop(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ["-e", ""], { env: cleanEnv(), stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolve(msSince(start)));
  });
}

export async function coldStart(gatewayUrl: string): Promise<FigureResult> {
  // A real key and gateway setting, as a client's config gives them; nothing is sent at start.
  const env = cleanEnv({ MATON_API_KEY: "bench_key_not_a_secret", MATON_GATEWAY_URL: gatewayUrl, MATON_CTRL_URL: gatewayUrl });
  // One unmeasured pair warms the file cache, as any second start on a machine would be.
  await serverToToolsList(env);
  await nodeNoop();
  const server: number[] = [];
  const node: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    let s: number;
    let n: number;
    if (i % 2 === 0) {
      s = await serverToToolsList(env);
      n = await nodeNoop();
    } else {
      n = await nodeNoop();
      s = await serverToToolsList(env);
    }
    server.push(s);
    node.push(n);
    ratios.push(s / n);
  }
  const ratio = summarize(ratios);
  return {
    title: "1. Cold start",
    rows: [
      { figure: "1", metric: "spawn -> tools/list answered (ms)", value: spread(summarize(server)), target: "", status: "" },
      { figure: "1", metric: 'spawn -> exit of node -e "" (ms)', value: spread(summarize(node)), target: "", status: "" },
      { figure: "1", metric: "cold start ratio (per pair)", value: spread(ratio, 2), target: `<= ${fmt(TARGET, 1)}`, status: verdict(ratio.median <= TARGET) },
    ],
    notes: [`${PAIRS} alternating pairs after one warm-up pair; the server runs with a key and gateway URL set, as an MCP client config gives them, and answers initialize, then tools/list.`],
  };
}
