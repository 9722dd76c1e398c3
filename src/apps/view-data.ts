import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { personName, shortTime } from "../format/compact.js";
import type { QuoContact } from "../quo/contacts.js";
import type { QuoMessages } from "../quo/messages.js";
import type { QuoMessage } from "../quo/types.js";
import { checkArguments } from "../tools/arguments.js";
import { hasPhone } from "../tools/contacts/matching.js";
import { contactPages } from "../tools/contacts/source.js";
import type { Services } from "../tools/define.js";
import { allTools } from "../tools/index.js";
import { toolViews, type ViewName } from "./capability.js";

/** The result `_meta` key holding what only a view needs; models and plain clients never see it. */
const VIEW_META = "quo-mcp/view";

/** A look-up for names reads at most this many pages of 50 contacts (cached a minute per key). */
const NAME_PAGES = 4;
/** Names are a nicety: the result never waits longer than this for them. */
const NAME_BUDGET_MS = 5_000;

type Media = { url: string; type?: string };

/**
 * Runs a tool whose result a view shows and adds, under `_meta`, what the view needs beyond the
 * structured result: names for numbers and user ids, media of the messages read, and for a dry
 * run the arguments that make the real send. The structured result and its text are untouched.
 */
export async function runWithView(
  toolName: string,
  args: unknown,
  services: Services,
  run: (services: Services) => Promise<CallToolResult>,
): Promise<CallToolResult> {
  const read = new Map<string, QuoMessage>();
  const result = await run({ ...services, quo: { ...services.quo, messages: recordingMessages(services.quo.messages, read) } });
  const view = toolViews[toolName];
  if (!view || result.isError) return result;
  try {
    const data = await viewData(toolName, view, args, result.structuredContent ?? {}, services, read);
    return { ...result, _meta: { ...result._meta, [VIEW_META]: data } };
  } catch (error) {
    services.logger.debug({ err: error }, "view data left out");
    return result;
  }
}

/** The same messages client, noting every message it reads (the tool's results leave media, and by default ids, out). */
function recordingMessages(messages: QuoMessages, read: Map<string, QuoMessage>): QuoMessages {
  const note = (messages: QuoMessage[]) => {
    for (const m of messages) read.set(m.id, m);
  };
  const wrapped = Object.create(messages) as QuoMessages;
  wrapped.list = async (query, signal) => {
    const page = await messages.list(query, signal);
    note(page.data);
    return page;
  };
  wrapped.get = async (id, signal) => {
    const one = await messages.get(id, signal);
    note([one.data]);
    return one;
  };
  return wrapped;
}

