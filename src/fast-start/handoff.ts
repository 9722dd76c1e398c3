import { serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";
import type { StdinLines } from "./stdin-lines.js";

/**
 * The full server's stdio transport after a fast start: it replays what the fast path read,
 * drops the server's second answer to requests the fast path already answered, and then
 * reads stdin like the SDK's own stdio transport.
 */
export class HandoffTransport implements Transport {
  onmessage?: (message: JSONRPCMessage) => void;
  onclose?: () => void;
  onerror?: (error: Error) => void;

  constructor(private readonly input: StdinLines) {}

  async start(): Promise<void> {
    this.input.onEnd = () => this.onclose?.();
    this.input.resume((line) => {
      try {
        this.onmessage?.(parseFrame(line));
      } catch (error) {
        this.onerror?.(error as Error);
      }
    });
    if (this.input.ended) this.onclose?.();
  }

  async send(message: JSONRPCMessage): Promise<void> {
    if ("id" in message && message.id !== undefined && ("result" in message || "error" in message) && this.input.answered.delete(message.id)) return;
    await new Promise<void>((resolve) => {
      if (process.stdout.write(serializeMessage(message))) resolve();
      else process.stdout.once("drain", resolve);
    });
  }

  async close(): Promise<void> {
    this.onclose?.();
  }
}

/**
 * One line of stdin as a JSON-RPC message. The SDK's own stdio transport checks it against the
 * whole message union here, and the protocol layer then checks its kind again and the handler
 * its params: the first check is a third of the time the server spends on a small call before
 * its handler runs, and adds nothing the other two miss. What is not JSON-RPC 2.0 at all stops
 * here; anything else that is malformed is refused by the protocol layer as before.
 */
function parseFrame(line: string): JSONRPCMessage {
  const message: unknown = JSON.parse(line);
  if (typeof message !== "object" || message === null || Array.isArray(message) || (message as { jsonrpc?: unknown }).jsonrpc !== "2.0") {
    throw new Error(`Not a JSON-RPC 2.0 message: ${line.slice(0, 200)}`);
  }
  return message as JSONRPCMessage;
}
