// Figure 3: how many characters a model reads for a list, against the compact JSON of the Quo
// API response(s) the tool fetched to make it. The text content is what lands in the model's
// context; structuredContent is measured on its own (it is the same JSON by design).
import { type Fake, type Session, call, connect, gatewayEnv, summarize, text } from "../lib.js";
import { type FigureResult, type Row, fmt, verdict } from "../report-types.js";
import { BENCH_NUMBER, BENCH_PARTICIPANT, seededTextLengths } from "../seed-data.js";

const TARGET_PCT = 40;

interface Case {
  label: string;
  tool: string;
  args: Record<string, unknown>;
  /** The list endpoint whose responses are the baseline. */
  apiPath: string;
  expect: { key: string; count: number };
}

const cases: Case[] = [
  {
    label: "100 messages",
    tool: "list_messages",
    args: { phoneNumber: BENCH_NUMBER.id, participants: [BENCH_PARTICIPANT], maxResults: 100 },
    apiPath: "/quo/v1/messages",
    expect: { key: "messages", count: 100 },
  },
  {
    label: "100 calls",
    tool: "list_calls",
    args: { phoneNumber: BENCH_NUMBER.id, participant: BENCH_PARTICIPANT, maxResults: 100 },
    apiPath: "/quo/v1/calls",
    expect: { key: "calls", count: 100 },
  },
  { label: "50 contacts", tool: "find_contacts", args: { maxResults: 50 }, apiPath: "/quo/v1/contacts", expect: { key: "contacts", count: 50 } },
];

async function measure(session: Session, fake: Fake, c: Case, available: Set<string>): Promise<Row[]> {
  if (!available.has(c.tool)) {
    return [{ figure: "3", metric: `${c.label}: text / API JSON`, value: `n/a (no ${c.tool} tool)`, target: `<= ${TARGET_PCT} %`, status: "n/a" }];
  }
  await fake.exchanges();
  const result = await call(session, c.tool, c.args);
  const exchanges = (await fake.exchanges()).filter((e) => e.method === "GET" && e.path === c.apiPath && e.status === 200);
  if (result.isError) {
    return [{ figure: "3", metric: `${c.label}: text / API JSON`, value: `error: ${text(result).slice(0, 120)}`, target: `<= ${TARGET_PCT} %`, status: "MISS" }];
  }
  const listed = (result.structuredContent?.[c.expect.key] as unknown[] | undefined)?.length ?? 0;
  const api = exchanges.reduce((sum, e) => sum + (e.responseJson?.length ?? 0), 0);
  const textChars = text(result).length;
  const structuredChars = JSON.stringify(result.structuredContent ?? {}).length;
  const pct = (100 * textChars) / api;
  const complete = listed === c.expect.count;
  return [
    { figure: "3", metric: `${c.label}: API JSON (${exchanges.length} response${exchanges.length === 1 ? "" : "s"}, chars)`, value: String(api), target: "", status: "" },
    { figure: "3", metric: `${c.label}: structuredContent (chars)`, value: `${structuredChars} (${fmt((100 * structuredChars) / api)} %)`, target: "", status: "" },
    {
      figure: "3",
      metric: `${c.label}: text content (chars, % of API)`,
      value: `${textChars} (${fmt(pct)} %)${complete ? "" : `, only ${listed} listed`}`,
      target: `<= ${TARGET_PCT} %`,
      status: verdict(pct <= TARGET_PCT && complete),
    },
  ];
}

export async function outputEconomy(fake: Fake): Promise<FigureResult> {
  const session = await connect(gatewayEnv(fake), ["--toolsets", "all"]);
  try {
    const available = new Set((await session.client.listTools()).tools.map((t) => t.name));
    const rows: Row[] = [];
    for (const c of cases) rows.push(...(await measure(session, fake, c, available)));
    const lengths = summarize(seededTextLengths());
    return {
      title: "3. Output economy",
      rows,
      notes: [
        `Seeded data: a thread of 100 texts of everyday length (${lengths.min}-${lengths.max} characters, median ${lengths.median}), 100 calls of mixed status, 50 contacts with phones, emails, company, role and a custom field. Each list is one call of the tool; the baseline is JSON.stringify of the Quo response(s) of that list endpoint the call fetched. The text content is the same JSON as structuredContent by design.`,
      ],
    };
  } finally {
    await session.close();
  }
}
