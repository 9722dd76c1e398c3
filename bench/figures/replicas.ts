// Figure 7: three replicas on one Maton key sharing Redis. (a) The rate fidelity of figure 5
// across them: 150 list_messages calls spread over three replicas, the most requests the
// gateway saw within any one second, and the duration against the 15 s floor. (b) What the
// Redis-backed limiter and send guard add to a call over the in-process ones, on loopback.
// Skipped (one line) when redis-server is not installed.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { loadConfig } from "../../src/config.js";
import { RateLimiter } from "../../src/gateway/limiter.js";
import { DuplicateGuard } from "../../src/guards/duplicate-guard.js";
import { createLogger } from "../../src/logger.js";
import { connectRedisBackend } from "../../src/replicas/redis-backend.js";
import { FAKE_NUMBER, peakInWindow } from "../../test/helpers/fault-gateway.js";
import { freePort } from "../../test/helpers/free-port.js";
import { startRemoteGateway } from "../../test/scale/remote-gateway.js";
import { BENCH_KEY, CLI, cleanEnv, quantile } from "../lib.js";
import { type FigureResult, fmt, verdict } from "../report-types.js";

const CALLS = 150;
const RATE = 10;
const FLOOR_S = CALLS / RATE;

async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("Ready to accept connections")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited (${code})`)));
  });
  return { url: `redis://127.0.0.1:${port}/0`, child };
}

async function startReplica(env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, "--http", "--port", "0"], {
    env: cleanEnv({ QUO_MCP_LOG_LEVEL: "info", ...env }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  const base = await new Promise<string>((resolve, reject) => {
    let err = "";
    const onData = (chunk: Buffer) => {
      err += chunk.toString();
      const match = /"mcp":"(http:\/\/[^"]+)\/mcp"/.exec(err);
      if (match) {
        child.stderr?.off("data", onData);
        child.stderr?.resume();
        resolve(match[1] as string);
      }
    };
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`replica exited (${code}): ${err.slice(-500)}`)));
  });
  return { base, child };
}

async function fidelity(redisUrl: string) {
  const gw = await startRemoteGateway();
  const replicas = await Promise.all(
    [1, 2, 3].map(() => startReplica({ MATON_API_KEY: BENCH_KEY, MATON_GATEWAY_URL: gw.url, MATON_CTRL_URL: gw.url, QUO_MCP_REDIS_URL: redisUrl })),
  );
  const clients: Client[] = [];
  try {
    for (let i = 0; i < 15; i++) {
      const client = new Client({ name: "quo-mcp-bench", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(`${replicas[i % 3]!.base}/mcp`)));
      clients.push(client);
    }
    await gw.rateLimit(RATE);
    const first = (await gw.arrivals()).length;
    const start = performance.now();
    const results = await Promise.all(
      Array.from({ length: CALLS }, (_, i) =>
        clients[i % clients.length]!.callTool(
          { name: "list_messages", arguments: { phoneNumber: FAKE_NUMBER.id, participants: ["+15555550123"] } },
          undefined,
          { timeout: 120_000 },
        ).then(
          (r) => (r.isError ? "error" : "ok"),
          () => "error",
        ),
      ),
    );
    const seconds = (performance.now() - start) / 1000;
    const seen = (await gw.arrivals()).slice(first);
    return { failures: results.filter((r) => r !== "ok").length, seconds, peak: peakInWindow(seen, 1000), limited: seen.filter((a) => a.rateLimited).length };
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
    for (const r of replicas) r.child.kill("SIGTERM");
    await gw.close();
  }
}

