import { rendersViews, withView } from "../apps/capability.js";
import { flagsFrom, parseCommandLine } from "../cli-args.js";
import { runFullServer } from "../load-server.js";
import { DISCOVER_METHOD, discoverRefusal } from "../protocol/era.js";
import { booleanSettings, parseList, parseSwitch, rawSettings, type SettingKey } from "../settings.js";
import { selectTools } from "../tools/selection.js";
import type { FastStartManifest } from "./manifest.js";
import { StdinLines } from "./stdin-lines.js";

/** Filled in by the bundler with the manifest computed at build time; absent when run from source. */
declare const QUO_MCP_FAST_START_MANIFEST: string | undefined;

type Message = { jsonrpc?: string; id?: string | number; method?: string; params?: Record<string, unknown> };

const list = (value: string | boolean | undefined) => (typeof value === "string" ? parseList(value) : undefined);

/**
 * Serves a stdio session's first moments without loading the MCP SDK or zod: `initialize` and
 * `tools/list` are answered from the build-time manifest, every other message waits, and the
 * full server loads right after and takes over stdin with everything that arrived replayed.
 * Returns false, touching nothing, whenever the full path must decide (a subcommand, HTTP,
 * help, an option it cannot read, a setting that is missing or wrong).
 */
export function fastStart(argv: string[]): boolean {
  if (typeof QUO_MCP_FAST_START_MANIFEST !== "string") return false;
  let flags: ReturnType<typeof flagsFrom>;
  try {
    const { values, positionals } = parseCommandLine(argv);
    if (positionals.length > 0 || values.help || values.version) return false;
    flags = flagsFrom(values);
  } catch {
    return false;
  }
  const settings = rawSettings(flags);
  // Every switch is read with the same parser config.ts uses; a spelling it would refuse leaves
  // the decision (and the one-line error) to the full path, before anything is answered.
  const switches: Partial<Record<SettingKey, boolean>> = {};
  for (const key of [...booleanSettings, "noFastStart" as const]) {
    const value = parseSwitch(settings[key]);
    if (value === undefined && settings[key] !== undefined) return false;
    switches[key] = value ?? false;
  }
  if (switches.http || switches.noFastStart) return false;
  // The one mistake worth catching before answering: with no key, the full path explains and exits.
  if (!settings.apiKey && !switches.sandbox && !switches.multiTenant) return false;

  const manifest = JSON.parse(QUO_MCP_FAST_START_MANIFEST) as FastStartManifest;
  let served: FastStartManifest["tools"];
  try {
    served = selectTools(manifest.tools, {
      toolsets: list(settings.toolsets),
      tools: list(settings.tools),
      excludeTools: list(settings.excludeTools),
      readOnly: switches.readOnly === true,
    });
  } catch {
    return false;
  }
  const names = served.map((t) => t.name);
  const withPrompts = manifest.promptTools.some((needs) => needs.every((name) => names.includes(name)));
  const initialize = withPrompts ? manifest.initialize.withPrompts : manifest.initialize.withoutPrompts;
  let toolsList = JSON.stringify({ tools: served.map((t) => t.definition) });

  const input = new StdinLines();
  let initialized = false;
  let loading = false;
  const answer = (id: string | number, result: string) => {
    input.answered.add(id);
    process.stdout.write(`{"jsonrpc":"2.0","id":${JSON.stringify(id)},"result":${result}}\n`);
  };
  const handOver = () => {
    if (loading) return;
    loading = true;
    input.pause();
    // Load after this turn of the event loop, so an answer just written is flushed first.
    setImmediate(() => {
      runFullServer(argv, input);
    });
  };

  input.onLine = (line) => {
    let message: Message | undefined;
    try {
      message = JSON.parse(line) as Message;
    } catch {
      message = undefined;
    }
    const id = message?.id;
    const params = message?.params;
    if (
      !loading &&
      message?.jsonrpc === "2.0" &&
      id !== undefined &&
      message.method === "initialize" &&
      typeof params?.protocolVersion === "string" &&
      params.capabilities &&
      params.clientInfo
    ) {
      const requested = params.protocolVersion;
      const protocolVersion = manifest.protocolVersions.includes(requested) ? requested : manifest.latestProtocolVersion;
      answer(id, JSON.stringify({ protocolVersion, ...initialize }));
      initialized = true;
      // A client that renders MCP Apps sees the tools with their views, as the full server shows them.
      if (rendersViews(params.capabilities)) toolsList = JSON.stringify({ tools: served.map((t) => withView(t.definition)) });
      // The full server must learn the client's capabilities too: it sees this request again, and its answer is dropped.
      input.queue.push(line);
      return;
    }
    // A 2026-07-28 client's probe, answered here so it falls back to initialize at once.
    if (!loading && message?.jsonrpc === "2.0" && id !== undefined && message.method === DISCOVER_METHOD) {
      process.stdout.write(`${JSON.stringify({ jsonrpc: "2.0", id, error: discoverRefusal() })}\n`);
      return;
    }
    if (!loading && initialized && message?.jsonrpc === "2.0" && id !== undefined && message.method === "tools/list") {
      answer(id, toolsList);
      handOver();
      return;
    }
    input.queue.push(line);
    if (message?.method !== "notifications/initialized") handOver();
  };
  input.onEnd = handOver;
  input.start();
  // A client that never asks for tools still gets the full server soon.
  setTimeout(handOver, 250).unref();
  return true;
}
