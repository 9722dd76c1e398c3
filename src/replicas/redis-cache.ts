import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { SharedCache } from "./backend.js";

export interface RedisCacheOptions {
  client: Redis;
  /** The tenant's namespace in Redis (a hash, never the key). */
  prefix: string;
  ready(): boolean;
  onError(error: unknown): void;
}

/** How long a replica waits for another to load a value before loading it itself. */
const FOLLOW_MS = 3_000;
const POLL_MS = 25;
/** A loader that died holding the lock frees it after this long. */
const LOCK_MS = 10_000;

/**
 * A small read-through cache shared by replicas: the first to miss takes a short lock and
 * loads; the others wait for its value instead of asking the gateway too. Any Redis trouble
 * degrades to loading directly: a cache is never a reason to fail a read.
 */
export class RedisCache implements SharedCache {
  constructor(private readonly options: RedisCacheOptions) {}

  async getOrLoad<T>(name: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const { client } = this.options;
    if (!this.options.ready()) return load();
    const key = `${this.options.prefix}:${name}`;
    const lock = `${key}:lock`;
    const token = randomUUID();
    let loader = false;
    try {
      const hit = await client.get(key);
      if (hit !== null) return unwrap<T>(hit);
      loader = (await client.set(lock, token, "PX", LOCK_MS, "NX")) === "OK";
      const until = Date.now() + FOLLOW_MS;
      while (!loader && Date.now() < until) {
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
        const [value, holder] = await Promise.all([client.get(key), client.get(lock)]);
        if (value !== null) return unwrap<T>(value);
        // The loader failed (it let go without a value): load here rather than wait out the time.
        if (holder === null) break;
      }
    } catch (error) {
      this.options.onError(error);
      return load();
    }
    return loader ? this.loadAndStore(key, lock, token, ttlMs, load) : load();
  }

  private async loadAndStore<T>(key: string, lock: string, token: string, ttlMs: number, load: () => Promise<T>): Promise<T> {
    const { client } = this.options;
    try {
      const value = await load();
      await client.set(key, JSON.stringify({ value }), "PX", ttlMs).catch((error: unknown) => this.options.onError(error));
      return value;
    } finally {
      // Only our own lock: it may have expired and been taken by another loader meanwhile.
      if ((await client.get(lock).catch(() => null)) === token) await client.del(lock).catch(() => {});
    }
  }
}

function unwrap<T>(text: string): T {
  return (JSON.parse(text) as { value: T }).value;
}
