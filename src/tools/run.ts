import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import {
  AuthorizationRequiredError,
  CancelledError,
  DeadlineExceeded,
  GatewayError,
  NoConnectionError,
  QuoMcpError,
  TimeoutError,
  UnknownOutcomeError,
} from "../errors.js";
import { type CallSignal, callSignal } from "../gateway/deadline.js";
import { refuseHiddenCharacters } from "../guards/control-characters.js";
import { checkArguments } from "./arguments.js";
import { authorizeInClient, type ClientChannel, canAuthorizeInClient, resolveAuthorization } from "./authorize.js";
import { type Services, type ToolDefinition, writes } from "./define.js";
import { failure, SANDBOX_NOTICE, success } from "./results.js";

/**
 * Runs one tool call (its raw arguments): the handler, then the translation of whatever went wrong into a result
 * the model can act on. A gateway that says "no connection" turns into the way to authorize.
 *
 * The call gets one signal that fires when the client cancels it or when config.deadlineMs
 * have passed; every request of the call (queued in the limiter, waiting to retry or in
 * flight) is aborted with it, and the call answers by its deadline even if a handler ignores it.
 */
export async function runTool(tool: ToolDefinition, args: unknown, services: Services, extra: ClientChannel): Promise<CallToolResult> {
  const notice = services.config.sandbox ? SANDBOX_NOTICE : undefined;
  // The SDK is given no schema to check (server.ts): arguments are checked here, so a bad one
  // gets the same structured answer as every other argument error, and an unknown one is refused.
  const checked = checkArguments(tool.input(), args);
  if (!checked.ok) return failure(checked.error, services.logger, notice);
  const call = callSignal(extra.signal, callDeadline(tool, checked.data, services.config.deadlineMs));
  const signal = call.signal;
  const ctx = { ...services, signal, progress: progressSender(extra) };
  try {
    const structured = await untilAborted(() => {
      // Hidden characters are refused in whatever a write would send, before its handler runs.
      if (writes(tool)) refuseHiddenCharacters(checked.data);
      return tool.handler(checked.data as never, ctx);
    }, call);
    return success(structured as Record<string, unknown>, notice);
  } catch (error) {
    if (error instanceof NoConnectionError && !signal.aborted) {
      try {
        const resolve = () => resolveAuthorization(services.connections, services.connectionId, signal);
        // Replicas that all meet "not connected" at once agree on one answer (one new connection, one link).
        const lookup = services.shared ? services.shared.getOrLoad("authorization", AUTHORIZATION_TTL_MS, resolve) : resolve();
        const needed = await untilAborted(() => lookup, call);
        if (needed && canAuthorizeInClient(extra, needed)) {
          // The client can open the link itself. The wait (up to 5 minutes) is exempt from the
          // deadline: it follows only extra.signal, the client's own cancellation, and is not
          // raced with `aborted`. Once ACTIVE the call runs again from the start, with a fresh
          // deadline: the gateway refused the first attempt before Quo, so nothing was sent.
          // That run does not elicit again.
          const outcome = await authorizeInClient(needed, services.connections, extra, services.logger);
          if (outcome === "active") return runTool(tool, args, services, { ...extra, urlElicitation: false });
          return failure(new AuthorizationRequiredError(outcome), services.logger, notice);
        }
        if (needed) return failure(new AuthorizationRequiredError(needed), services.logger, notice);
        return failure(
          new GatewayError(
            `The Maton gateway refused the request (400: ${error.upstreamMessage}) although an ACTIVE Quo connection exists. Try again; if it persists, ask the person to check the connection at https://maton.ai.`,
            "retry_later",
            { status: 400 },
          ),
          services.logger,
          notice,
        );
      } catch (lookupError) {
        return failure(settle(lookupError, signal, writes(tool)), services.logger, notice);
      }
    }
    return failure(settle(error, signal, writes(tool)), services.logger, notice);
  } finally {
    call.dispose();
  }
}

const ABORT_GRACE_MS = 100;
const AUTHORIZATION_TTL_MS = 15_000;

/** A tool that waits on purpose gets its wait plus the usual deadline for the requests around it. */
function callDeadline(tool: ToolDefinition, args: unknown, deadlineMs: number): number {
  try {
    const own = tool.deadlineMs?.(args as never);
    return own && Number.isFinite(own) ? Math.max(deadlineMs, own + deadlineMs) : deadlineMs;
  } catch {
    return deadlineMs;
  }
}

/** notifications/progress for the call, when the client asked for them with a progressToken. */
function progressSender(extra: ClientChannel): ((progress: number, total: number | undefined, message: string) => void) | undefined {
  const token = extra._meta?.progressToken;
  const send = extra.sendNotification;
  if (token === undefined || !send) return undefined;
  return (progress, total, message) => {
    void send({ method: "notifications/progress", params: { progressToken: token, progress, ...(total !== undefined ? { total } : {}), message } }).catch(
      () => {},
    );
  };
}

class HandlerIgnoredAbort extends Error {}

/**
 * What `run` settles to, unless the signal aborts and `run` has not settled a short grace
 * later: then HandlerIgnoredAbort. The grace lets a handler report what the abort meant for its
 * request (a send in flight has an unknown outcome) before the call answers on its own.
 * One promise and one callback per call: this is on every tool call's path, where a chain of
 * race, catch and an abort promise cost more objects than the call's own work.
 */
function untilAborted<T>(run: () => T | PromiseLike<T>, call: CallSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let grace: NodeJS.Timeout | undefined;
    const done = () => {
      call.onAbort(undefined);
      if (grace) clearTimeout(grace);
    };
    call.onAbort(() => {
      grace = setTimeout(() => reject(new HandlerIgnoredAbort()), ABORT_GRACE_MS);
    });
    let running: T | PromiseLike<T>;
    try {
      running = run();
    } catch (error) {
      done();
      reject(error);
      return;
    }
    Promise.resolve(running).then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}

/**
 * An error raised by the abort itself (rather than one the gateway client already named)
 * becomes the deadline's timeout or a cancellation, never an "internal error". A write whose
 * handler did not say what happened may have been carried out: its outcome is unknown.
 */
function settle(error: unknown, signal: AbortSignal, mayHaveWritten: boolean): unknown {
  if (error instanceof QuoMcpError && !(error instanceof DeadlineExceeded)) return error;
  if (!signal.aborted) return error;
  const reason = signal.reason;
  const what = reason instanceof DeadlineExceeded ? `The whole tool call took longer than ${reason.deadlineMs} ms` : "The call was cancelled";
  if (mayHaveWritten && error instanceof HandlerIgnoredAbort) {
    return new UnknownOutcomeError(
      `${what} before the change was confirmed, so it may or may not have been carried out. Check its current state before trying again`,
    );
  }
  if (reason instanceof DeadlineExceeded) return new TimeoutError("deadline", reason.deadlineMs, true);
  return new CancelledError();
}
