import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { personName } from "../format/compact.js";
import type { QuoContact } from "../quo/contacts.js";
import type { QuoMessages } from "../quo/messages.js";
import type { QuoMessage } from "../quo/types.js";
import { hasPhone } from "../tools/contacts/matching.js";
import { contactPages } from "../tools/contacts/source.js";
import type { Services } from "../tools/define.js";
import { type ViewName, toolViews } from "./capability.js";

/** The result `_meta` key holding what only a view needs; models and plain clients never see it. */
export const VIEW_META = "quo-mcp/view";

/** A look-up for names reads at most this many pages of 50 contacts (cached a minute per key). */
const NAME_PAGES = 4;
/** Names are a nicety: the result never waits longer than this for them. */
const NAME_BUDGET_MS = 5_000;

export type Media = { url: string; type?: string };

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
  const media = new Map<string, Media[]>();
  const result = await run({ ...services, quo: { ...services.quo, messages: recordingMedia(services.quo.messages, media) } });
  const view = toolViews[toolName];
  if (!view || result.isError) return result;
  try {
    const data = await viewData(toolName, view, args, result.structuredContent ?? {}, services, media);
    return { ...result, _meta: { ...result._meta, [VIEW_META]: data } };
  } catch (error) {
    services.logger.debug({ err: error }, "view data left out");
    return result;
  }
}

/** The same messages client, noting the media of every message it reads (Quo's text results leave media out). */
function recordingMedia(messages: QuoMessages, media: Map<string, Media[]>): QuoMessages {
  const note = (messages: QuoMessage[]) => {
    for (const m of messages) {
      const items = normalizeMedia((m as { media?: unknown }).media);
      if (items.length > 0) media.set(m.id, items);
    }
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

async function viewData(toolName: string, view: ViewName, args: unknown, structured: Structured, services: Services, media: Map<string, Media[]>) {
  const signal = AbortSignal.timeout(NAME_BUDGET_MS);
  if (view === "thread") {
    const messages = (structured.messages as { id: string; from?: string }[] | undefined) ?? [];
    const numbers = [...((structured.participants as string[] | undefined) ?? []), ...messages.map((m) => m.from ?? "")];
    return { names: await contactNames(numbers, services, signal), media: Object.fromEntries(media) };
  }
  if (view === "call") {
    const call = (structured.call ?? {}) as { participants?: string[]; phoneNumberId?: string };
    const dialogue = ((structured.transcript as { dialogue?: { who?: string }[] } | undefined)?.dialogue ?? []).map((d) => d.who ?? "");
    const [contacts, users, line] = await Promise.all([
      contactNames([...(call.participants ?? []), ...dialogue], services, signal),
      userNames(services, signal),
      call.phoneNumberId ? services.directory.resolve(call.phoneNumberId, "phoneNumber", signal).catch(() => undefined) : undefined,
    ]);
    return { names: { ...users, ...contacts }, ...(line ? { line: { number: line.number, ...(line.name ? { name: line.name } : {}) } } : {}) };
  }
  const recipients = [
    ...((structured.to as string[] | undefined) ?? []),
    ...((structured.results as { to: string }[] | undefined) ?? []).map((r) => r.to),
  ];
  return {
    names: await contactNames(recipients, services, signal),
    // The real send repeats exactly these arguments with dryRun: false.
    ...(structured.dryRun === true ? { tool: toolName, arguments: args } : {}),
  };
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
