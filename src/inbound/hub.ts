import type { EventBus, InboundEvent } from "../events/bus.js";
import { LocalEventBus } from "../events/bus.js";
import type { Logger } from "../logger.js";
import { callIdOf, type InboundMessage, messageOf } from "./events.js";
import { Poller, type PollSource } from "./poller.js";

/**
 * Where inbound events meet the calls waiting for them. One hub per process holds one watcher
 * per watched thread (tenant + own number + participants) and per watched call, however many
 * waits and subscriptions share it: ten waits on a thread cost one watcher's polling, or none
 * when the events are pushed by Quo's webhooks.
 *
 * Every event reaches the watchers through the bus, whether a webhook receiver or a poller
 * found it, so a bus shared between replicas wakes a wait held by any of them.
 */

/** How this process learns of new messages: Quo pushes webhooks to it, or it polls. */
export type InboundMode = "push" | "poll";

export interface ThreadSpec {
  /** The tenant tag of the waiting session (see tenant-tag.ts). */
  tenant: string;
  phoneNumberId: string;
  /** The own number in E.164, to tell the participants from it in an event. */
  ownNumber: string;
  participants: string[];
}

type MessageListener = (message: InboundMessage) => void;

export interface ThreadWatch {
  /** Settles once the watcher knows the thread's current messages (at once with push). */
  ready: Promise<void>;
  /** Hears every new inbound message of the thread from now on; returns the way to stop. */
  listen(listener: MessageListener): () => void;
  /** Lets go of the watcher; the last one out stops its polling. */
  release(): void;
}

export interface CallSpec {
  tenant: string;
  callId: string;
}

export type CallListener = (type: string) => void;

const threadKey = (spec: ThreadSpec) => `${spec.tenant}\0${spec.phoneNumberId}\0${[...spec.participants].sort().join(",")}`;

class ThreadWatcher {
  readonly listeners = new Set<MessageListener>();
  /** Inbound message ids already told, so a message found twice (poll and push, or two replicas) is told once. */
  private readonly told = new Set<string>();
  holders = 0;
  poller: Poller | undefined;
  ready: Promise<void> = Promise.resolve();

  constructor(readonly spec: ThreadSpec) {}

  matches(message: InboundMessage): boolean {
    const own = this.spec.ownNumber;
    if (message.phoneNumberId && message.phoneNumberId !== this.spec.phoneNumberId) return false;
    if (!message.phoneNumberId && !message.to.includes(own) && message.from !== own) return false;
    const others = new Set([message.from, ...message.to].filter((n) => n !== own));
    return others.size === this.spec.participants.length && this.spec.participants.every((p) => others.has(p));
  }

  /** Remembers ids seen before anyone listened, so they are not told as new. */
  know(ids: Iterable<string>): void {
    for (const id of ids) this.remember(id);
  }

  tell(message: InboundMessage): void {
    if (message.direction !== "incoming" || this.told.has(message.id)) return;
    this.remember(message.id);
    for (const listener of [...this.listeners]) listener(message);
  }

  private remember(id: string): void {
    this.told.add(id);
    // A thread's history is bounded by what one wait can see; the oldest ids can go.
    if (this.told.size > 2_000) this.told.delete(this.told.values().next().value as string);
  }
}

export class InboundHub {
  private readonly threads = new Map<string, ThreadWatcher>();
  private readonly calls = new Map<string, Set<CallListener>>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly bus: EventBus,
    readonly mode: InboundMode,
    private readonly logger?: Logger,
  ) {
    this.unsubscribe = bus.subscribe((event) => this.dispatch(event));
  }

  /** Threads watched now (for tests, the bench and logs). */
  get watchedThreads(): number {
    return this.threads.size;
  }

  /**
   * Joins (or starts) the watcher of one thread. With polling, `source` reads the thread's newest
   * messages; the first joiner's source serves every later one of the same tenant.
   */
  watchThread(spec: ThreadSpec, source?: PollSource): ThreadWatch {
    const key = threadKey(spec);
    let watcher = this.threads.get(key);
    if (!watcher) {
      const created = new ThreadWatcher(spec);
      watcher = created;
      this.threads.set(key, watcher);
      if (this.mode === "poll" && source) {
        created.poller = new Poller(source, {
          known: (ids) => created.know(ids),
          found: (messages) => {
            for (const message of messages) void this.publish(spec.tenant, message);
          },
          logger: this.logger,
        });
        created.ready = created.poller.start();
      }
    }
    const held = watcher;
    held.holders += 1;
    let released = false;
    const mine = new Set<MessageListener>();
    return {
      ready: held.ready,
      listen: (listener) => {
        held.listeners.add(listener);
        mine.add(listener);
        held.poller?.hurry();
        return () => {
          held.listeners.delete(listener);
          mine.delete(listener);
        };
      },
      release: () => {
        if (released) return;
        released = true;
        for (const listener of mine) held.listeners.delete(listener);
        held.holders -= 1;
        if (held.holders <= 0 && this.threads.get(key) === held) {
          this.threads.delete(key);
          held.poller?.stop();
        }
      },
    };
  }

  /** Hears the events about one call (its transcript, summary, recording...). */
  watchCall(spec: CallSpec, listener: CallListener): () => void {
    const key = `${spec.tenant}\0${spec.callId}`;
    let set = this.calls.get(key);
    if (!set) {
      set = new Set();
      this.calls.set(key, set);
    }
    set.add(listener);
    const held = set;
    return () => {
      held.delete(listener);
      if (held.size === 0 && this.calls.get(key) === held) this.calls.delete(key);
    };
  }

  /** A poller's find goes out on the bus like a webhook's, so every replica hears it. */
  private async publish(tenant: string, message: InboundMessage): Promise<void> {
    try {
      await this.bus.publish({ type: "message.received", tenant, id: `poll:${message.id}`, data: { resource: message } });
    } catch (error) {
      this.logger?.warn({ err: error }, "could not publish a polled message on the event bus");
    }
  }

  private dispatch(event: InboundEvent): void {
    try {
      const data = (event.data ?? {}) as { resource?: Record<string, unknown>; context?: Record<string, unknown>; createdAt?: string };
      if (!data.resource || typeof data.resource !== "object") return;
      const delivery = { type: event.type, resource: data.resource, context: data.context, createdAt: data.createdAt };
      if (event.type === "message.received") {
        const message = messageOf(delivery);
        if (!message) return;
        for (const watcher of this.threads.values()) {
          if (watcher.spec.tenant === event.tenant && watcher.matches(message)) watcher.tell(message);
        }
      } else if (event.type.startsWith("call.")) {
        const callId = callIdOf(delivery);
        const set = callId ? this.calls.get(`${event.tenant}\0${callId}`) : undefined;
        for (const listener of [...(set ?? [])]) listener(event.type);
      }
    } catch (error) {
      this.logger?.warn({ err: error, type: event.type }, "an inbound event could not be dispatched");
    }
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    for (const watcher of this.threads.values()) watcher.poller?.stop();
    this.threads.clear();
    this.calls.clear();
  }
}

/**
 * The process's hub. Until a server installs one (serve-http.ts with the webhook receiver, or
 * a shared bus), it polls over an in-process bus: what stdio and the CLI need.
 */
let current: InboundHub | undefined;

export function inboundHub(): InboundHub {
  current ??= new InboundHub(new LocalEventBus(), "poll");
  return current;
}

/** Installs the hub this process uses: its bus (in-process, or shared between replicas) and its mode. */
export function installInbound(bus: EventBus, mode: InboundMode, logger?: Logger): InboundHub {
  void current?.close();
  current = new InboundHub(bus, mode, logger);
  return current;
}
