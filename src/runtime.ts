import type { Config } from "./config.js";
import { createLogger, type Logger } from "./logger.js";
import { createServices } from "./services.js";
import type { Services } from "./tools/define.js";

/** A configured process: its logger, its services, and what to stop on exit. */
export interface Runtime {
  config: Config;
  logger: Logger;
  services: Services;
  close(): Promise<void>;
}

/**
 * What a process shares whatever Maton key a call uses: its configuration (pointed at the
 * sandbox when there is one), its logger, and what to stop on exit. The HTTP server makes
 * each key's services on top of it.
 */
export type SharedRuntime = Omit<Runtime, "services">;

/**
 * Prepares the services a command needs. In sandbox mode the embedded simulator starts on a
 * loopback port first and the real HTTP client is pointed at it, so every byte takes the
 * production path.
 */
export async function startRuntime(config: Config): Promise<Runtime> {
  const shared = await startSharedRuntime(config);
  const services = createServices(shared.config, shared.config.apiKey as string, shared.logger);
  return { ...shared, services };
}

/**
 * The logger and, in sandbox mode, the sandbox. The sandbox keeps one workspace per Maton key,
 * so in multi-tenant mode each client's key gets its own simulated workspace.
 */
export async function startSharedRuntime(config: Config): Promise<SharedRuntime> {
  const logger = createLogger(config.logLevel);
  let close = async () => {};
  let effective = config;
  if (config.sandbox) {
    const { startSandbox } = await import("./sandbox/index.js");
    const sandbox = await startSandbox({ authorized: !config.sandboxUnauthorized });
    effective = { ...config, apiKey: config.apiKey ?? "sandbox", gatewayUrl: sandbox.url, ctrlUrl: sandbox.url };
    close = () => sandbox.close();
    logger.info({ url: sandbox.url }, "sandbox started: a simulated Quo workspace, nothing is sent anywhere");
  }
  if (config.redisUrl) {
    const { startSharedBackend, stopSharedBackend } = await import("./replicas/backend.js");
    await startSharedBackend(config, logger);
    const closeSandbox = close;
    close = async () => {
      await stopSharedBackend();
      await closeSandbox();
    };
  }
  return { config: effective, logger, close };
}
