import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { AuthorizationRequiredError } from "./authorize.js";
import { GatewayError, type Remedy, UnknownOutcomeError } from "../gateway/errors.js";
import type { Logger } from "../logger.js";
import { ArgumentError } from "../quo/directory.js";
import { scrubDeep, scrubText } from "../secrets/scrub.js";
import { InvalidArgumentsError } from "./arguments.js";

export const SANDBOX_NOTICE = "SANDBOX: simulated Quo workspace. Nothing here is real and no text reaches anyone.";

/**
 * Fields any result may carry besides the tool's own: the sandbox notice, and the parts of an
 * error result (a client validates structured content against the output schema even then).
 */
export const envelope = {
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
export function resultSchema(tool: { output: z.ZodRawShape }) {
  return z.object(tool.output).partial().extend(envelope);
}


/**
 * Every result, success or failure, is built here and nowhere else: this is where the whole of
 * it, at any depth, is scrubbed of the keys the process holds before it leaves. The text is
 * scrubbed again as written, in case joining the JSON puts a piece together.
 */
function result(structured: Record<string, unknown>, isError: boolean, notice: string | undefined): CallToolResult {
  const body = scrubDeep(notice ? { notice, ...structured } : structured);
  return { content: [{ type: "text", text: scrubText(JSON.stringify(body)) }], structuredContent: body, ...(isError ? { isError: true } : {}) };
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
 * happened and what to do. Bugs are logged and reported without internals.
 */
export function failure(error: unknown, logger: Logger, notice?: string): CallToolResult {
  if (error instanceof AuthorizationRequiredError) {
    const { status, connectionId, url, message } = error.needed;
    return result({ status, connectionId, ...(url ? { url } : {}), message }, true, notice);
  }
  if (error instanceof ArgumentError) {
    const invalid = error instanceof InvalidArgumentsError ? { kind: error.kind, problems: error.problems } : {};
    const next = error instanceof InvalidArgumentsError ? error.next : remedyText.fix_arguments;
    return result({ error: { ...invalid, remedy: "fix_arguments", argument: error.argument, message: error.message, next } }, true, notice);
  }
  if (error instanceof GatewayError) {
    const { status, code, trace } = error.details;
    const message = error instanceof UnknownOutcomeError ? error.message : `${error.message}`;
    return result(
      { error: { remedy: error.remedy, message, ...(status ? { status } : {}), ...(code ? { code } : {}), ...(trace ? { trace } : {}), next: remedyText[error.remedy] } },
      true,
      notice,
    );
  }
  logger.error({ err: error }, "tool failed unexpectedly");
  return result({ error: { remedy: "report", message: "quo-mcp hit an internal error; the details are in its log." } }, true, notice);
}
