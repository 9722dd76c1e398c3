// Figure 3: how many characters a model reads for a list or a call, against the compact JSON of
// the Quo API response(s) the tool fetched to make it. The text content is what lands in the model's
// context; structuredContent is measured on its own (it is the same JSON by design).
import { call, connect, type Fake, gatewayEnv, type Session, summarize, text } from "../lib.js";
import { type FigureResult, fmt, type Row, verdict } from "../report-types.js";
import { BENCH_CALL_WITH_ARTIFACTS, BENCH_NUMBER, BENCH_PARTICIPANT, seededTextLengths } from "../seed-data.js";

const TARGET_PCT = 35;

interface Case {
  label: string;
  tool: string;
  args: Record<string, unknown>;
  /** The endpoints whose answers are the baseline: a list's path, or every path a call's details come from. */
  apiPath: string | RegExp;
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
  {
    label: "a call with its transcript and summary",
    tool: "get_call",
    args: { id: BENCH_CALL_WITH_ARTIFACTS },
    apiPath: /^\/quo\/v1\/(calls|call-recordings|call-summaries|call-transcripts|call-voicemails)\//,
    expect: { key: "transcript", count: 1 },
  },
  {
    label: "a page of 30 conversations",
    tool: "list_conversations",
    args: { phoneNumber: BENCH_NUMBER.id, maxResults: 30 },
    apiPath: "/quo/v1/conversations",
    expect: { key: "conversations", count: 30 },
  },
];

async function measure(session: Session, fake: Fake, c: Case, available: Set<string>): Promise<Row[]> {
  if (!available.has(c.tool)) {
    return [{ figure: "3", metric: `${c.label}: text / API JSON`, value: `n/a (no ${c.tool} tool)`, target: `<= ${TARGET_PCT} %`, status: "n/a" }];
  }
  await fake.exchanges();
  const result = await call(session, c.tool, c.args);
  const matches = (path: string) => (typeof c.apiPath === "string" ? path === c.apiPath : c.apiPath.test(path));
  const exchanges = (await fake.exchanges()).filter((e) => e.method === "GET" && matches(e.path) && e.status === 200);
  if (result.isError) {
    return [
      { figure: "3", metric: `${c.label}: text / API JSON`, value: `error: ${text(result).slice(0, 120)}`, target: `<= ${TARGET_PCT} %`, status: "MISS" },
    ];
  }
  const found = result.structuredContent?.[c.expect.key];
  const listed = Array.isArray(found) ? found.length : found === undefined ? 0 : 1;
  const api = exchanges.reduce((sum, e) => sum + (e.responseJson?.length ?? 0), 0);
  const textChars = text(result).length;
  const structuredChars = JSON.stringify(result.structuredContent ?? {}).length;
  const pct = (100 * textChars) / api;
  const complete = listed === c.expect.count;
  const floor = spokenText(exchanges);
  return [
    ...(floor > 0
      ? [
          {
            figure: "3",
            metric: `${c.label}: the transcript's and summary's own words (chars, % of API)`,
            value: `${floor} (${fmt((100 * floor) / api)} %)`,
            target: "",
            status: "" as const,
          },
        ]
      : []),
    {
      figure: "3",
      metric: `${c.label}: API JSON (${exchanges.length} response${exchanges.length === 1 ? "" : "s"}, chars)`,
      value: String(api),
      target: "",
      status: "",
    },
    {
      figure: "3",
      metric: `${c.label}: structuredContent (chars)`,
      value: `${structuredChars} (${fmt((100 * structuredChars) / api)} %)`,
      target: "",
      status: "",
    },
    {
      figure: "3",
      metric: `${c.label}: text content (chars, % of API)`,
      value: `${textChars} (${fmt(pct)} %)${complete ? "" : `, only ${listed} listed`}`,
      target: `<= ${TARGET_PCT} %`,
      status: verdict(pct <= TARGET_PCT && complete),
    },
  ];
}

/** The characters of what was said and summarized, which no projection can leave out: the floor for a call's details. */
function spokenText(exchanges: { path: string; responseJson: string | undefined }[]): number {
  let chars = 0;
  for (const e of exchanges) {
    const data = (JSON.parse(e.responseJson ?? "{}") as { data?: { dialogue?: { content: string }[]; summary?: string[]; nextSteps?: string[] } }).data;
    if (!data || Array.isArray(data)) continue;
    for (const line of data.dialogue ?? []) chars += line.content.length;
    for (const text of [...(data.summary ?? []), ...(data.nextSteps ?? [])]) chars += text.length;
  }
  return chars;
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
        `Deterministic, so one run: seeded data (bench/seed-data.ts) of a thread of 100 texts of everyday length (${lengths.min}-${lengths.max} characters, median ${lengths.median}), 100 calls of mixed status, 50 contacts with phones, emails, company, role and a custom field, a four-minute call with its recording, a 34-segment transcript and a summary, and 30 more conversations on the number; each case is one call of the tool, against JSON.stringify of every Quo answer (status 200) the call fetched from those endpoints; the text content is the same JSON as structuredContent by design.`,
      ],
    };
  } finally {
    await session.close();
  }
}
