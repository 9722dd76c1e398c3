// Figure 4: the server's resident memory once it has done real work, read from
// /proc/<pid>/status outside the process: right after its first tool call, and again after
// 10,000 more. Several servers run side by side (each with its own client session and limiter),
// so the figure is a median over independent processes without multiplying the time it takes.
import { call, connect, type Fake, gatewayEnv, rssMb, scaled, sleep, summarize } from "../lib.js";
import { REFERENCE_BIN } from "../reference-bundle.js";
import { type FigureResult, fmt, spread, verdict } from "../report-types.js";
import { BENCH_NUMBER, BENCH_PARTICIPANT } from "../seed-data.js";

const PROCESSES = 3;
const CALLS = scaled(10_000, 300);
const IN_FLIGHT = 4;
const SETTLE_MS = 500;
const TARGET_FIRST = 55;
const TARGET_GROWTH = 15;

const tools = [
  { name: "list_phone_numbers", args: {} },
  { name: "list_messages", args: { phoneNumber: BENCH_NUMBER.id, participants: [BENCH_PARTICIPANT], maxResults: 20 } },
  { name: "list_calls", args: { phoneNumber: BENCH_NUMBER.id, participant: BENCH_PARTICIPANT, maxResults: 20 } },
];

async function oneServer(fake: Fake) {
  // The limiter at its maximum (100/s): at the default 10/s the run would take 17 minutes.
  const session = await connect(gatewayEnv(fake, { QUO_MCP_RATE_LIMIT: "100" }));
  try {
    await session.client.listTools();
    const first = await call(session, "list_phone_numbers");
    if (first.isError) throw new Error("the first call failed");
    await sleep(SETTLE_MS);
    const afterFirst = rssMb(session.pid);
    let next = 0;
    let failures = 0;
    let peak = afterFirst;
    const worker = async () => {
      while (next < CALLS) {
        const i = next++;
        const t = tools[i % tools.length] as (typeof tools)[number];
        const result = await call(session, t.name, t.args);
        if (result.isError) failures++;
        if (i % 500 === 0) peak = Math.max(peak, rssMb(session.pid));
      }
    };
    const start = Date.now();
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    const seconds = (Date.now() - start) / 1000;
    await sleep(SETTLE_MS);
    const after = rssMb(session.pid);
    return { afterFirst, after, growth: after - afterFirst, peak, failures, seconds };
  } finally {
    await session.close();
  }
}

/**
 * The bare SDK server of figure 2, bundled and loaded the way quo-mcp is, after the same first
 * call: what the SDK, zod and undici cost on their own.
 */
async function referenceAfterFirstCall(fake: Fake): Promise<number> {
  const session = await connect(gatewayEnv(fake), [], REFERENCE_BIN);
  try {
    await session.client.listTools();
    const first = await call(session, "list_phone_numbers");
    if (first.isError) throw new Error("the reference's first call failed");
    await sleep(SETTLE_MS);
    return rssMb(session.pid);
  } finally {
    await session.close();
  }
}

export async function memory(fake: Fake): Promise<FigureResult> {
  const references: number[] = [];
  for (let i = 0; i < PROCESSES; i++) references.push(await referenceAfterFirstCall(fake));
  const runs = await Promise.all(Array.from({ length: PROCESSES }, () => oneServer(fake)));
  const first = summarize(runs.map((r) => r.afterFirst));
  const growth = summarize(runs.map((r) => r.growth));
  const failures = runs.reduce((sum, r) => sum + r.failures, 0);
  return {
    title: "4. Memory",
    rows: [
      {
        figure: "4",
        metric: "RSS after the first tool call (MB)",
        value: spread(first),
        target: `<= ${TARGET_FIRST}`,
        status: verdict(first.median <= TARGET_FIRST),
      },
      {
        figure: "4",
        metric: "  the bare SDK server bundled the same way, after the same call (MB)",
        value: spread(summarize(references)),
        target: "",
        status: "",
      },
      {
        figure: "4",
        metric: `RSS after ${CALLS} more calls (MB)`,
        value: `${spread(summarize(runs.map((r) => r.after)))}, peak ${fmt(Math.max(...runs.map((r) => r.peak)))}`,
        target: "",
        status: "",
      },
      {
        figure: "4",
        metric: `RSS growth over ${CALLS} calls (MB)`,
        value: `${spread(growth)}${failures ? `, ${failures} calls failed` : ""}`,
        target: `< ${TARGET_GROWTH}`,
        status: verdict(growth.median < TARGET_GROWTH && failures === 0),
      },
    ],
    notes: [
      `${PROCESSES} servers side by side, each with a key, the loopback fake gateway and QUO_MCP_RATE_LIMIT=100: tools/list, one list_phone_numbers, RSS (VmRSS from /proc) ${SETTLE_MS} ms later; then ${CALLS} calls (list_phone_numbers, list_messages, list_calls in turn, ${IN_FLIGHT} in flight, ${fmt(summarize(runs.map((r) => r.seconds)).median)} s) and RSS again ${SETTLE_MS} ms after the last; median (min-max) over the ${PROCESSES} processes, ${failures} calls failed; the bare SDK server of figure 2, bundled the way quo-mcp is (bench/reference-bundle.ts: the same esbuild options and trims, loader, V8 flags and code cache), is read the same way after its first call, ${PROCESSES} times in turn.`,
    ],
  };
}
