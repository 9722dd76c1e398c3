// Figure 2: what quo-mcp adds to one call over stdio, over the least an MCP server on the same
// SDK can do: bench/reference-server.mjs, a bare SDK server whose one tool makes the same
// gateway request (GET /v1/phone-numbers) to the same fake. Both are driven by the SDK client,
// one call each per round in alternating order, and each round gives one paired difference
// (quo-mcp minus reference). The figures are percentiles of those per-call differences, taken
// over consecutive runs of rounds; what the machine adds to both sides cancels out per pair.
import { call, connect, type Fake, gatewayEnv, msSince, quantile, runsOf, scaled, sleep, summarize } from "../lib.js";
import { type FigureResult, fmt, spread, verdict } from "../report-types.js";

const ROUNDS = scaled(2_000, 200);
const RUNS = 5;
const WARMUP = scaled(100, 20);
/**
 * Rounds are spaced this far apart so the server's rate limiter (set to its maximum, 100/s, for
 * this figure) never makes a call wait: the figure is the cost of the stack, not of pacing.
 */
const GAP_MS = 11;
const REFERENCE = new URL("../reference-server.mjs", import.meta.url).pathname;
const TARGET_P50 = 0.1;
const TARGET_P99 = 0.5;

export async function addedLatency(fake: Fake): Promise<FigureResult> {
  const session = await connect(gatewayEnv(fake, { QUO_MCP_RATE_LIMIT: "100" }));
  const bare = await connect(gatewayEnv(fake), [], REFERENCE);
  const through = (target: typeof session) => async () => {
    const start = process.hrtime.bigint();
    const result = await call(target, "list_phone_numbers");
    const elapsed = msSince(start);
    if (result.isError) throw new Error(`list_phone_numbers failed: ${JSON.stringify(result.content)}`);
    return elapsed;
  };
  const viaServer = through(session);
  const viaReference = through(bare);
  try {
    for (let i = 0; i < WARMUP; i++) {
      await viaServer();
      await viaReference();
      await sleep(GAP_MS);
    }
    await fake.exchanges();
    const server: number[] = [];
    const reference: number[] = [];
    const added: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let s: number;
      let r: number;
      if (i % 2 === 0) {
        s = await viaServer();
        r = await viaReference();
      } else {
        r = await viaReference();
        s = await viaServer();
      }
      server.push(s);
      reference.push(r);
      added.push(s - r);
      await sleep(GAP_MS);
    }
    const requests = (await fake.exchanges()).length;
    if (requests !== ROUNDS * 2) throw new Error(`expected ${ROUNDS * 2} gateway requests, saw ${requests}`);
    const runs = runsOf(added, RUNS);
    const p50 = summarize(runs.map((run) => quantile(run, 0.5)));
    const p99 = summarize(runs.map((run) => quantile(run, 0.99)));
    const p50of = (values: number[]) => summarize(runsOf(values, RUNS).map((run) => quantile(run, 0.5)));
    const p99of = (values: number[]) => summarize(runsOf(values, RUNS).map((run) => quantile(run, 0.99)));
    return {
      title: "2. Added latency per call (stdio)",
      rows: [
        {
          figure: "2",
          metric: "quo-mcp list_phone_numbers, p50 / p99 (ms)",
          value: `${spread(p50of(server), 2)} / ${spread(p99of(server), 2)}`,
          target: "",
          status: "",
        },
        {
          figure: "2",
          metric: "bare SDK server, same request, p50 / p99 (ms)",
          value: `${spread(p50of(reference), 2)} / ${spread(p99of(reference), 2)}`,
          target: "",
          status: "",
        },
        {
          figure: "2a",
          metric: "added p50 per call over the bare SDK server (ms)",
          value: spread(p50, 3),
          target: `<= ${fmt(TARGET_P50, 2)}`,
          status: verdict(p50.median <= TARGET_P50),
        },
        {
          figure: "2b",
          metric: "added p99 per call over the bare SDK server (ms)",
          value: spread(p99, 3),
          target: `<= ${fmt(TARGET_P99, 2)}`,
          status: verdict(p99.median <= TARGET_P99),
        },
      ],
      notes: [
        `${ROUNDS} rounds after ${WARMUP} warm-up rounds, ${GAP_MS} ms apart; each round calls list_phone_numbers once on quo-mcp (QUO_MCP_RATE_LIMIT=100, so its limiter never delays a call) and once on bench/reference-server.mjs, the order flipping every round; 2a and 2b are the p50 and p99 of the per-round differences, median (min-max) over ${RUNS} consecutive runs of ${ROUNDS / RUNS} rounds.`,
      ],
    };
  } finally {
    await Promise.all([session.close(), bare.close()]);
  }
}
