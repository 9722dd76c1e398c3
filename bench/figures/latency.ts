// Figure 2: what the server adds to one call. The same request (GET /v1/phone-numbers) goes to
// the same fake gateway through the whole stack (SDK client -> stdio -> quo-mcp -> undici), as a
// direct undici request from this process, and through a bare SDK server making the same request
// (bench/reference-server.mjs), in rotating order. The added latency is the difference of the
// percentiles of the first two; the third shows how much of it any SDK server over stdio pays.
import { Agent, request } from "undici";
import { BENCH_KEY, type Fake, call, connect, gatewayEnv, msSince, quantile, sleep } from "../lib.js";
import { type FigureResult, fmt, verdict } from "../report-types.js";

const SAMPLES = 800;
const WARMUP = 50;
/**
 * Calls are spaced this far apart so the server's rate limiter (set to its maximum, 100/s, for
 * this figure) never makes one wait: the figure is the cost of the stack, not of pacing.
 */
const GAP_MS = 12;
const REFERENCE = new URL("../reference-server.mjs", import.meta.url).pathname;

export async function addedLatency(fake: Fake): Promise<FigureResult> {
  const session = await connect(gatewayEnv(fake, { QUO_MCP_RATE_LIMIT: "100" }));
  const bare = await connect(gatewayEnv(fake), [], REFERENCE);
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const headers = { authorization: `Bearer ${BENCH_KEY}`, "user-agent": "quo-mcp-bench", accept: "application/json" };
  const direct = async () => {
    const start = process.hrtime.bigint();
    const res = await request(`${fake.url}/quo/v1/phone-numbers`, { headers, dispatcher: agent });
    const body = (await res.body.json()) as { data: unknown[] };
    if (res.statusCode !== 200 || !Array.isArray(body.data)) throw new Error(`direct request: ${res.statusCode}`);
    return msSince(start);
  };
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
      await direct();
      await viaReference();
      await sleep(GAP_MS);
    }
    await fake.exchanges();
    const server: number[] = [];
    const plain: number[] = [];
    const reference: number[] = [];
    const sides = [
      async () => server.push(await viaServer()),
      async () => plain.push(await direct()),
      async () => reference.push(await viaReference()),
    ];
    for (let i = 0; i < SAMPLES; i++) {
      for (let k = 0; k < sides.length; k++) await sides[(i + k) % sides.length]?.();
      await sleep(GAP_MS);
    }
    const requests = (await fake.exchanges()).length;
    const p = (values: number[], q: number) => quantile(values, q);
    const added50 = p(server, 0.5) - p(plain, 0.5);
    const added99 = p(server, 0.99) - p(plain, 0.99);
    const floor50 = p(reference, 0.5) - p(plain, 0.5);
    const line = (values: number[]) => `p50 ${fmt(p(values, 0.5), 2)}, p99 ${fmt(p(values, 0.99), 2)} (min ${fmt(Math.min(...values), 2)}, max ${fmt(Math.max(...values), 2)})`;
    return {
      title: "2. Added latency per call",
      rows: [
        { figure: "2", metric: "list_phone_numbers via SDK client + stdio (ms)", value: line(server), target: "", status: "" },
        { figure: "2", metric: "direct undici GET /v1/phone-numbers (ms)", value: line(plain), target: "", status: "" },
        { figure: "2", metric: "added p50 (ms)", value: fmt(added50, 2), target: "<= 1", status: verdict(added50 <= 1) },
        { figure: "2", metric: "added p99 (ms)", value: fmt(added99, 2), target: "<= 5", status: verdict(added99 <= 5) },
        { figure: "2", metric: "reference: bare SDK server, same request (ms)", value: line(reference), target: "", status: "" },
        { figure: "2", metric: "reference added p50 (ms): SDK client + server + stdio", value: fmt(floor50, 2), target: "", status: "" },
        { figure: "2", metric: "quo-mcp over the reference, p50 (ms)", value: fmt(added50 - floor50, 2), target: "", status: "" },
      ],
      notes: [
        `${SAMPLES} samples per side after ${WARMUP} warm-up rounds, the three sides in rotating order, rounds ${GAP_MS} ms apart; the server ran with QUO_MCP_RATE_LIMIT=100 so its limiter never delayed a sample; ${requests} gateway requests for ${SAMPLES * 3} measured calls (one each). The reference is bench/reference-server.mjs: the same SDK and request, nothing else.`,
      ],
    };
  } finally {
    await Promise.all([session.close(), bare.close()]);
    await agent.close();
  }
}
