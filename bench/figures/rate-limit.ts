// Figure 7: 100 list_messages calls at once against a gateway that refuses more than 10
// requests per second with 429. A server that paces itself loses none of them and takes
// about the 10 s the budget allows; one that does not either fails calls or burns its
// retries. The server runs with its defaults (10 requests/s per Maton key).
import { call, connect, type Fake, gatewayEnv, msSince, startFake } from "../lib.js";
import { type FigureResult, fmt, verdict } from "../report-types.js";
import { BENCH_NUMBER, BENCH_PARTICIPANT } from "../seed-data.js";

const CALLS = 100;
const RATE = 10;
const FLOOR_S = CALLS / RATE;

export async function rateLimitFidelity(): Promise<FigureResult> {
  const fake: Fake = await startFake(RATE);
  const session = await connect(gatewayEnv(fake));
  try {
    const start = process.hrtime.bigint();
    const results = await Promise.all(
      Array.from({ length: CALLS }, () =>
        call(session, "list_messages", { phoneNumber: BENCH_NUMBER.id, participants: [BENCH_PARTICIPANT], maxResults: 20 }).then(
          (result) => (result.isError ? "error" : "ok"),
          () => "error",
        ),
      ),
    );
    const seconds = msSince(start) / 1000;
    const failures = results.filter((r) => r !== "ok").length;
    const stats = await fake.stats();
    const ratio = seconds / FLOOR_S;
    return {
      title: "7. Rate-limit fidelity",
      rows: [
        { figure: "7", metric: `failed calls of ${CALLS}`, value: String(failures), target: "0", status: verdict(failures === 0) },
        {
          figure: "7",
          metric: `duration (s) / ${FLOOR_S} s floor`,
          value: `${fmt(seconds, 2)} s (${fmt(ratio, 3)})`,
          target: "<= 1.10",
          status: verdict(ratio <= 1.1),
        },
        { figure: "7", metric: "gateway answers: served / 429", value: `${stats.admitted} / ${stats.limited}`, target: "", status: "" },
      ],
      notes: [
        `One run (the duration is bounded below by the fake's ${RATE}/s window, so repeats measure the same floor): ${CALLS} concurrent calls through one SDK client; the fake admits at most ${RATE} requests in any sliding second and answers the rest 429 without Retry-After.`,
      ],
    };
  } finally {
    await session.close();
    await fake.close();
  }
}
