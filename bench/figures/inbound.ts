// Figure 7: hearing the reply. Push: a signed Standard Webhooks delivery to the HTTP server's
// receiver, timed until the waiting wait_for_reply call returns it; the wait deliberately
// gathers a burst for BURST_MS after the first text, so that fixed window is taken out and
// reported apart. Poll: one wait on stdio for a minute against the sandbox, counting the
// list_messages reads it costs upstream.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { signStandard } from "../../src/inbound/signatures.js";
import { BURST_MS } from "../../src/inbound/wait.js";
import { newWhsec } from "../../src/sandbox/inbound.js";
import { SEED, startSandbox } from "../../src/sandbox/index.js";
import { BENCH_KEY, CLI, call, cleanEnv, connect, quantile } from "../lib.js";
import { type FigureResult, fmt, verdict } from "../report-types.js";

const PUSH_RUNS = 30;
const POLL_SECONDS = 60;
const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;

async function pushLatencies(gatewayUrl: string): Promise<number[]> {
  const secret = newWhsec();
  const child = spawn(process.execPath, [CLI, "--http", "--port", "0"], {
    env: cleanEnv({
      MATON_API_KEY: BENCH_KEY,
      MATON_GATEWAY_URL: gatewayUrl,
      MATON_CTRL_URL: gatewayUrl,
      QUO_MCP_WEBHOOK_SECRET: secret,
      QUO_MCP_LOG_LEVEL: "debug",
    }),
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const waitFor = async (test: () => boolean) => {
    while (!test()) await new Promise((resolve) => setTimeout(resolve, 2));
  };
  try {
    await waitFor(() => /"mcp":"(http:[^"]+)\/mcp"/.test(stderr));
    const base = (/"mcp":"(http:[^"]+)\/mcp"/.exec(stderr) as RegExpExecArray)[1] as string;
    const client = new Client({ name: "quo-mcp-bench", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
    const latencies: number[] = [];
    for (let i = 0; i < PUSH_RUNS; i++) {
      const listening = stderr.split('"waiting for a reply"').length;
      const result = client.callTool({ name: "wait_for_reply", arguments: { phoneNumber: main.id, participants: alice, timeoutSeconds: 30 } });
      await waitFor(() => stderr.split('"waiting for a reply"').length > listening);
      const createdAt = new Date().toISOString();
      const event = {
        id: `EV${randomBytes(8).toString("hex")}`,
        apiVersion: "2026-03-30",
        createdAt,
        type: "message.received",
        data: {
          resource: { id: `AC${randomBytes(8).toString("hex")}`, from: alice, to: [main.number], text: `bench ${i}`, direction: "incoming", createdAt },
          context: { phoneNumber: { id: main.id } },
        },
      };
      const body = JSON.stringify(event);
      const start = process.hrtime.bigint();
      await fetch(`${base}/webhooks/quo`, { method: "POST", body, headers: { "content-type": "application/json", ...signStandard(secret, event.id, body) } });
      await result;
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6 - BURST_MS);
    }
    await client.close();
    return latencies;
  } finally {
    child.kill("SIGTERM");
  }
}

async function pollReadsPerMinute(gatewayUrl: string, requests: { path: string }[]): Promise<number> {
  const session = await connect(cleanEnv({ MATON_API_KEY: BENCH_KEY, MATON_GATEWAY_URL: gatewayUrl, MATON_CTRL_URL: gatewayUrl, QUO_MCP_LOG_LEVEL: "warn" }));
  try {
    await call(session, "list_phone_numbers");
    const before = requests.filter((r) => r.path === "/quo/v1/messages").length;
    await call(session, "wait_for_reply", { phoneNumber: main.id, participants: SEED.contacts.bob.number, timeoutSeconds: POLL_SECONDS });
    return ((requests.filter((r) => r.path === "/quo/v1/messages").length - before) * 60) / POLL_SECONDS;
  } finally {
    await session.close();
  }
}

export async function inbound(): Promise<FigureResult> {
  const requests: { path: string }[] = [];
  const sandbox = await startSandbox({ onExchange: (e) => requests.push({ path: e.path }) });
  try {
    const latencies = await pushLatencies(sandbox.url);
    const p50 = quantile(latencies, 0.5);
    const p99 = quantile(latencies, 0.99);
    const perMinute = await pollReadsPerMinute(sandbox.url, requests);
    // A third of the default 10 requests/s is the most polling may ever take: 200 a minute.
    const cap = (10 / 3) * 60;
    return {
      title: "7. Hearing the reply",
      rows: [
        { figure: "8", metric: "push latency p50, delivery -> wait result (ms)", value: fmt(p50, 1), target: "<= 50", status: verdict(p50 <= 50) },
        { figure: "8", metric: "push latency p99 (ms)", value: fmt(p99, 1), target: "", status: "" },
        {
          figure: "8",
          metric: "poll cost, reads per minute of one wait",
          value: fmt(perMinute, 0),
          target: `<= ${fmt(cap, 0)} (a third of 10/s)`,
          status: verdict(perMinute <= cap),
        },
      ],
      notes: [
        `Push: ${PUSH_RUNS} waits in turn over Streamable HTTP, each woken by one Standard Webhooks delivery signed with a whsec_ key; the latency runs from sending the delivery to the call's result, less the ${BURST_MS} ms the wait deliberately keeps gathering a burst after the first text.`,
        `Poll: one wait_for_reply of ${POLL_SECONDS} s on stdio with no reply, counting its list_messages reads at the sandbox gateway (the interval adapts: 1 s for the first 10 s, 2 s to a minute, then 5 s and 10 s).`,
      ],
    };
  } finally {
    await sandbox.close();
  }
}
