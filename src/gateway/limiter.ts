import { keyId } from "../secrets/key-id.js";

/**
 * Paces requests to the Maton gateway so one key never goes over its budget (Quo and Maton
 * both allow 10 requests per second per account).
 *
 * Two rules hold at once:
 * - a sliding window: at most `count` requests start in any `window` (for 10/s: 10 per 1.05 s).
 *   A token bucket alone cannot promise that: with a burst of b and a refill of r/s, any one
 *   second can see b + r starts. The window is 5% longer than the budget's second because
 *   requests reach the upstream with jitter; a request that left late must not be counted in
 *   the same second as one that left early.
 * - a small burst: a token bucket of `burst` tokens (half the budget) refilled at the full
 *   rate, so a batch of calls is spread out instead of landing on the gateway at one instant.
 *
 * A 429 from upstream halves the budget and pauses new starts (for its Retry-After, or one
 * window); the budget then climbs back linearly over `recoveryMs` without further 429s.
 * Waiting calls queue in order; an aborted call leaves the queue at once.
 */
/**
 * What the gateway client needs of a pace: a turn per request, and word of a 429. The
 * in-process RateLimiter below is one; with Redis, one shared by every replica is another.
 */
export interface Limiter {
  /** Resolves when the caller may send one request; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Upstream answered 429: slow down, and pause for `retryAfterMs` (or a window). */
  penalize(retryAfterMs?: number): void;
}

export interface LimiterOptions {
  /** Requests per second (may be fractional: 0.5 is one request per two seconds). */
  rate: number;
  burst?: number;
  /** Extra share of the window kept free for network jitter. */
  guard?: number;
  recoveryMs?: number;
  now?: () => number;
}

interface Waiter {
  resolve(): void;
  reject(reason: unknown): void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export class RateLimiter implements Limiter {
  /** Requests allowed in one window at full budget. */
  readonly count: number;
  /** The window, in ms, guard included. */
  readonly windowMs: number;
  private readonly burst: number;
  private readonly recoveryMs: number;
  private readonly now: () => number;
  private starts: number[] = [];
  private tokens: number;
  private refilledAt: number;
  private queue: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pausedUntil = 0;
  private penalty: { at: number; factor: number } | undefined;

  constructor(options: LimiterOptions) {
    if (!(options.rate > 0)) throw new RangeError("rate must be above 0");
    this.now = options.now ?? Date.now;
    this.count = Math.max(1, Math.floor(options.rate));
    this.windowMs = ((this.count * 1000) / options.rate) * (1 + (options.guard ?? 0.05));
    this.burst = Math.max(1, Math.min(this.count, options.burst ?? Math.ceil(this.count / 2)));
    this.recoveryMs = options.recoveryMs ?? 10_000;
    this.tokens = this.burst;
    this.refilledAt = this.now();
  }

  /** Resolves when the caller may send one request; rejects with the signal's reason if it aborts first. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Most calls find the budget free: they start at once, without queueing or listening for
    // an abort (AbortSignal listeners are a measurable part of a call's own cost).
    const now = this.now();
    if (this.queue.length === 0 && this.waitFor(now) === 0) {
      this.take(now);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const index = this.queue.indexOf(waiter);
          if (index >= 0) this.queue.splice(index, 1);
          reject(signal.reason);
          this.pump();
        };
        signal.addEventListener("abort", waiter.onAbort, { once: true });
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Upstream answered 429: slow down, and pause for `retryAfterMs` (or a window). */
  penalize(retryAfterMs?: number): void {
    const now = this.now();
    const factor = Math.max(1 / this.count, this.factor(now) / 2);
    this.penalty = { at: now, factor };
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? this.windowMs));
    this.tokens = 0;
    this.refilledAt = now;
    this.reschedule();
  }

  /** Requests waiting for their turn (for tests and logs). */
  get waiting(): number {
    return this.queue.length;
  }

  /** The share of the budget in force: 1 normally, less for a while after a 429. */
  private factor(now: number): number {
    if (!this.penalty) return 1;
    const progress = (now - this.penalty.at) / this.recoveryMs;
    if (progress >= 1) {
      this.penalty = undefined;
      return 1;
    }
    return this.penalty.factor + (1 - this.penalty.factor) * Math.max(0, progress);
  }

  /** How long the head of the queue must still wait, in ms (0: it may go now). */
  private waitFor(now: number): number {
    const count = Math.max(1, Math.floor(this.count * this.factor(now)));
    const perMs = count / this.windowMs;
    this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * perMs);
    this.refilledAt = now;
    while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.windowMs) this.starts.shift();
    const paused = this.pausedUntil - now;
    const windowWait = this.starts.length >= count ? (this.starts[this.starts.length - count] as number) + this.windowMs - now : 0;
    const tokenWait = this.tokens >= 1 ? 0 : (1 - this.tokens) / perMs;
    return Math.max(0, paused, windowWait, tokenWait);
  }

  private pump(): void {
    while (this.queue.length > 0) {
      const now = this.now();
      const wait = this.waitFor(now);
      if (wait > 0) {
        this.reschedule(wait);
        return;
      }
      const waiter = this.queue.shift() as Waiter;
      this.take(now);
      if (waiter.onAbort) waiter.signal?.removeEventListener("abort", waiter.onAbort);
      waiter.resolve();
    }
    this.reschedule();
  }

  private take(now: number): void {
    this.tokens -= 1;
    this.starts.push(now);
  }

  private reschedule(wait?: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.queue.length === 0) return;
    const delay = wait ?? this.waitFor(this.now());
    // Timers can fire a hair early; the extra millisecond keeps the window rule exact.
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.ceil(delay) + 1);
  }
}

/**
 * One limiter per Maton key for the whole process, so every session and tool using the key
 * shares its budget. Keyed by a hash: the registry never holds the key itself.
 */
const registry = new Map<string, { limiter: RateLimiter; holders: number }>();

/** The key's limiter; each call is one holder, to be let go with releaseLimiter. */
export function limiterFor(apiKey: string, rate: number): RateLimiter {
  const id = keyId(apiKey);
  let entry = registry.get(id);
  if (!entry) {
    entry = { limiter: new RateLimiter({ rate }), holders: 0 };
    registry.set(id, entry);
  }
  entry.holders += 1;
  return entry.limiter;
}

/** Lets go of one holder; the limiter is forgotten when the key has none left. */
export function releaseLimiter(apiKey: string): void {
  const id = keyId(apiKey);
  const entry = registry.get(id);
  if (entry && --entry.holders <= 0) registry.delete(id);
}
