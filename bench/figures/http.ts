// Figure 5: the HTTP face, which serves many users at once. quo-mcp runs with --http
// --multi-tenant (each session sends its own Maton key, as many users of one deployment do), its
// limiter raised to 100/s per key, against the loopback fake gateway. Its reference is
// bench/reference-http.mjs, a bare SDK Streamable HTTP server making the same request, running
// in the same run. The client is a plain HTTP client (undici) speaking Streamable HTTP, so the
// bench's own cost per call stays small next to what it measures.
import { type ChildProcess, spawn } from "node:child_process";
import { Pool } from "undici";
import { freePort } from "../../test/helpers/free-port.js";
import { CLI, cleanEnv, type Fake, msSince, quantile, rssMb, scaled, sleep, summarize, turnOrder } from "../lib.js";
import { type FigureResult, fmt, type Row, spread, verdict } from "../report-types.js";

const REFERENCE = new URL("../reference-http.mjs", import.meta.url).pathname;
const USERS = 50;
/** Alternating measured runs of each server under the 50-session load. */
const RUNS = scaled(12, 2);
const RUN_MS = scaled(1_000, 500);
const IDLE_SESSIONS = scaled(500, 100);
const CHURN_SESSIONS = scaled(1_000, 100);
const CHURN_IN_FLIGHT = 25;
/** Fresh server processes for the session-memory figures (5c, 5d). */
const MEMORY_PROCESSES = scaled(3, 1);
const SETTLE_MS = 1_000;
const TARGETS = { throughput: 0.9, p50: 0.2, p99: 2, idleKb: 64, churnMb: 10 };
const PROTOCOL = "2025-11-25";

interface Server {
  child: ChildProcess;
  pool: Pool;
  close(): Promise<void>;
}

