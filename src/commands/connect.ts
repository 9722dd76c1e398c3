import { spawn } from "node:child_process";
import { hasDesktop } from "../config.js";
import { QuoMcpError } from "../errors.js";
import { startRuntime } from "../runtime.js";
import { AUTH_POLL_MS } from "../tools/authorize.js";
import type { Command } from "./command.js";

/** How long `connect` waits for the person to approve before giving up. */
const WAIT_LIMIT_MS = 15 * 60_000;

/**
 * `quo-mcp connect`: finds or creates the Quo connection for this Maton key, prints the link
 * to approve it (and opens a browser where there is one), waits until it is ACTIVE and prints
 * its id. Only the link and the id are printed; the key never is.
 */
export const connect: Command = async ({ config, json }) => {
  const runtime = await startRuntime(config);
  const { connections, connectionId } = runtime.services;
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once("SIGINT", onSignal);
  try {
    let { connection } = await connections.choose(connectionId, controller.signal);
    if (connection.status === "FAILED") {
      say(
        `The Quo connection ${connection.connection_id} FAILED (the grant was refused or expired); creating a new one. Delete the failed one afterwards with the manage_connection tool (action "delete").`,
      );
      connection = await connections.create(controller.signal);
    }
    if (connection.status !== "ACTIVE") {
      if (!connection.url) {
        say(`The Quo connection ${connection.connection_id} is ${connection.status} and has no link to approve it. Delete it and run quo-mcp connect again.`);
        return 1;
      }
      say("Open this link and approve access to your Quo workspace:");
      process.stdout.write(`${connection.url}\n`);
      if (openBrowser(connection.url)) say("(opened in your browser)");
      say("Waiting for the approval... (Ctrl-C to stop)");
      connection = await connections.waitUntilSettled(connection.connection_id, { signal: controller.signal, pollMs: AUTH_POLL_MS, limitMs: WAIT_LIMIT_MS });
      if (connection.status === "FAILED") {
        say(`The Quo connection ${connection.connection_id} FAILED. Run quo-mcp connect again to get a new link, then delete the failed connection.`);
        return 1;
      }
      if (connection.status !== "ACTIVE") {
        say(`Quo was not approved within ${WAIT_LIMIT_MS / 60_000} minutes. Run quo-mcp connect again when ready.`);
        return 1;
      }
    }
    if (json) process.stdout.write(`${JSON.stringify({ connectionId: connection.connection_id, status: connection.status })}\n`);
    else {
      say("Quo is connected. The connection id (set MATON_CONNECTION to it to pin it):");
      process.stdout.write(`${connection.connection_id}\n`);
    }
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      say("Stopped.");
      return 1;
    }
    if (error instanceof QuoMcpError) {
      say(error.message);
      return 1;
    }
    throw error;
  } finally {
    process.off("SIGINT", onSignal);
    await runtime.close();
  }
};

/**
 * Opens the link in a browser when this machine has a desktop: `open` on macOS, `start` on
 * Windows, `xdg-open` on Linux with a display. A missing opener is never an error: the link
 * is printed anyway.
 */
function openBrowser(url: string): boolean {
  let command: string;
  let args: string[];
  if (process.platform === "darwin") [command, args] = ["open", [url]];
  else if (process.platform === "win32") [command, args] = ["cmd", ["/c", "start", '""', url.replace(/&/g, "^&")]];
  else if (hasDesktop()) [command, args] = ["xdg-open", [url]];
  else return false;
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true });
    child.on("error", () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}
