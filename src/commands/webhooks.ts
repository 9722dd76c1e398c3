import { GatewayError } from "../errors.js";
import { tenantIdentity, webhookToken } from "../inbound/tenant.js";
import { INBOUND_EVENTS } from "../quo/dated.js";
import { startRuntime } from "../runtime.js";
import { isLoopbackHost } from "../transports/http-security.js";
import type { Command } from "./command.js";

const usage = "usage: quo-mcp webhooks register --url <public https URL of this server's webhook path, e.g. https://mcp.example.com/webhooks/quo>";

/**
 * `quo-mcp webhooks register --url URL`: creates a webhook in Quo's new system (dated API,
 * through the gateway) for replies and call events, pointed at this server's receiver, and
 * shows its signing secret once, to put in QUO_MCP_WEBHOOK_SECRET. On a multi-tenant server
 * the URL gets this key's tenant token, so its deliveries reach only this tenant's waits.
 */
export const webhooks: Command = async ({ config, positionals, json, url }) => {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  if (positionals[0] !== "register" || positionals.length > 1) {
    say(`quo-mcp: ${usage}`);
    return 2;
  }
  const target = checkUrl(url);
  if (typeof target === "string") {
    say(`quo-mcp: --url ${target}. ${usage}`);
    return 2;
  }
  if (config.multiTenant) {
    if (!config.webhookTenantKey) {
      say("quo-mcp: a multi-tenant server ties deliveries to tenants with QUO_MCP_WEBHOOK_TENANT_KEY: set it to the server's value");
      return 2;
    }
    target.searchParams.set("tenant", webhookToken(config.webhookTenantKey, tenantIdentity(config.apiKey as string, config.connectionId)));
  }
  const runtime = await startRuntime(config);
  try {
    const created = await runtime.services.quo.webhooks.createDated({
      url: target.toString(),
      events: [...INBOUND_EVENTS],
      resourceIds: ["*"],
      label: "quo-mcp",
    });
    const hook = created.data;
    if (json) {
      process.stdout.write(`${JSON.stringify({ id: hook.id, url: hook.url, events: hook.events, key: hook.key })}\n`);
    } else {
      say(`Created webhook ${hook.id} for ${hook.events.join(", ")}, delivering to ${hook.url}.`);
      say("Its signing secret, shown only this once: set it on the server (comma-separate several while rotating):");
      process.stdout.write(`QUO_MCP_WEBHOOK_SECRET=${hook.key}\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof GatewayError) {
      say(`quo-mcp: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await runtime.close().catch(() => {});
  }
};

/** The URL to register, or what is wrong with it. Plain http only reaches this machine. */
function checkUrl(raw: string | undefined): URL | string {
  if (!raw) return "is required";
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `must be a full URL such as https://mcp.example.com/webhooks/quo (got "${raw}")`;
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopbackHost(url.hostname.replace(/^\[|\]$/g, ""))) return url;
  return "must be https (Quo delivers only to public https endpoints; http is accepted for loopback tests)";
}
