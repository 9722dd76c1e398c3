import type { Redis } from "ioredis";
import { type Limiter, RateLimiter } from "../gateway/limiter.js";
import { NOW_LUA, RedisScript } from "./redis-script.js";

/**
 * What is left of the budget after a 429: the factor it set, recovering linearly to 1 over
 * `recovery` ms from `penaltyAt` (1 when there was none). Both scripts below read it.
 */
const BUDGET_FACTOR_LUA = `
local function budgetFactor(penaltyAt, penaltyFactor, recovery)
  if not penaltyAt then return 1 end
  local progress = (now - penaltyAt) / recovery
  if progress >= 1 then return 1 end
  return penaltyFactor + (1 - penaltyFactor) * math.max(0, progress)
end
`;

/**
 * The in-process limiter's two rules (a sliding window of `count` starts per `windowMs`, and a
 * token bucket of `burst` refilled at the full rate), and its 429 penalty, kept in Redis and
 * applied in one atomic script, so all replicas together keep to the key's budget. Returns 0
 * when the caller may start now (its start is recorded), or how many ms to wait.
 */
const ACQUIRE = new RedisScript(`${NOW_LUA}${BUDGET_FACTOR_LUA}
local count = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local recovery = tonumber(ARGV[4])
local st = redis.call('HMGET', KEYS[2], 'tokens', 'refilledAt', 'pausedUntil', 'penaltyAt', 'penaltyFactor')
local factor = budgetFactor(tonumber(st[4]), tonumber(st[5]), recovery)
local allowed = math.max(1, math.floor(count * factor))
local perMs = allowed / windowMs
local tokens = tonumber(st[1]) or burst
local refilledAt = tonumber(st[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - refilledAt) * perMs)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
local n = redis.call('ZCARD', KEYS[1])
local wait = (tonumber(st[3]) or 0) - now
if n >= allowed then
  local oldest = redis.call('ZRANGE', KEYS[1], n - allowed, n - allowed, 'WITHSCORES')
  wait = math.max(wait, tonumber(oldest[2]) + windowMs - now)
end
if tokens < 1 then wait = math.max(wait, (1 - tokens) / perMs) end
local ttl = math.ceil(windowMs + recovery)
if wait > 0 then
  redis.call('HSET', KEYS[2], 'tokens', tostring(tokens), 'refilledAt', tostring(now))
  redis.call('PEXPIRE', KEYS[2], ttl)
  return math.ceil(wait)
end
redis.call('ZADD', KEYS[1], now, ARGV[5])
redis.call('HSET', KEYS[2], 'tokens', tostring(tokens - 1), 'refilledAt', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(windowMs) + 1000)
redis.call('PEXPIRE', KEYS[2], ttl)
return 0
`);

/** A 429 anywhere halves the budget for every replica and pauses them all (Retry-After, or a window). */
const PENALIZE = new RedisScript(`${NOW_LUA}${BUDGET_FACTOR_LUA}
local count = tonumber(ARGV[1])
local windowMs = tonumber(ARGV[2])
local retryAfter = tonumber(ARGV[3])
local recovery = tonumber(ARGV[4])
local st = redis.call('HMGET', KEYS[1], 'pausedUntil', 'penaltyAt', 'penaltyFactor')
local factor = budgetFactor(tonumber(st[2]), tonumber(st[3]), recovery)
local pause = windowMs
if retryAfter >= 0 then pause = retryAfter end
local pausedUntil = math.max(tonumber(st[1]) or 0, now + pause)
redis.call('HSET', KEYS[1], 'penaltyAt', tostring(now), 'penaltyFactor', tostring(math.max(1 / count, factor / 2)), 'pausedUntil', tostring(pausedUntil), 'tokens', '0', 'refilledAt', tostring(now))
redis.call('PEXPIRE', KEYS[1], math.ceil(pause + windowMs + recovery))
return 1
`);

export interface SharedLimiterOptions {
  client: Redis;
  /** The key's namespace in Redis (a hash, never the key). */
  prefix: string;
  rate: number;
  /** Replicas expected to share the key: while Redis is unreachable each keeps to rate / replicas. */
  replicas: number;
  ready(): boolean;
  onError(error: unknown): void;
  /** Unique among replicas, for the members of the window's set. */
  origin: string;
}

const RECOVERY_MS = 10_000;
/** A wait Redis prescribes is rechecked at least this often, so a 429 elsewhere or Redis leaving is noticed. */
const MAX_SLEEP_MS = 1_000;
/** A granted turn that took longer than this to arrive is not used (see take()). */
const STALE_GRANT_MS = 60;

/**
 * The key's pace across every replica. Calls of this process queue here in order and only the
 * head asks Redis, so a burst of local calls costs one round trip per start rather than a
 * storm of polls.
 */
export class SharedRateLimiter implements Limiter {
  private readonly local: RateLimiter;
  private readonly count: number;
  private readonly windowMs: number;
  private readonly burst: number;
  private readonly keys: string[];
  private tail: Promise<void> = Promise.resolve();
  private sequence = 0;

  constructor(private readonly options: SharedLimiterOptions) {
    // The in-process limiter's numbers, with a wider guard: a turn granted by Redis crosses a
    // process boundary before its request leaves, so replicas' requests reach the gateway with
    // more jitter than one process's do.
    const shape = new RateLimiter({ rate: options.rate, guard: 0.1 });
    this.count = shape.count;
    this.windowMs = shape.windowMs;
    // A small burst: starts spread evenly leave each replica fewer requests in flight at once
    // (fewer new connections, less jitter); over a long run the window rule sets the pace anyway.
    this.burst = Math.max(1, Math.min(2, this.count));
    // A whole number of requests per window where possible: a fractional share of a second's
    // budget lets one limiter start a little more than its share within some one second, and
    // every replica together must still stay under the key's budget.
    const share = options.rate / options.replicas;
    this.local = new RateLimiter({ rate: share >= 1 ? Math.floor(share) : share, guard: 0.1 });
    this.keys = [`${options.prefix}:starts`, `${options.prefix}:state`];
  }

  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    const turn = this.tail.then(() => this.take(signal));
    this.tail = turn.catch(() => {});
    return signal ? untilAborted(turn, signal) : turn;
  }

  penalize(retryAfterMs?: number): void {
    this.local.penalize(retryAfterMs);
    if (!this.options.ready()) return;
    PENALIZE.run(this.options.client, [this.keys[1] as string], [this.count, this.windowMs, retryAfterMs ?? -1, RECOVERY_MS]).catch((error: unknown) =>
      this.options.onError(error),
    );
  }

  private async take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      if (!this.options.ready()) return this.local.acquire(signal);
      let wait: number;
      const asked = performance.now();
      try {
        const member = `${this.options.origin}:${this.sequence++}`;
        wait = Number(await ACQUIRE.run(this.options.client, this.keys, [this.count, this.windowMs, this.burst, RECOVERY_MS, member]));
      } catch (error) {
        this.options.onError(error);
        return this.local.acquire(signal);
      }
      if (!(wait > 0)) {
        // A turn is counted at Redis' time of granting it. One that reaches this process late
        // (a stalled event loop) would go out bunched with later ones and break the window
        // upstream; it stays counted (that is safe) and a fresh turn is taken instead.
        if (performance.now() - asked <= STALE_GRANT_MS) return;
        continue;
      }
      await sleep(Math.min(wait, MAX_SLEEP_MS), signal);
    }
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The turn, or the signal's reason as soon as it aborts (the queue then skips the turn). */
function untilAborted(turn: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    turn.then(
      () => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
