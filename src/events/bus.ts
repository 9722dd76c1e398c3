/**
 * Inbound events (a Quo webhook delivery, a poller's find) travel on a bus so that whatever
 * waits for them hears them, wherever they were received. In one process the bus is a plain
 * in-memory fan-out; with several replicas a shared implementation carries the same events to
 * every replica, so a webhook received by one replica wakes a wait held by another.
 */
export interface InboundEvent {
  /** Quo's event type, e.g. "message.received" or "call.transcript.completed". */
  type: string;
  /** The tenant the event belongs to (a tenant id hash, never a key). */
  tenant: string;
  /** A stable id for the delivery, so a repeated delivery can be recognised. */
  id: string;
  /** The event's object as Quo sent it. */
  data: unknown;
}

export type EventHandler = (event: InboundEvent) => void;

export interface EventBus {
  publish(event: InboundEvent): Promise<void>;
  /** Hears every event published from now on, on any replica; returns the way to stop hearing. */
  subscribe(handler: EventHandler): () => void;
  close(): Promise<void>;
}

/** The bus of a single process. */
export class LocalEventBus implements EventBus {
  private readonly handlers = new Set<EventHandler>();

  async publish(event: InboundEvent): Promise<void> {
    for (const handler of [...this.handlers]) handler(event);
  }

  subscribe(handler: EventHandler): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
