// Figure 2: what quo-mcp adds to one call over stdio, over the least an MCP server on the same
// SDK can do: bench/reference-server.mjs, a bare SDK server whose one tool makes the same
// gateway request (GET /v1/phone-numbers) to the same fake. Both are driven by the SDK client,
// one call each per round, every order in turn, and each round gives one paired difference
// (quo-mcp minus reference). The figures are percentiles of those per-call differences, taken
// over consecutive runs of rounds; what the machine adds to both sides cancels out per pair.
// A second instance of the reference takes its turn in every round too: its difference from the
// first is the same measurement between two identical servers, the least this machine resolves.
import { call, connect, type Fake, gatewayEnv, msSince, quantile, runsOf, scaled, sleep, summarize, turnOrder } from "../lib.js";
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
  const twin = await connect(gatewayEnv(fake), [], REFERENCE);
  const through = (target: typeof session) => async () => {
    const start = process.hrtime.bigint();
    const result = await call(target, "list_phone_numbers");
    const elapsed = msSince(start);
    if (result.isError) throw new Error(`list_phone_numbers failed: ${JSON.stringify(result.content)}`);
    return elapsed;
  };
  const calls = [through(session), through(bare), through(twin)];
  try {
    for (let i = 0; i < WARMUP; i++) {
      for (const viaOne of calls) await viaOne();
      await sleep(GAP_MS);
    }
    await fake.exchanges();
    const server: number[] = [];
    const reference: number[] = [];
    const added: number[] = [];
    const control: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const times = [0, 0, 0];
      for (const which of turnOrder(i, calls.length)) times[which] = await (calls[which] as () => Promise<number>)();
      const [s, r, t] = times as [number, number, number];
      server.push(s);
      reference.push(r);
      added.push(s - r);
      control.push(t - r);
      await sleep(GAP_MS);
    }
    const requests = (await fake.exchanges()).length;
    if (requests !== ROUNDS * calls.length) throw new Error(`expected ${ROUNDS * calls.length} gateway requests, saw ${requests}`);
    const p50of = (values: number[]) => summarize(runsOf(values, RUNS).map((run) => quantile(run, 0.5)));
    const p99of = (values: number[]) => summarize(runsOf(values, RUNS).map((run) => quantile(run, 0.99)));
    const p50 = p50of(added);
    const p99 = p99of(added);
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
        {
          figure: "2",
          metric: "  a second bare SDK server over the first, p50 / p99 (ms): what the measurement resolves",
          value: `${spread(p50of(control), 3)} / ${spread(p99of(control), 3)}`,
          target: "",
          status: "",
        },
      ],
      notes: [
        `${ROUNDS} rounds after ${WARMUP} warm-up rounds, ${GAP_MS} ms apart; each round calls list_phone_numbers once on quo-mcp (QUO_MCP_RATE_LIMIT=100, so its limiter never delays a call) and once on each of two instances of bench/reference-server.mjs, every order of the three in turn; 2a and 2b are the p50 and p99 of the per-round differences between quo-mcp and the first instance, median (min-max) over ${RUNS} consecutive runs of ${ROUNDS / RUNS} rounds; the same taken between the two instances shows what the measurement resolves on this machine.`,
      ],
    };
  } finally {
    await Promise.all([session.close(), bare.close(), twin.close()]);
  }
}
