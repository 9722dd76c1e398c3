import type { Logger } from "../logger.js";
import { compareText } from "../text-order.js";
import type { InboundMessage } from "./events.js";

/** Reads a thread's newest messages (one upstream request, paced by the poll budget). */
export interface PollSource {
  read(signal: AbortSignal): Promise<InboundMessage[]>;
}

interface PollHooks {
  /** The messages there before anyone waited: the baseline, never told as new. */
  known(ids: string[]): void;
  /** Messages not seen before. */
  found(messages: InboundMessage[]): void;
  logger?: Logger;
}

/**
 * How long to sleep before the next read, by how long the thread has been quiet: a reply to a
 * text usually comes within seconds, and a thread quiet for minutes rarely needs a fast look.
 */
export function pollInterval(quietMs: number): number {
  if (quietMs < 10_000) return 1_000;
  if (quietMs < 60_000) return 2_000;
  if (quietMs < 300_000) return 5_000;
  return 10_000;
}

/**
 * One thread's poller: reads it now (the baseline), then again and again at the adaptive
 * interval until stopped. A failed read is logged and tried again at the next turn.
 */
export class Poller {
  private readonly controller = new AbortController();
  private readonly seen = new Set<string>();
  private primed = false;
  private quietSince = Date.now();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  /** Upstream reads made so far (for the bench and tests). */
  reads = 0;

  constructor(
    private readonly source: PollSource,
    private readonly hooks: PollHooks,
    private readonly interval: (quietMs: number) => number = pollInterval,
  ) {}

  /** Reads the baseline; resolves when it is known (or could not be read). */
  async start(): Promise<void> {
    await this.read();
    this.schedule();
  }

  /** Someone new is waiting: look often again for a while. */
  hurry(): void {
    this.quietSince = Date.now();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.controller.abort(new Error("no one waits on this thread any more"));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        void this.read().then(() => this.schedule());
      },
      this.interval(Date.now() - this.quietSince),
    );
    this.timer.unref?.();
  }

  private async read(): Promise<void> {
    if (this.stopped) return;
    let messages: InboundMessage[];
    try {
      this.reads += 1;
      messages = await this.source.read(this.controller.signal);
    } catch (error) {
      if (!this.stopped) this.hooks.logger?.warn({ err: error }, "polling a thread failed; trying again at the next turn");
      return;
    }
    if (this.stopped) return;
    const fresh = messages.filter((m) => !this.seen.has(m.id));
    for (const m of fresh) this.seen.add(m.id);
    // A read sees at most a page; ids far older than that can be forgotten.
    while (this.seen.size > 1_000) this.seen.delete(this.seen.values().next().value as string);
    if (!this.primed) {
      this.primed = true;
      this.hooks.known(fresh.map((m) => m.id));
      return;
    }
    // Oldest first, as a person reads them.
    const incoming = fresh.filter((m) => m.direction === "incoming").sort((a, b) => compareText(a.createdAt, b.createdAt));
    if (incoming.length > 0) {
      this.quietSince = Date.now();
      this.hooks.found(incoming);
    }
  }
}
