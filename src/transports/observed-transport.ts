import type { Transport, TransportSendOptions } from "@modelcontextprotocol/sdk/shared/transport.js";
import type { JSONRPCMessage, MessageExtraInfo } from "@modelcontextprotocol/sdk/types.js";

export interface TransportObserver {
  /** A request from the client arrived; its answer is owed. */
  callStarted(): void;
  /** The answer to a request was handed to the transport (sent or failed). */
  callFinished(): void;
  /** After each message the server sends, for flow control. */
  afterSend?(): void;
  /** The transport closed. */
  closed?(): void;
}

/**
 * Sits between an McpServer and an SDK transport and tells the HTTP app what passes through:
 * how many calls are being answered (on the legacy transport a POST is answered 202 at once
 * and the result follows on the SSE stream, so only the messages tell when a call is done), and
 * when the transport closes. The server owns this object's callbacks; this object owns the
 * inner transport's, through the Transport interface only.
 */
export class ObservedTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: <T extends JSONRPCMessage>(message: T, extra?: MessageExtraInfo) => void;
  private readonly pending = new Set<string>();

  constructor(
    private readonly inner: Transport,
    private readonly observer: TransportObserver,
  ) {}

  get sessionId(): string | undefined {
    return this.inner.sessionId;
  }

  setProtocolVersion(version: string): void {
    this.inner.setProtocolVersion?.(version);
  }

  async start(): Promise<void> {
    this.inner.onmessage = (message, extra) => {
      if ("method" in message && "id" in message && !this.pending.has(String(message.id))) {
        this.pending.add(String(message.id));
        this.observer.callStarted();
      }
      this.onmessage?.(message, extra);
    };
    this.inner.onerror = (error) => this.onerror?.(error);
    this.inner.onclose = () => {
      // Calls left unanswered by a closing transport are no longer owed.
      for (const _ of this.pending) this.observer.callFinished();
      this.pending.clear();
      this.observer.closed?.();
      this.onclose?.();
    };
    await this.inner.start();
  }

  async send(message: JSONRPCMessage, options?: TransportSendOptions): Promise<void> {
    try {
      await this.inner.send(message, options);
    } finally {
      if (!("method" in message) && "id" in message && this.pending.delete(String(message.id))) this.observer.callFinished();
      this.observer.afterSend?.();
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}
