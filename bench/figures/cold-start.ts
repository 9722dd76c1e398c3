// Figure 1: what a user waits for when a client starts the server, as a ratio to starting Node
// at all (`node -e ""`, spawn to exit). Three moments: tools/list answered (1a), the first tool
// call answered (1b: the fast start cannot hide a slow server behind it), and one whole
// `quo-mcp call` from the shell (1c). Each run is paired with its own `node -e ""`, measured
// right before or after it (the order flips every round), so a noisy moment slows both sides;
// 1a and 1b are two moments of one run. Beside 1b, the bare SDK server bundled the same way.
import { spawn } from "node:child_process";
// @ts-expect-error: a plain ES module script without type declarations
import { firstCall as recordedFirstCall } from "../../scripts/code-cache.mjs";
import { CLI, cleanEnv, type Fake, gatewayEnv, msSince, scaled, summarize } from "../lib.js";
// @ts-expect-error: a plain ES module script without type declarations
import { nodeNoop } from "../node-start.mjs";
import { REFERENCE_BIN } from "../reference-bundle.js";
import { type FigureResult, fmt, type Row, spread, verdict } from "../report-types.js";

const ROUNDS = scaled(15, 2);
const TARGETS = { list: 1.5, call: 2.5, cli: 3.0 };

/**
 * A stdio session as a client opens it (initialize, tools/list, then list_phone_numbers once the
 * list is answered), the same one the build records its code cache with: the times from spawn to
 * the tools/list answer and to the call's. The next spawn waits for this one to exit.
 */
const firstCall = recordedFirstCall as (bin: string, options: { env: Record<string, string> }) => Promise<{ list: number; call: number }>;

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

interface Side {
  id: string;
  label: string;
  /** Absent for a measurement shown beside a figure, not held to a target. */
  target?: number;
  ms: number[];
  node: number[];
  ratios: number[];
}

const side = (id: string, label: string, target?: number): Side => ({ id, label, ...(target === undefined ? {} : { target }), ms: [], node: [], ratios: [] });

/** A run and the `node -e ""` paired with it, in the order of the round; each of `sides` gets the run's time for it. */
async function paired(round: number, run: () => Promise<number[]>, sides: Side[]): Promise<void> {
  let times: number[];
  let node: number;
  if (round % 2 === 0) {
    times = await run();
    node = await nodeNoop();
  } else {
    node = await nodeNoop();
    times = await run();
  }
  sides.forEach((s, i) => {
    const ms = times[i] as number;
    s.ms.push(ms);
    s.node.push(node);
    s.ratios.push(ms / node);
  });
}

export async function coldStart(fake: Fake): Promise<FigureResult> {
  // A key and gateway URL, as a client's config gives them; the first call goes to the loopback fake.
  const env = gatewayEnv(fake);
  const list = side("1a", "spawn -> tools/list answered", TARGETS.list);
  const first = side("1b", "spawn -> first tools/call answered (list_phone_numbers)", TARGETS.call);
  const reference = side("1b", "  the bare SDK server bundled the same way, spawn -> first tools/call answered");
  const cli = side("1c", "quo-mcp call list_phone_numbers --sandbox, whole process", TARGETS.cli);
  const runs: [() => Promise<number[]>, Side[]][] = [
    [
      async () => {
        const times = await firstCall(CLI, { env });
        return [times.list, times.call];
      },
      [list, first],
    ],
    [async () => [(await firstCall(REFERENCE_BIN, { env })).call], [reference]],
    [async () => [await cliCall()], [cli]],
  ];
  // One unmeasured round warms the file cache, as any second start on a machine would be.
  for (const [run] of runs) await run();
  await nodeNoop();
  for (let round = 0; round < ROUNDS; round++) for (const [run, sides] of runs) await paired(round, run, sides);
  const rows: Row[] = [];
  for (const { id, label, target, ms, node, ratios } of [list, first, reference, cli]) {
    const ratio = summarize(ratios);
    rows.push(
      { figure: id, metric: `${label} (ms)`, value: spread(summarize(ms)), target: "", status: "" },
      {
        figure: id,
        metric: `  ratio to its paired node -e "" (${spread(summarize(node))} ms)`,
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
      `${ROUNDS} rounds after one warm-up round; in each, every measurement is paired with a \`node -e ""\` spawned right before or after it (the order flips every round) and the figure is the ratio per pair. 1a and 1b are two moments of one run of the server with a key and the loopback fake gateway as a client config gives them (initialize, tools/list, then list_phone_numbers, the session scripts/code-cache.mjs records the code cache with), paired with the same node -e "". Beside 1b, the same for the bare SDK server of figure 2 bundled the way quo-mcp is (bench/reference-bundle.ts: one CommonJS file with the same esbuild options and trims, the same loader, V8 flags and code cache), so the least these packages take to a first call is measured in the same rounds. 1c is the whole \`quo-mcp call\` process with its embedded sandbox.`,
    ],
  };
}
