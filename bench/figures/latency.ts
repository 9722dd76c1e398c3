// Figure 2: what the server adds to one call. The same request (GET /v1/phone-numbers) goes to
// the same fake gateway once through the whole stack (SDK client -> stdio -> quo-mcp -> undici)
// and once as a direct undici request from this process, alternating, and the added latency is
// the difference of the two distributions' percentiles.
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

export async function addedLatency(fake: Fake): Promise<FigureResult> {
  const session = await connect(gatewayEnv(fake, { QUO_MCP_RATE_LIMIT: "100" }));
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const headers = { authorization: `Bearer ${BENCH_KEY}`, "user-agent": "quo-mcp-bench", accept: "application/json" };
  const direct = async () => {
    const start = process.hrtime.bigint();
    const res = await request(`${fake.url}/quo/v1/phone-numbers`, { headers, dispatcher: agent });
    const body = (await res.body.json()) as { data: unknown[] };
    if (res.statusCode !== 200 || !Array.isArray(body.data)) throw new Error(`direct request: ${res.statusCode}`);
    return msSince(start);
  };
  const viaServer = async () => {
    const start = process.hrtime.bigint();
    const result = await call(session, "list_phone_numbers");
    const elapsed = msSince(start);
    if (result.isError) throw new Error(`list_phone_numbers failed: ${JSON.stringify(result.content)}`);
    return elapsed;
  };
  try {
    for (let i = 0; i < WARMUP; i++) {
      await viaServer();
      await direct();
      await sleep(GAP_MS);
    }
    await fake.exchanges();
    const server: number[] = [];
    const plain: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      if (i % 2 === 0) {
        server.push(await viaServer());
        plain.push(await direct());
      } else {
        plain.push(await direct());
        server.push(await viaServer());
      }
      await sleep(GAP_MS);
    }
    const requests = (await fake.exchanges()).length;
    const p = (values: number[], q: number) => quantile(values, q);
    const added50 = p(server, 0.5) - p(plain, 0.5);
    const added99 = p(server, 0.99) - p(plain, 0.99);
    const line = (values: number[]) => `p50 ${fmt(p(values, 0.5), 2)}, p99 ${fmt(p(values, 0.99), 2)} (min ${fmt(Math.min(...values), 2)}, max ${fmt(Math.max(...values), 2)})`;
    return {
      title: "2. Added latency per call",
      rows: [
        { figure: "2", metric: "list_phone_numbers via SDK client + stdio (ms)", value: line(server), target: "", status: "" },
        { figure: "2", metric: "direct undici GET /v1/phone-numbers (ms)", value: line(plain), target: "", status: "" },
        { figure: "2", metric: "added p50 (ms)", value: fmt(added50, 2), target: "<= 1", status: verdict(added50 <= 1) },
        { figure: "2", metric: "added p99 (ms)", value: fmt(added99, 2), target: "<= 5", status: verdict(added99 <= 5) },
      ],
      notes: [
        `${SAMPLES} alternating samples per side after ${WARMUP} warm-up pairs, ${GAP_MS} ms apart; the server ran with QUO_MCP_RATE_LIMIT=100 so its limiter never delayed a sample; ${requests} gateway requests for ${SAMPLES * 2} measured calls (one each).`,
      ],
    };
  } finally {
    await session.close();
    await agent.close();
  }
}