async function startServer(script: string, args: string[], env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...env, QUO_MCP_PORT: String(port), PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
  const pool = new Pool(`http://127.0.0.1:${port}`, { connections: 128, pipelining: 1, keepAliveTimeout: 30_000 });
  const until = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}): ${stderr.slice(-400)}`);
    try {
      const res = await pool.request({ method: "GET", path: "/healthz" });
      await res.body.dump();
      break;
    } catch {
      if (Date.now() > until) throw new Error(`${script} did not listen: ${stderr.slice(-400)}`);
      await sleep(50);
    }
  }
  return {
    child,
    pool,
    close: async () => {
      await pool.close();
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once("exit", () => resolve());
          child.kill("SIGKILL");
        });
      }
    },
  };
}

/** One Streamable HTTP session, driven by hand. */
class Session {
  id = "";
  private next = 1;
  constructor(
    private readonly pool: Pool,
    private readonly key: string,
  ) {}

  private async post(message: object): Promise<{ status: number; json?: { result?: { isError?: boolean }; error?: unknown }; session?: string }> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "x-maton-api-key": this.key,
    };
    if (this.id) {
      headers["mcp-session-id"] = this.id;
      headers["mcp-protocol-version"] = PROTOCOL;
    }
    const res = await this.pool.request({ method: "POST", path: "/mcp", headers, body: JSON.stringify({ jsonrpc: "2.0", ...message }) });
    const text = await res.body.text();
    const session = res.headers["mcp-session-id"];
    const data = text.startsWith("{") ? text : /^data: (.*)$/m.exec(text)?.[1];
    return { status: res.statusCode, json: data ? JSON.parse(data) : undefined, session: typeof session === "string" ? session : undefined };
  }

  async open(): Promise<void> {
    const init = await this.post({
      id: this.next++,
      method: "initialize",
      params: { protocolVersion: PROTOCOL, capabilities: {}, clientInfo: { name: "quo-mcp-bench", version: "1.0.0" } },
    });
    if (init.status !== 200 || !init.session) throw new Error(`initialize: HTTP ${init.status}`);
    this.id = init.session;
    const ready = await this.post({ method: "notifications/initialized" });
    if (ready.status !== 202) throw new Error(`notifications/initialized: HTTP ${ready.status}`);
  }

  /** Calls list_phone_numbers; resolves with its time in ms. */
  async call(): Promise<number> {
    const start = process.hrtime.bigint();
    const answer = await this.post({ id: this.next++, method: "tools/call", params: { name: "list_phone_numbers", arguments: {} } });
    const elapsed = msSince(start);
    if (answer.status !== 200 || !answer.json?.result || answer.json.result.isError)
      throw new Error(`tools/call: HTTP ${answer.status} ${JSON.stringify(answer.json).slice(0, 200)}`);
    return elapsed;
  }

  async close(): Promise<void> {
    const res = await this.pool.request({
      method: "DELETE",
      path: "/mcp",
      headers: { "mcp-session-id": this.id, "mcp-protocol-version": PROTOCOL, "x-maton-api-key": this.key },
    });
    await res.body.dump();
    if (res.statusCode !== 200) throw new Error(`DELETE: HTTP ${res.statusCode}`);
  }
}

const userKey = (i: number) => `bench_user_${String(i).padStart(3, "0")}_not_a_secret`;

/** Every session calls in a loop for `ms`; returns calls per second and each call's time. */
async function load(sessions: Session[], ms: number): Promise<{ rate: number; times: number[] }> {
  const times: number[] = [];
  const until = Date.now() + ms;
  const start = process.hrtime.bigint();
  await Promise.all(
    sessions.map(async (s) => {
      while (Date.now() < until) times.push(await s.call());
    }),
  );
  return { rate: times.length / (msSince(start) / 1000), times };
}

function quoEnv(fake: Fake): Record<string, string> {
  return cleanEnv({
    MATON_GATEWAY_URL: fake.url,
    MATON_CTRL_URL: fake.url,
    QUO_MCP_LOG_LEVEL: "warn",
    QUO_MCP_RATE_LIMIT: "100",
    QUO_MCP_MAX_SESSIONS: "2000",
    // Every bench client comes from 127.0.0.1, as every user does behind one reverse proxy:
    // the per-address caps are raised as the README tells such a deployment to.
    QUO_MCP_MAX_SESSIONS_PER_ADDRESS: "2000",
    QUO_MCP_MAX_CONNECTIONS_PER_ADDRESS: "2000",
  });
}

/** Ratio of calls/s and differences of p50 and p99 between two runs, `a` over `b`. */
function compare(a: { rate: number; times: number[] }, b: { rate: number; times: number[] }) {
  return { ratio: a.rate / b.rate, p50: quantile(a.times, 0.5) - quantile(b.times, 0.5), p99: quantile(a.times, 0.99) - quantile(b.times, 0.99) };
}

/**
 * quo-mcp against the reference, run after run. A second reference server takes its turn in
 * every round too: its figures against the first are the same measurement between two identical
 * servers, the least this machine resolves.
 */
async function throughput(fake: Fake) {
  const refEnv = cleanEnv({ MATON_API_KEY: userKey(0), MATON_GATEWAY_URL: fake.url });
  const servers = [
    await startServer(CLI, ["--http", "--multi-tenant"], quoEnv(fake)),
    await startServer(REFERENCE, [], refEnv),
    await startServer(REFERENCE, [], refEnv),
  ];
  try {
    const open = async (server: Server) => {
      const sessions = Array.from({ length: USERS }, (_, i) => new Session(server.pool, userKey(i)));
      for (const s of sessions) await s.open();
      return sessions;
    };
    const sides: Session[][] = [];
    for (const server of servers) sides.push(await open(server));
    // Warm each (JIT, connection pools, the tenants' services) before anything counts.
    for (const side of sides) await load(side, 1_000);
    const added: ReturnType<typeof compare>[] = [];
    const control: ReturnType<typeof compare>[] = [];
    const rates = { quo: [] as number[], ref: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const results: { rate: number; times: number[] }[] = [];
      for (const which of turnOrder(run, sides.length)) results[which] = await load(sides[which] as Session[], RUN_MS);
      const [quo, ref, twin] = results as [{ rate: number; times: number[] }, { rate: number; times: number[] }, { rate: number; times: number[] }];
      rates.quo.push(quo.rate);
      rates.ref.push(ref.rate);
      added.push(compare(quo, ref));
      control.push(compare(twin, ref));
    }
    const of = (pairs: ReturnType<typeof compare>[]) => ({
      ratio: summarize(pairs.map((p) => p.ratio)),
      added50: summarize(pairs.map((p) => p.p50)),
      added99: summarize(pairs.map((p) => p.p99)),
    });
    return { ...of(added), control: of(control), quoRate: summarize(rates.quo), refRate: summarize(rates.ref) };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
  }
}

/** In a fresh server: RSS per idle session (5c), then 1,000 sessions opened, called once and closed (5d). */
async function sessionMemory(fake: Fake) {
  const server = await startServer(CLI, ["--http", "--multi-tenant"], quoEnv(fake));
  const pid = server.child.pid as number;
  try {
    // Warm: the first sessions load the tools, the SDK's transport code and the tenant's services.
    const warm = Array.from({ length: 10 }, () => new Session(server.pool, userKey(0)));
    for (const s of warm) {
      await s.open();
      await s.call();
      await s.close();
    }
    await sleep(SETTLE_MS);
    const before = rssMb(pid);
    const idle = Array.from({ length: IDLE_SESSIONS }, () => new Session(server.pool, userKey(0)));
    for (const s of idle) await s.open();
    await sleep(SETTLE_MS);
    const withIdle = rssMb(pid);
    for (const s of idle) await s.close();
    await sleep(SETTLE_MS);
    const beforeChurn = rssMb(pid);
    let failures = 0;
    const reasons = new Set<string>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CHURN_IN_FLIGHT }, async () => {
        while (next < CHURN_SESSIONS) {
          const i = next++;
          const s = new Session(server.pool, userKey(i % USERS));
          try {
            await s.open();
            await s.call();
            await s.close();
          } catch (error) {
            failures++;
            reasons.add(((error as Error)?.message ?? String(error)).slice(0, 120));
          }
        }
      }),
    );
    await sleep(SETTLE_MS);
    const afterChurn = rssMb(pid);
    return { perIdleKb: ((withIdle - before) * 1024) / IDLE_SESSIONS, churnMb: afterChurn - beforeChurn, failures, reasons: [...reasons] };
  } finally {
    await server.close();
  }
}

export async function httpFace(fake: Fake): Promise<FigureResult> {
  const t = await throughput(fake);
  const memory = [];
  for (let i = 0; i < MEMORY_PROCESSES; i++) memory.push(await sessionMemory(fake));
  const perIdle = summarize(memory.map((m) => m.perIdleKb));
  const churn = summarize(memory.map((m) => m.churnMb));
  const failures = memory.reduce((sum, m) => sum + m.failures, 0);
  const reasons = [...new Set(memory.flatMap((m) => m.reasons))];
  const rows: Row[] = [
    {
      figure: "5",
      metric: `${USERS} sessions calling list_phone_numbers: quo-mcp / bare SDK server (calls/s)`,
      value: `${spread(t.quoRate, 0)} / ${spread(t.refRate, 0)}`,
      target: "",
      status: "",
    },
    {
      figure: "5a",
      metric: "calls per second, ratio to the bare SDK server",
      value: spread(t.ratio, 2),
      target: `>= ${fmt(TARGETS.throughput, 2)}`,
      status: verdict(t.ratio.median >= TARGETS.throughput),
    },
    {
      figure: "5b",
      metric: "added p50 per call over the bare SDK server (ms)",
      value: spread(t.added50, 2),
      target: `<= ${fmt(TARGETS.p50, 1)}`,
      status: verdict(t.added50.median <= TARGETS.p50),
    },
    {
      figure: "5b",
      metric: "added p99 per call over the bare SDK server (ms)",
      value: spread(t.added99, 2),
      target: `<= ${fmt(TARGETS.p99, 0)}`,
      status: verdict(t.added99.median <= TARGETS.p99),
    },
    {
      figure: "5",
      metric: "  a second bare SDK server against the first: ratio / added p50 / added p99 (ms), what the measurement resolves",
      value: `${spread(t.control.ratio, 2)} / ${spread(t.control.added50, 2)} / ${spread(t.control.added99, 2)}`,
      target: "",
      status: "",
    },
    {
      figure: "5c",
      metric: `RSS per open idle session (KB, ${IDLE_SESSIONS} opened)`,
      value: spread(perIdle, 0),
      target: `<= ${TARGETS.idleKb}`,
      status: verdict(perIdle.median <= TARGETS.idleKb),
    },
    {
      figure: "5d",
      metric: `${CHURN_SESSIONS} sessions opened, one call each, closed: failures`,
      value: failures ? `${failures} of ${CHURN_SESSIONS * MEMORY_PROCESSES} (${reasons.slice(0, 2).join("; ")})` : `0 of ${CHURN_SESSIONS * MEMORY_PROCESSES}`,
      target: "0",
      status: verdict(failures === 0),
    },
    {
      figure: "5d",
      metric: "  RSS after closing them, minus before (MB)",
      value: spread(churn),
      target: `<= ${TARGETS.churnMb}`,
      status: verdict(churn.max <= TARGETS.churnMb),
    },
  ];
  return {
    title: "5. Streamable HTTP",
    rows,
    notes: [
      `quo-mcp --http --multi-tenant, QUO_MCP_RATE_LIMIT=100, log level warn, against bench/reference-http.mjs, both reached through the loopback fake gateway; ${USERS} sessions (one key each) call list_phone_numbers back to back for ${RUN_MS / 1000} s per run, ${RUNS} runs of each server taking turns (every order of the three in turn) after a 1 s warm-up of each: 5a is the ratio of calls/s of quo-mcp to the reference per round of runs, 5b the difference of their p50 and p99; a second reference server takes its turn in every round, and the same taken between the two references shows what the measurement resolves; 5c and 5d run in ${MEMORY_PROCESSES} fresh servers: RSS before and ${SETTLE_MS / 1000} s after opening ${IDLE_SESSIONS} idle sessions (divided by ${IDLE_SESSIONS}), then after closing them and before and after ${CHURN_SESSIONS} sessions opened, called once and closed (${CHURN_IN_FLIGHT} at a time); 5d holds every run within the target.`,
    ],
  };
}
