// The loopback gateway fake, in its own process so the benchmark's client never shares an
// event loop with the server side it measures. It is the sandbox (the same simulator the tests
// use), with the bench data seeded for BENCH_KEY, and optionally a front door that enforces
// Quo's budget: at most `--rate N` requests start in any one second, the rest get 429.
//
// Talks to its parent over IPC: {ready, url} once listening; answers {type: "exchanges"} with
// the gateway exchanges since the last ask (method, path, status, response size and body) and
// {type: "stats"} with the front door's counts.
import { Agent, createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type SandboxExchange, startSandbox } from "../src/sandbox/index.js";
import { BENCH_KEY } from "./lib.js";
import { seedBenchWorkspace } from "./seed-data.js";

interface Recorded {
  method: string;
  path: string;
  status: number;
  responseJson: string | undefined;
}

const rateArg = process.argv.indexOf("--rate");
const rate = rateArg >= 0 ? Number(process.argv[rateArg + 1]) : 0;

let recorded: Recorded[] = [];
const sandbox = await startSandbox({
  onExchange(exchange: SandboxExchange) {
    if (exchange.plane !== "gateway") return;
    recorded.push({
      method: exchange.method,
      path: exchange.path,
      status: exchange.status,
      responseJson: exchange.responseBody === undefined ? undefined : JSON.stringify(exchange.responseBody),
    });
  },
});
seedBenchWorkspace(sandbox.workspace(BENCH_KEY));

const stats = { admitted: 0, limited: 0 };
let url = sandbox.url;

if (rate > 0) {
  // Sliding window: a request is admitted when fewer than `rate` were admitted in the last
  // 1000 ms. Refused requests do not count, as with a gateway that only meters what it serves.
  const admittedAt: number[] = [];
  const target = new URL(sandbox.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const front = createServer({ keepAlive: true }, (req: IncomingMessage, res: ServerResponse) => {
    const now = performance.now();
    while (admittedAt.length > 0 && (admittedAt[0] as number) <= now - 1000) admittedAt.shift();
    if (req.url?.startsWith("/quo/") && admittedAt.length >= rate) {
      stats.limited++;
      req.resume();
      const body = JSON.stringify({ error: "Rate limit exceeded: 10 requests per second" });
      res.writeHead(429, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
      res.end(body);
      return;
    }
    if (req.url?.startsWith("/quo/")) {
      admittedAt.push(now);
      stats.admitted++;
    }
    const upstream = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => front.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
}

process.on("message", (message: { type: string; id: number }) => {
  if (message.type === "exchanges") {
    const out = recorded;
    recorded = [];
    process.send?.({ id: message.id, exchanges: out });
  } else if (message.type === "stats") {
    process.send?.({ id: message.id, stats });
  }
});
process.on("disconnect", () => process.exit(0));
process.send?.({ ready: true, url });
