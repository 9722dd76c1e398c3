import type { RequestHandlerExtra } from "@modelcontextprotocol/sdk/shared/protocol.js";
import type { CallToolResult, ServerNotification, ServerRequest } from "@modelcontextprotocol/sdk/types.js";
import { AuthorizationRequiredError, resolveAuthorization } from "../gateway/authorization.js";
import { GatewayError, NoConnectionError } from "../gateway/errors.js";
import { type ClientChannel, authorizeInClient, canAuthorizeInClient } from "./authorize.js";
import type { Services, ToolDefinition } from "./define.js";
import { SANDBOX_NOTICE, failure, success } from "./results.js";
import type { Schemas } from "./schemas.js";

export type Extra = RequestHandlerExtra<ServerRequest, ServerNotification>;

/**
 * Runs one tool call: the handler, then the translation of whatever went wrong into a result
 * the model can act on. A gateway that says "no connection" turns into the way to authorize.
 */
export async function runTool(tool: ToolDefinition, args: unknown, services: Services, schemas: Schemas, extra: ClientChannel): Promise<CallToolResult> {
  const notice = services.config.sandbox ? SANDBOX_NOTICE : undefined;
  const ctx = { ...services, schemas, signal: extra.signal };
  try {
    const structured = await tool.handler(args as never, ctx);
    return success(structured as Record<string, unknown>, notice);
  } catch (error) {
    if (error instanceof NoConnectionError) {
      try {
        const needed = await resolveAuthorization(services.connections, services.connectionId, extra.signal);
        if (needed && canAuthorizeInClient(extra, needed)) {
          // The client can open the link itself. The wait (up to 5 minutes) follows only
          // extra.signal, the client's own cancellation, never a per-call deadline. Once ACTIVE
          // the call runs again from the start: the gateway refused the first attempt before
          // Quo, so nothing was sent. That run does not elicit again.
          const outcome = await authorizeInClient(needed, services.connections, extra, services.logger);
          if (outcome === "active") return runTool(tool, args, services, schemas, { ...extra, urlElicitation: false });
          return failure(new AuthorizationRequiredError(outcome), services.logger, notice);
        }
        if (needed) return failure(new AuthorizationRequiredError(needed), services.logger, notice);
        return failure(new GatewayError(`The Maton gateway refused the request (400: ${error.upstreamMessage}) although an ACTIVE Quo connection exists. Try again; if it persists, ask the person to check the connection at https://maton.ai.`, "retry_later", { status: 400 }), services.logger, notice);
      } catch (lookupError) {
        return failure(lookupError, services.logger, notice);
      }
    }
    return failure(error, services.logger, notice);
  }
}
