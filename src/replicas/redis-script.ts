import { createHash } from "node:crypto";
import type { Redis } from "ioredis";

/**
 * A Lua script run by its SHA: Redis keeps scripts it has seen, so the text crosses the wire
 * only the first time (and again after Redis restarts empty, answering NOSCRIPT).
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash("sha1").update(source).digest("hex");
  }

  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!String((error as Error)?.message).startsWith("NOSCRIPT")) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

/**
 * Lua shared by the scripts: now, in ms (with microseconds), from Redis' own clock, so replicas
 * whose clocks differ still agree on every window. Counted from 2023 so that a float keeps
 * sub-millisecond precision through Lua's number formatting.
 */
export const NOW_LUA = `
local t = redis.call('TIME')
local now = (tonumber(t[1]) - 1700000000) * 1000 + tonumber(t[2]) / 1000
`;
