/** One send the guard remembers. */
export interface SendRecord {
  at: number;
  /** "pending" while the request is in flight, then "sent" or "unknown". */
  state: "pending" | "sent" | "unknown";
}

export interface DuplicateMatch {
  at: Date;
  state: SendRecord["state"];
  agoMs: number;
}

type MaybePromise<T> = T | Promise<T>;

/**
 * The duplicate send guard as the sending tools use it. In one process it is the map below;
 * with replicas it lives in Redis, so its answers may take a round trip (and may fail: a guard
 * that cannot answer refuses the send).
 */
export interface SendGuard {
  readonly enabled: boolean;
  readonly window: number;
  /** The earlier send with this key inside the window, if any. */
  find(key: string): MaybePromise<DuplicateMatch | undefined>;
  /**
   * Marks a send as under way, in one step with the check: returns the earlier send that holds
   * the key instead (nothing is claimed then), unless `force` (the person confirmed a repeat).
   */
  claim(key: string, force?: boolean): MaybePromise<DuplicateMatch | undefined>;
  /** Records the outcome: "failed" forgets the claim, since nothing reached anyone. */
  settle(key: string, outcome: "sent" | "unknown" | "failed"): MaybePromise<void>;
}

/**
 * Remembers, per Maton key, which texts went to whom, so an agent loop that resends the same
 * text is refused instead of spamming a person. The key is the sender, the sorted recipients
 * and a hash of the content (the text itself is not kept). A send claims its key before the
 * request goes out, so two identical calls in parallel cannot both pass; a send that failed
 * for certain releases it, one whose outcome is unknown keeps it (it may have arrived).
 */
export class DuplicateGuard implements SendGuard {
  private readonly sends = new Map<string, SendRecord>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get enabled(): boolean {
    return this.windowMs > 0;
  }

  get window(): number {
    return this.windowMs;
  }

  static key(from: string, to: readonly string[], content: string): string {
    // node:crypto loads on the first send, not with the server (see secrets/key-id.ts).
    const hash = process.getBuiltinModule("node:crypto").createHash("sha256").update(content, "utf8").digest("base64url");
    return `${from}|${[...to].sort().join(",")}|${hash}`;
  }

  /** The earlier send with this key inside the window, if any. */
  find(key: string): DuplicateMatch | undefined {
    if (!this.enabled) return undefined;
    this.prune();
    const record = this.sends.get(key);
    if (!record) return undefined;
    const now = this.now();
    return { at: new Date(record.at), state: record.state, agoMs: now - record.at };
  }

  /** Marks a send as under way unless an earlier one holds the key; call settle() with its outcome afterwards. */
  claim(key: string, force = false): DuplicateMatch | undefined {
    if (!this.enabled) return undefined;
    const earlier = force ? undefined : this.find(key);
    if (!earlier) this.sends.set(key, { at: this.now(), state: "pending" });
    return earlier;
  }

  /** Records the outcome: "failed" forgets the claim, since nothing reached anyone. */
  settle(key: string, outcome: "sent" | "unknown" | "failed"): void {
    if (!this.enabled) return;
    if (outcome === "failed") {
      this.sends.delete(key);
      return;
    }
    const record = this.sends.get(key);
    this.sends.set(key, { at: record?.at ?? this.now(), state: outcome });
  }

  private prune(): void {
    const cutoff = this.now() - this.windowMs;
    for (const [key, record] of this.sends) {
      if (record.at <= cutoff) this.sends.delete(key);
    }
  }
}

/** "3 min ago", for refusals a person reads. */
export function ago(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  return `${Math.round(seconds / 60)} min ago`;
}

export function windowText(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000} min` : `${Math.round(ms / 1000)} s`;
}
