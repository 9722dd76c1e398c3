import type { ToolAnnotations } from "@modelcontextprotocol/sdk/types.js";
import type { z } from "zod";
import type { Config } from "../config.js";
import type { Connections } from "../gateway/connections.js";
import type { RateLimiter } from "../gateway/limiter.js";
import type { SendGuard } from "../guards/duplicate-guard.js";
import type { Logger } from "../logger.js";
import type { NumberDirectory } from "../quo/directory.js";
import type { Quo } from "../quo/quo.js";
import type { SharedCache } from "../replicas/backend.js";
import type { ContactCache } from "./contacts/cache.js";
import type { Schemas } from "./schemas.js";

import type { Toolset } from "./selection.js";

export { writes } from "./selection.js";

/** Everything a tool may use for one Maton key. Tools never touch undici or the environment. */
export interface Services {
  /** One client per Quo resource; the gateway client under them is not for tools. */
  quo: Quo;
  connections: Connections;
  directory: NumberDirectory;
  /** The Maton connection pinned by configuration, if any. */
  connectionId?: string;
  config: Config;
  logger: Logger;
  /** Texts sent recently with this key, to refuse an accidental resend (absent: no guard). */
  duplicates?: SendGuard;
  /** Contact pages fetched recently with this key (absent: every look-up reads Quo). */
  contactCache?: ContactCache;
  /** Whose inbound events this key hears, and the pace its polling keeps (see src/inbound/). */
  inbound?: { tenant: string; pollPace: RateLimiter };
  /** Values replicas of this tenant share (present with --redis-url): the authorization state. */
  shared?: SharedCache;
  /** Lets go of what the process holds for this key (its limiter, its place in log scrubbing) once no session uses it. */
  dispose?: () => void;
}

/** One tool call's view of the world. */
export interface ToolContext extends Services {
  signal: AbortSignal;
  /** Tells the client how a long call is going, when it asked (a progressToken); otherwise does nothing. */
  progress?: (progress: number, total: number | undefined, message: string) => void;
}

type Shape = z.ZodRawShape;

export interface ToolDefinition<In extends z.ZodType = z.ZodType, Out extends Shape = Shape> {
  name: string;
  title: string;
  description: string;
  toolset: Toolset;
  /**
   * false: served only when its toolset or its name is asked for, not in the default set (a
   * write that the everyday job does not need, kept out to hold the default set small).
   */
  defaultEnabled?: boolean;
  /** `readOnlyHint` is the one statement of whether the tool can change anything in Quo or Maton. */
  annotations: Required<Pick<ToolAnnotations, "readOnlyHint" | "destructiveHint" | "idempotentHint" | "openWorldHint">>;
  /**
   * For a tool that both reads and writes behind an `action`: the actions that only read, and
   * the description of the tool limited to them. `--read-only` serves that narrower tool
   * instead of dropping the reads with the writes.
   */
  readActions?: { actions: readonly [string, ...string[]]; description: string };
  /** Set by the registry from readActions (see read-only.ts). */
  readOnlyVariant?: ToolDefinition;
  /**
   * An object schema; refinements across fields are allowed. The schemas are built the first
   * time they are asked for (see tool()): a stdio process builds those of the tools it is
   * called with, not all of them before its first call.
   */
  input: () => In;
  output: () => Out;
  handler: (args: z.output<In>, ctx: ToolContext) => Promise<z.input<z.ZodObject<Out>>>;
  /** For a call that waits on purpose (wait_for_reply): how long it may run, past config.deadlineMs. */
  deadlineMs?: (args: z.output<In>) => number;
}

/** A tool is written as a function of the schema helpers, which carry settings such as the default region. */
export type ToolFactory = (schemas: Schemas) => ToolDefinition;

/**
 * Ties the handler's types to the schemas, and makes each schema built once, when first asked
 * for; the registry then sees one uniform shape.
 */
export function tool<In extends z.ZodType, Out extends Shape>(definition: ToolDefinition<In, Out>): ToolDefinition {
  return { ...definition, input: once(definition.input), output: once(definition.output) } as unknown as ToolDefinition;
}

/** `build`, run on the first call only; every call returns that first result. */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}

export const readOnly = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true } as const;