/** The p50 of one call's pacing and guarding, in ms: a turn, then a send's claim and settle. */
async function overhead(redisUrl: string) {
  const config = loadConfig({ redisUrl }, { MATON_API_KEY: BENCH_KEY });
  const backend = connectRedisBackend(config, createLogger("silent"));
  while (!backend.ready) await new Promise((resolve) => setTimeout(resolve, 20));
  // A budget far above what the loop reaches, so neither limiter ever waits: what is measured is the bookkeeping.
  const shared = { limiter: backend.limiter("overhead-key-not-a-secret", 1e6).limiter, guard: backend.guard(BENCH_KEY, 600_000) };
  const local = { limiter: new RateLimiter({ rate: 1e6 }), guard: new DuplicateGuard(600_000) };
  const time = async (pieces: typeof shared | typeof local, i: number) => {
    const start = performance.now();
    await pieces.limiter.acquire();
    const key = `bench-${i}-${Math.random()}`;
    await pieces.guard.claim(key);
    await pieces.guard.settle(key, "sent");
    return performance.now() - start;
  };
  const timeLimiter = async (pieces: typeof shared | typeof local) => {
    const start = performance.now();
    await pieces.limiter.acquire();
    return performance.now() - start;
  };
  const rounds = { shared: [] as number[], local: [] as number[], sharedLimiter: [] as number[], localLimiter: [] as number[] };
  for (let i = 0; i < 2_000; i++) {
    // Alternating, so both see the same machine.
    rounds.shared.push(await time(shared, i));
    rounds.local.push(await time(local, i));
    rounds.sharedLimiter.push(await timeLimiter(shared));
    rounds.localLimiter.push(await timeLimiter(local));
  }
  await backend.close();
  const p50 = (values: number[]) => quantile(values.slice(200), 0.5);
  return { send: p50(rounds.shared) - p50(rounds.local), read: p50(rounds.sharedLimiter) - p50(rounds.localLimiter) };
}

export async function replicasFigure(): Promise<FigureResult> {
  const title = "7. Replicas (Redis)";
  if (spawnSync("sh", ["-c", "command -v redis-server"], { stdio: "ignore" }).status !== 0) {
    process.stderr.write("bench: figure 7 skipped: redis-server is not on PATH (apt-get install -y redis-server)\n");
    return {
      title,
      rows: [{ figure: "9", metric: "replicas sharing Redis", value: "skipped: no redis-server", target: "", status: "n/a" }],
      notes: ["Skipped: redis-server is not installed."],
    };
  }
  const redis = await startRedis();
  try {
    const run = await fidelity(redis.url);
    const added = await overhead(redis.url);
    const ratio = run.seconds / FLOOR_S;
    return {
      title,
      rows: [
        { figure: "9", metric: `3 replicas: failed calls of ${CALLS}`, value: String(run.failures), target: "0", status: verdict(run.failures === 0) },
        {
          figure: "9",
          metric: "3 replicas: most gateway requests in 1 s",
          value: `${run.peak} (429s: ${run.limited})`,
          target: `<= ${RATE}`,
          status: verdict(run.peak <= RATE),
        },
        {
          figure: "9",
          metric: `3 replicas: duration (s) / ${FLOOR_S} s floor`,
          value: `${fmt(run.seconds, 2)} s (${fmt(ratio, 3)})`,
          target: "<= 1.15",
          status: verdict(ratio <= 1.15),
        },
        {
          figure: "9",
          metric: "added p50 per send: Redis limiter + guard (ms)",
          value: fmt(added.send, 3),
          target: "<= 0.5",
          status: verdict(added.send <= 0.5),
        },
        { figure: "9", metric: "added p50 per read: Redis limiter (ms)", value: fmt(added.read, 3), target: "", status: "" },
      ],
      notes: [
        `${CALLS} concurrent list_messages calls over 15 Streamable HTTP sessions, five on each of three replicas of the built server sharing one redis-server, against the fault gateway in its own process (it records each request's arrival time and refuses more than ${RATE} in a sliding second with 429).`,
        "Added cost: p50 of 2,000 alternating rounds (the first 200 dropped) of one turn of the limiter plus a send's claim and settle of the duplicate guard (what send_message does), Redis-backed minus in-process, on loopback; the read row is the limiter's turn alone.",
      ],
    };
  } finally {
    redis.child.kill("SIGTERM");
  }
}
