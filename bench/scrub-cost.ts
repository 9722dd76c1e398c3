// What the key scrubber costs on every tool result: a large list result (5000 received texts,
// about 870k characters of JSON) scrubbed deep and as text, with no key registered, and with
// two keys registered (a Maton key and an HTTP token). Not one of the README's figures:
// run it on its own with `node --import tsx bench/scrub-cost.ts`.
import { performance } from "node:perf_hooks";
import { registerSecret, scrubDeep, scrubText } from "../src/secrets/scrub.js";

const TEXT = "Hi, this is Jordan from Riverside Dental confirming your cleaning tomorrow at 10:30 AM. Reply C to confirm";
const body = {
  phoneNumber: { id: "PNmain0100", number: "+15555550100", name: "Main line" },
  messages: Array.from({ length: 5000 }, (_, i) => ({ id: `ACbench${String(i).padStart(8, "0")}`, in: TEXT, at: "2026-11-21T09:00:00Z" })),
};
const json = JSON.stringify(body);

function time(label: string, run: () => void): void {
  for (let i = 0; i < 5; i++) run();
  const rounds = 20;
  const start = performance.now();
  for (let i = 0; i < rounds; i++) run();
  process.stdout.write(`${label.padEnd(42)} ${((performance.now() - start) / rounds).toFixed(2)} ms\n`);
}

process.stdout.write(`result: ${json.length} characters of JSON\n`);
time("JSON.stringify (for scale)", () => JSON.stringify(body));
time("scrub, no key registered", () => scrubText(JSON.stringify(scrubDeep(body))));
registerSecret("mtn_Qk3Vz8Lp2Xw7Rj5Tn9Bc4Hd6");
registerSecret("tok_Fy2Ms6Gq9Wd3Nh7Ka1Pv5Ub8");
time("scrub deep, two keys", () => scrubDeep(body));
time("scrub text, two keys", () => scrubText(json));
