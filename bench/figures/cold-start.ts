// Figure 1: what a user waits for when a client starts the server, as a ratio to starting Node
// at all (`node -e ""`, spawn to exit). Three moments: tools/list answered (1a), the first tool
// call answered (1b: the fast start cannot hide a slow server behind it), and one whole
// `quo-mcp call` from the shell (1c). Each is paired with its own `node -e ""`, measured right
// before or after it (the order flips every round), so a noisy moment slows both sides.
import { spawn } from "node:child_process";
import { CLI, cleanEnv, type Fake, gatewayEnv, msSince, scaled, summarize } from "../lib.js";
import { REFERENCE_BIN } from "../reference-bundle.js";
import { type FigureResult, fmt, type Row, spread, verdict } from "../report-types.js";

const ROUNDS = scaled(15, 2);
const TARGETS = { list: 1.5, call: 2.5, cli: 3.0 };

type Stop = "tools/list" | "tools/call";

/**
 * Spawns the server and speaks JSON-RPC as a client does: initialize, then tools/list, then (for
 * "tools/call") list_phone_numbers once the list is answered. Resolves with the time from spawn to
 * the answer that ends the measurement; the next spawn waits for this one to exit.
 */
function serverUntil(stop: Stop, env: Record<string, string>, bin = CLI): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, [bin], { env, stdio: ["pipe", "pipe", "ignore"] });
    let buffer = "";
    let answered = false;
    const send = (message: object) => child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", ...message })}\n`);
    const finish = () => {
      const elapsed = msSince(start);
      answered = true;
      child.once("exit", () => resolve(elapsed));
      child.stdin.end();
      setTimeout(() => child.kill("SIGKILL"), 2000).unref();
    };
    child.on("error", reject);
    child.on("exit", (code) => {
      if (!answered) reject(new Error(`${bin} exited (${code}) before answering ${stop}`));
    });
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      let newline: number;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const message = JSON.parse(buffer.slice(0, newline)) as { id?: number; result?: { isError?: boolean } };
        buffer = buffer.slice(newline + 1);
        if (message.id === 1) {
          send({ method: "notifications/initialized" });
          send({ id: 2, method: "tools/list" });
        } else if (message.id === 2) {
          if (stop === "tools/list") finish();
          else send({ id: 3, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } });
        } else if (message.id === 3) {
          if (message.result?.isError || !message.result) reject(new Error(`list_phone_numbers failed: ${JSON.stringify(message).slice(0, 200)}`));
          finish();
        }
      }
    });
    send({ id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "quo-mcp-bench", version: "1.0.0" } } });
  });
}

/** `quo-mcp call list_phone_numbers --sandbox`, spawn to exit, as from a shell or a script. */
function cliCall(): Promise<number> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    let out = "";
    const child = spawn(process.execPath, [CLI, "call", "list_phone_numbers", "--sandbox"], {
      env: cleanEnv({ QUO_MCP_LOG_LEVEL: "warn" }),
      stdio: ["ignore", "pipe", "ignore"],
    });
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("exit", (code) => {
      const elapsed = msSince(start);
      if (code !== 0 || !out.includes("numbers")) reject(new Error(`quo-mcp call exited ${code}: ${out.slice(0, 200)}`));
      else resolve(elapsed);
    });
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

interface Side {
  id: string;
  label: string;
  /** Absent for a measurement shown beside a figure, not held to a target. */
  target?: number;
  run: () => Promise<number>;
  ms: number[];
  node: number[];
  ratios: number[];
}

export async function coldStart(fake: Fake): Promise<FigureResult> {
  // A key and gateway URL, as a client's config gives them; the first call goes to the loopback fake.
  const env = gatewayEnv(fake);
  const sides: Side[] = [
    { id: "1a", label: "spawn -> tools/list answered", target: TARGETS.list, run: () => serverUntil("tools/list", env), ms: [], node: [], ratios: [] },
    {
      id: "1b",
      label: "spawn -> first tools/call answered (list_phone_numbers)",
      target: TARGETS.call,
      run: () => serverUntil("tools/call", env),
      ms: [],
      node: [],
      ratios: [],
    },
    {
      id: "1b",
      label: "  the bare SDK server bundled the same way, spawn -> first tools/call answered",
      run: () => serverUntil("tools/call", env, REFERENCE_BIN),
      ms: [],
      node: [],
      ratios: [],
    },
    { id: "1c", label: "quo-mcp call list_phone_numbers --sandbox, whole process", target: TARGETS.cli, run: cliCall, ms: [], node: [], ratios: [] },
  ];
  // One unmeasured round warms the file cache, as any second start on a machine would be.
  for (const side of sides) await side.run();
  await nodeNoop();
  for (let round = 0; round < ROUNDS; round++) {
    for (const side of sides) {
      let server: number;
      let node: number;
      if (round % 2 === 0) {
        server = await side.run();
        node = await nodeNoop();
      } else {
        node = await nodeNoop();
        server = await side.run();
      }
      side.ms.push(server);
      side.node.push(node);
      side.ratios.push(server / node);
    }
  }
  const rows: Row[] = [];
  for (const side of sides) {
    const ratio = summarize(side.ratios);
    const { target } = side;
    rows.push(
      { figure: side.id, metric: `${side.label} (ms)`, value: spread(summarize(side.ms)), target: "", status: "" },
      {
        figure: side.id,
        metric: `  ratio to its paired node -e "" (${spread(summarize(side.node))} ms)`,
        value: spread(ratio, 2),
        target: target === undefined ? "" : `<= ${fmt(target, 1)}`,
        status: target === undefined ? "" : verdict(ratio.median <= target),
      },
    );
  }
  return {
    title: "1. Cold start",
    rows,
    notes: [
      `${ROUNDS} rounds after one warm-up round; in each, every measurement is paired with a \`node -e ""\` spawned right before or after it (the order flips every round) and the figure is the ratio per pair. 1a and 1b run the server with a key and the loopback fake gateway as a client config gives them: initialize, tools/list, then (1b) list_phone_numbers. Beside 1b, the same for the bare SDK server of figure 2 bundled the way quo-mcp is (bench/reference-bundle.ts: one CommonJS file with the same esbuild options and trims, the same loader, V8 flags and code cache), so the least these packages take to a first call is measured in the same rounds. 1c is the whole \`quo-mcp call\` process with its embedded sandbox.`,
    ],
  };
}
