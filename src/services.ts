import type { Config } from "./config.js";
import { GatewayClient } from "./gateway/client.js";
import { Connections } from "./gateway/connections.js";
import { limiterFor, releaseLimiter } from "./gateway/limiter.js";
import { DuplicateGuard } from "./guards/duplicate-guard.js";
import { pollPaceFor, tenantTag } from "./inbound/tenant.js";
import { type Logger, registerSecret } from "./logger.js";
import { NumberDirectory } from "./quo/directory.js";
import { toE164 } from "./quo/phone.js";
import { createQuo } from "./quo/quo.js";
import { sharedBackend } from "./replicas/backend.js";
import { ContactCache } from "./tools/contacts/cache.js";
import type { Services } from "./tools/define.js";

/**
 * Builds what the tools use for one Maton key: the Quo clients (over one gateway client), a
 * gateway client for the control plane, and the number directory with its cache. Nothing here
 * is shared between keys; the one thing shared between sessions of the same key is its rate
 * limiter (both planes count against the one Maton account).
 */
export function createServices(config: Config, apiKey: string, logger: Logger, connectionId = config.connectionId): Services {
  const releaseSecret = registerSecret(apiKey);
  // With --redis-url the budget, the send guard and the numbers are shared by every replica.
  const shared = sharedBackend();
  const pace = shared?.limiter(apiKey, config.rateLimit) ?? { limiter: limiterFor(apiKey, config.rateLimit), release: () => releaseLimiter(apiKey) };
  const common = {
    apiKey,
    timeoutMs: config.timeoutMs,
    deadlineMs: config.deadlineMs,
    limiter: pace.limiter,
    logger,
  };
  const gateway = new GatewayClient({ ...common, baseUrl: `${config.gatewayUrl}/quo`, connectionId });
  const control = new GatewayClient({ ...common, baseUrl: config.ctrlUrl });
  const quo = createQuo(gateway);
  const poll = pollPaceFor(apiKey, config.rateLimit);
  return {
    quo,
    connections: new Connections(control),
    directory: new NumberDirectory(quo.numbers, (input) => toE164(input, config.defaultRegion), Date.now, shared?.cache(apiKey, connectionId)),
    connectionId,
    config,
    logger,
    duplicates: shared?.guard(apiKey, config.duplicateWindowMs) ?? new DuplicateGuard(config.duplicateWindowMs),
    ...(shared ? { shared: shared.cache(apiKey, connectionId) } : {}),
    contactCache: new ContactCache(),
    inbound: { tenant: tenantTag(config, apiKey, connectionId), pollPace: poll.pace },
    dispose() {
      poll.release();
      releaseSecret();
      pace.release();
    },
  };
}
