import { compareText } from "../text-order.js";
import type { InboundMessage } from "./events.js";
import type { ThreadWatch } from "./hub.js";

export interface WaitOptions {
  timeoutMs: number;
  signal: AbortSignal;
  /** After the first message, how long to gather more, so a burst comes back as one answer. */
  burstMs?: number;
  /** Only messages newer than this (epoch ms) count. */
  afterMs?: number;
  /** Messages that were already there (a catch-up read after `after`): they answer at once. */
  early?: InboundMessage[];
  /** Called about every `progressEveryMs` while nothing has come. */
  progress?: (elapsedMs: number) => void;
  progressEveryMs?: number;
}

export interface WaitResult {
  messages: InboundMessage[];
  timedOut: boolean;
}

export const BURST_MS = 1_000;

/**
 * Waits on a thread's watcher for new inbound messages. Resolves with them about a second
 * after the first arrives, or empty at the timeout; rejects with the signal's reason as soon
 * as the call is cancelled, and lets go of its listener either way.
 */
export function waitForMessages(watch: ThreadWatch, options: WaitOptions): Promise<WaitResult> {
  const { signal } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<WaitResult>((resolve, reject) => {
    const got: InboundMessage[] = [];
    const ids = new Set<string>();
    const started = Date.now();
    let burst: NodeJS.Timeout | undefined;
    let stopListening: (() => void) | undefined;
    const cleanup = () => {
      clearTimeout(timeout);
      clearTimeout(burst);
      clearInterval(ticker);
      stopListening?.();
      signal.removeEventListener("abort", onAbort);
    };
    const finish = (timedOut: boolean) => {
      cleanup();
      resolve({ messages: got.sort((a, b) => compareText(a.createdAt, b.createdAt)), timedOut: timedOut && got.length === 0 });
    };
    const take = (message: InboundMessage) => {
      if (ids.has(message.id)) return;
      if (options.afterMs !== undefined && Date.parse(message.createdAt) <= options.afterMs) return;
      ids.add(message.id);
      got.push(message);
      burst ??= setTimeout(() => finish(false), options.burstMs ?? BURST_MS);
    };
    const onAbort = () => {
      cleanup();
      reject(signal.reason);
    };
    const timeout = setTimeout(() => finish(true), options.timeoutMs);
    const every = options.progressEveryMs ?? 10_000;
    const ticker = setInterval(() => {
      if (got.length === 0) options.progress?.(Date.now() - started);
    }, every);
    signal.addEventListener("abort", onAbort, { once: true });
    stopListening = watch.listen(take);
    for (const message of options.early ?? []) take(message);
  });
}
