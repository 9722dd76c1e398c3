import { createHash, randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import { SharedGuardUnavailable } from "../errors.js";
import type { DuplicateMatch, SendGuard, SendRecord } from "../guards/duplicate-guard.js";
import type { Logger } from "../logger.js";
import { RedisScript } from "./redis-script.js";

/**
 * Claims the key unless a send holds it (then answers that send); `force` claims regardless.
 * The window is the key's TTL, so Redis forgets a send exactly when the guard would.
 */
const CLAIM = new RedisScript(`
if ARGV[3] ~= '1' then
  local current = redis.call('GET', KEYS[1])
  if current then return current end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false
`);

/** Records the outcome of this replica's own claim (a later claim by another send is left alone). */
const SETTLE = new RedisScript(`
local current = redis.call('GET', KEYS[1])
if not current then return 0 end
local at, state, token = string.match(current, '^([^|]*)|([^|]*)|(.*)$')
if token ~= ARGV[1] then return 0 end
if ARGV[2] == 'failed' then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], at .. '|' .. ARGV[2] .. '|' .. token, 'KEEPTTL')
end
return 1
`);

export interface SharedGuardOptions {
  client: Redis;
  /** The key's namespace in Redis (a hash, never the key). */
  prefix: string;
  windowMs: number;
  ready(): boolean;
  onError(error: unknown): void;
  logger: Logger;
  now?: () => number;
}

/**
 * The duplicate send guard shared by every replica. Entries are named by a hash of the guard's
 * key (sender, recipients, content hash), so neither numbers nor text are stored in Redis.
 * When Redis cannot answer, sends are refused: a send that cannot be guarded is not made.
 */
export class SharedDuplicateGuard implements SendGuard {
  /** This process's claims still in flight, by guard key: only their owner settles them. */
  private readonly tokens = new Map<string, string>();
  private readonly now: () => number;

  constructor(private readonly options: SharedGuardOptions) {
    this.now = options.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.options.windowMs > 0;
  }

  get window(): number {
    return this.options.windowMs;
  }

  async find(key: string): Promise<DuplicateMatch | undefined> {
    if (!this.enabled) return undefined;
    const value = await this.call(() => this.options.client.get(this.redisKey(key)));
    return value ? this.match(value) : undefined;
  }

  async claim(key: string, force = false): Promise<DuplicateMatch | undefined> {
    if (!this.enabled) return undefined;
    const token = randomUUID();
    const record = `${this.now()}|pending|${token}`;
    const held = await this.call(() => CLAIM.run(this.options.client, [this.redisKey(key)], [record, this.options.windowMs, force ? "1" : "0"]));
    if (typeof held === "string") return this.match(held);
    this.tokens.set(key, token);
    return undefined;
  }

  async settle(key: string, outcome: "sent" | "unknown" | "failed"): Promise<void> {
    if (!this.enabled) return;
    const token = this.tokens.get(key);
    this.tokens.delete(key);
    if (!token) return;
    try {
      if (!this.options.ready()) throw new Error("Redis is unreachable");
      await SETTLE.run(this.options.client, [this.redisKey(key)], [token, outcome]);
    } catch (error) {
      // The claim stays "pending" until the window ends: the text stays blocked, which is the
      // safe side (a failed send is then refused until the window passes, never sent twice).
      this.options.onError(error);
      this.options.logger.warn({ outcome }, "could not record a send's outcome in the shared guard; the text stays blocked for the duplicate window");
    }
  }

  private async call<T>(run: () => Promise<T>): Promise<T> {
    if (!this.options.ready()) throw new SharedGuardUnavailable();
    try {
      return await run();
    } catch (error) {
      this.options.onError(error);
      throw new SharedGuardUnavailable();
    }
  }

  private redisKey(key: string): string {
    return `${this.options.prefix}:${createHash("sha256").update(key).digest("base64url")}`;
  }

  private match(value: string): DuplicateMatch {
    const [at, state] = value.split("|");
    const when = Number(at);
    return { at: new Date(when), state: (state ?? "unknown") as SendRecord["state"], agoMs: Math.max(0, this.now() - when) };
  }
}