/** Quo gives media as URLs or as `{url, type}` objects; only http(s) URLs are kept. */
function normalizeMedia(value: unknown): Media[] {
  if (!Array.isArray(value)) return [];
  const out: Media[] = [];
  for (const item of value) {
    const url = typeof item === "string" ? item : (item as { url?: unknown } | null)?.url;
    const type = typeof item === "object" && item ? (item as { type?: unknown }).type : undefined;
    if (typeof url === "string" && /^https?:\/\//i.test(url)) out.push({ url, ...(typeof type === "string" ? { type } : {}) });
  }
  return out;
}

type Structured = Record<string, unknown>;

async function viewData(toolName: string, view: ViewName, args: unknown, structured: Structured, services: Services, read: Map<string, QuoMessage>) {
  const signal = AbortSignal.timeout(NAME_BUDGET_MS);
  if (view === "thread") return threadData(toolName, args, structured, services, read, signal);
  if (view === "call") {
    const call = (structured.call ?? {}) as { participants?: string[]; phoneNumberId?: string };
    const dialogue = Object.values((structured.transcript as { speakers?: Record<string, string> } | undefined)?.speakers ?? {});
    const [contacts, users, line] = await Promise.all([
      contactNames([...(call.participants ?? []), ...dialogue], services, signal),
      userNames(services, signal),
      call.phoneNumberId ? services.directory.resolve(call.phoneNumberId, "phoneNumber", signal).catch(() => undefined) : undefined,
    ]);
    return { names: { ...users, ...contacts }, ...(line ? { line: { number: line.number, ...(line.name ? { name: line.name } : {}) } } : {}) };
  }
  const recipients = [...((structured.to as string[] | undefined) ?? []), ...((structured.results as { to: string }[] | undefined) ?? []).map((r) => r.to)];
  return {
    names: await contactNames(recipients, services, signal),
    // The real send repeats exactly these arguments with dryRun: false.
    ...(structured.dryRun === true ? { tool: toolName, arguments: argumentsRead(toolName, args, services) } : {}),
  };
}

/**
 * The arguments as the server read them (numbers normalized, defaults filled in): the same check
 * the call itself passed, so they pass it again. The raw ones when the tool is not found.
 */
function argumentsRead(toolName: string, args: unknown, services: Services): unknown {
  const tool = allTools(services.config.defaultRegion).find((t) => t.name === toolName);
  const checked = tool ? checkArguments(tool.input(), args) : undefined;
  return checked?.ok ? checked.data : args;
}

type ShownMessage = { id?: string; in?: string; out?: string; from?: string; at?: string; media?: unknown };

/**
 * What a thread view needs beyond the result: names, the line and the participants (wait_for_reply
 * does not repeat them), and the media of each message, by its place in `messages` because a
 * thread leaves ids out unless asked for them.
 */
async function threadData(toolName: string, args: unknown, structured: Structured, services: Services, read: Map<string, QuoMessage>, signal: AbortSignal) {
  const messages = (structured.messages as ShownMessage[] | undefined) ?? [];
  const given = (argumentsRead(toolName, args, services) ?? {}) as { phoneNumber?: string; participants?: string[] };
  const participants = (structured.participants as string[] | undefined) ?? given.participants ?? [];
  const line =
    structured.phoneNumber || !given.phoneNumber
      ? undefined
      : await services.directory.resolve(given.phoneNumber, "phoneNumber", signal).then(
          (n) => ({ id: n.id, number: n.number, ...(n.name ? { name: n.name } : {}) }),
          () => undefined,
        );
  const media: Record<string, Media[]> = {};
  const readList = [...read.values()];
  messages.forEach((m, index) => {
    const source = m.id ? read.get(m.id) : sameMessage(readList, m);
    const items = [...normalizeMedia(m.media), ...normalizeMedia((source as { media?: unknown } | undefined)?.media)];
    const unique = items.filter((item, i) => items.findIndex((other) => other.url === item.url) === i);
    if (unique.length > 0) media[index] = unique;
  });
  const numbers = [...participants, ...messages.map((m) => m.from ?? "")];
  return {
    names: await contactNames(numbers, services, signal),
    media,
    ...(structured.participants ? {} : { participants }),
    ...(line ? { line } : {}),
  };
}

/** The message read from Quo that is shown as `m`: the one at its time in its direction (and with its text, if several). */
function sameMessage(read: QuoMessage[], m: ShownMessage): QuoMessage | undefined {
  const candidates = read.filter((q) => shortTime(q.createdAt) === m.at && (q.direction === "incoming") === (m.in !== undefined));
  return candidates.length === 1 ? candidates[0] : candidates.find((q) => q.text === (m.in ?? m.out));
}

/** Names of the contacts with these numbers, read from the first pages of the contact list. */
async function contactNames(numbers: string[], services: Services, signal: AbortSignal): Promise<Record<string, string>> {
  const wanted = new Set(numbers.filter((n) => /^\+\d{6,15}$/.test(n)));
  const names: Record<string, string> = {};
  if (wanted.size === 0) return names;
  const fetchPage = contactPages({ ...services, signal }, {});
  let pageToken: string | undefined;
  for (let page = 0; page < NAME_PAGES && wanted.size > 0; page += 1) {
    // Names are a nicety: a look-up that fails leaves the numbers as they are.
    const read = await fetchPage({ maxResults: 50, pageToken }).catch(() => undefined);
    if (!read) break;
    const { data, nextPageToken } = read;
    for (const contact of data) {
      for (const number of wanted) {
        if (!hasPhone(contact, number, services.config.defaultRegion)) continue;
        const name = contactName(contact);
        if (name) names[number] = name;
        wanted.delete(number);
      }
    }
    if (!nextPageToken) break;
    pageToken = nextPageToken;
  }
  return names;
}

function contactName(contact: QuoContact): string | undefined {
  const d = contact.defaultFields;
  return personName({ firstName: d.firstName, lastName: d.lastName }) ?? d.company ?? undefined;
}

async function userNames(services: Services, signal: AbortSignal): Promise<Record<string, string>> {
  const read = await services.quo.users.list({ maxResults: 50 }, signal).catch(() => undefined);
  if (!read) return {};
  const { data } = read;
  const names: Record<string, string> = {};
  for (const user of data) {
    const name = personName(user);
    if (name) names[user.id] = name;
  }
  return names;
}
