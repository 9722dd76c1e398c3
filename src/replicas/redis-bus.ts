import type { Redis } from "ioredis";
import type { EventBus, EventHandler, InboundEvent } from "../events/bus.js";
import type { Logger } from "../logger.js";

/**
 * The inbound event bus across replicas, on Redis pub/sub. An event is handed to this
 * replica's handlers at once and published for the others; each replica skips its own echo, so
 * every handler hears every event once. Pub/sub keeps nothing: an event published while a
 * replica is cut off from Redis does not reach it later (waits there fall back to polling or
 * time out, as a wait always may).
 */
export class RedisEventBus implements EventBus {
  private readonly handlers = new Set<EventHandler>();
  private readonly onMessage: (channel: string, text: string) => void;
  private readonly listen: () => void;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly origin: string,
    private readonly logger: Logger,
  ) {
    this.onMessage = (from, text) => {
      if (from !== this.channel) return;
      let envelope: { origin?: string; event?: InboundEvent };
      try {
        envelope = JSON.parse(text) as typeof envelope;
      } catch {
        this.logger.warn("ignored a malformed message on the shared event bus");
        return;
      }
      if (envelope.origin === this.origin || !envelope.event) return;
      this.deliver(envelope.event);
    };
    subscriber.on("message", this.onMessage);
    // Subscribing again on every (re)connection is harmless and does not depend on the first
    // attempt having reached a Redis that was down at start.
    const listen = () =>
      void subscriber
        .subscribe(channel)
        .catch((error: unknown) => logger.warn({ error: (error as Error).message }, "could not subscribe to the shared event bus yet"));
    this.listen = listen;
    subscriber.on("ready", listen);
    if (subscriber.status === "ready") listen();
  }

  async publish(event: InboundEvent): Promise<void> {
    this.deliver(event);
    await this.publisher.publish(this.channel, JSON.stringify({ origin: this.origin, event }));
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
    this.subscriber.off("message", this.onMessage);
    this.subscriber.off("ready", this.listen);
  }

  private deliver(event: InboundEvent): void {
    for (const handler of [...this.handlers]) {
      try {
        handler(event);
      } catch (error) {
        this.logger.error({ err: error, type: event.type }, "an inbound event handler failed");
      }
    }
  }
}
