import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { ArgumentError, AuthorizationRequiredError, InvalidArgumentsError, QuoMcpError, type Remedy } from "../errors.js";
import type { Logger } from "../logger.js";
import { scrubToJson } from "../secrets/scrub.js";
import { nextStep } from "./advice.js";

export const SANDBOX_NOTICE = "SANDBOX: simulated Quo workspace. Nothing here is real and no text reaches anyone.";

/**
 * Fields any result may carry besides the tool's own: the sandbox notice, and the parts of an
 * error result (a client validates structured content against the output schema even then).
 */
const envelope = {
  notice: z.string().optional(),
  status: z.string().optional(),
  connectionId: z.string().optional(),
  url: z.string().optional(),
  error: z.looseObject({}).optional(),
};

/**
 * What a tool's structured content must satisfy: its own fields (all optional, as an error
 * result carries none of them) and the envelope's, with their types. The published output
 * schema (tools/definitions.ts) names the same fields but leaves their types open.
 */
export function resultSchema(tool: { output: () => z.ZodRawShape }) {
  return z.object(tool.output()).partial().extend(envelope);
}

/**
 * Every result, success or failure, is built here and nowhere else: this is where the whole of
 * it, at any depth, is scrubbed of the keys the process holds before it leaves. The text is
 * scrubbed as written, in case joining the JSON puts a piece together (scrubToJson).
 */
function result(structured: Record<string, unknown>, isError: boolean, notice: string | undefined): CallToolResult {
  const { value: body, json } = scrubToJson(notice ? { notice, ...structured } : structured);
  return { content: [{ type: "text", text: json }], structuredContent: body, ...(isError ? { isError: true } : {}) };
}

export function success(structured: Record<string, unknown>, notice?: string): CallToolResult {
  return result(structured, false, notice);
}

const remedyText: Record<Remedy, string> = {
  fix_arguments: "Fix the arguments and call again.",
  ask_user: "Tell the person; this needs them.",
  retry_later: "Try again shortly.",
  authorize: "The person must authorize Quo first.",
  report: "Tell the person what happened.",
};

/**
 * Every failure the person or the model can act on becomes an `isError` result that says what
 * happened and what to do: `{error: {kind, remedy, message, ...details, next}}`, the same shape
 * for every kind. Bugs are logged and reported without internals.
 */
export function failure(error: unknown, logger: Logger, notice?: string): CallToolResult {
  if (error instanceof AuthorizationRequiredError) {
    const { status, connectionId, url, message } = error.needed;
    return result({ status, connectionId, ...(url ? { url } : {}), message }, true, notice);
  }
  if (error instanceof QuoMcpError) {
    const { status, code, trace } = error.details;
    const argument = error instanceof ArgumentError ? { argument: error.argument } : {};
    const problems = error instanceof InvalidArgumentsError ? { problems: error.problems } : {};
    const next = error instanceof InvalidArgumentsError ? error.next : (nextStep(error) ?? remedyText[error.remedy]);
    return result(
      {
        error: {
          kind: error.kind,
          remedy: error.remedy,
          ...argument,
          message: error.message,
          ...problems,
          ...(status ? { status } : {}),
          ...(code ? { code } : {}),
          ...(trace ? { trace } : {}),
          next,
        },
      },
      true,
      notice,
    );
  }
  logger.error({ err: error }, "tool failed unexpectedly");
  return result({ error: { kind: "internal", remedy: "report", message: "quo-mcp hit an internal error; the details are in its log." } }, true, notice);
}
