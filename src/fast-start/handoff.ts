import { deserializeMessage, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
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
        this.onmessage?.(deserializeMessage(line));
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
