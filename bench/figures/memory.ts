// Figure 6: the server's resident memory, read from /proc/<pid>/status outside the process,
// right after it answered tools/list and again after 10,000 calls in sandbox mode.
import { call, cleanEnv, connect, rssMb, sleep } from "../lib.js";
import { type FigureResult, fmt, verdict } from "../report-types.js";

const CALLS = 10_000;
const IN_FLIGHT = 4;

export async function memory(): Promise<FigureResult> {
  // Sandbox mode at the limiter's maximum (100/s): the embedded simulator has no budget to
  // protect, and at the default 10/s the run would take 17 minutes.
  const session = await connect(cleanEnv({ QUO_MCP_LOG_LEVEL: "warn", QUO_MCP_RATE_LIMIT: "100" }), ["--sandbox"]);
  try {
    await session.client.listTools();
    await sleep(200);
    const atStart = rssMb(session.pid);
    let next = 0;
    let failures = 0;
    let peak = atStart;
    const tools = [
      { name: "list_phone_numbers", args: {} },
      { name: "list_messages", args: { phoneNumber: "Main line", participants: ["+15555550123"], maxResults: 20 } },
      { name: "list_calls", args: { phoneNumber: "Main line", participant: "+15555550123", maxResults: 20 } },
    ];
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
    await sleep(200);
    const after = rssMb(session.pid);
    const growth = after - atStart;
    return {
      title: "6. Memory",
      rows: [
        { figure: "6", metric: "RSS after start (MB)", value: fmt(atStart), target: "<= 60", status: verdict(atStart <= 60) },
        { figure: "6", metric: `RSS after ${CALLS} calls (MB; peak sampled)`, value: `${fmt(after)} (peak ${fmt(peak)})`, target: "", status: "" },
        { figure: "6", metric: `RSS growth over ${CALLS} calls (MB)`, value: fmt(growth), target: "< 20", status: verdict(growth < 20) },
      ],
      notes: [
        `--sandbox with QUO_MCP_RATE_LIMIT=100; ${CALLS} calls (list_phone_numbers, list_messages, list_calls in turn), ${IN_FLIGHT} in flight, in ${fmt(seconds)} s; ${failures} failed. RSS read from /proc/<pid>/status (VmRSS) 200 ms after tools/list and 200 ms after the last call.`,
      ],
    };
  } finally {
    await session.close();
  }
}
