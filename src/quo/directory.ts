import { ArgumentError } from "../errors.js";
import type { SharedCache } from "../replicas/backend.js";
import type { QuoNumbers } from "./numbers.js";
import type { PhoneResult } from "./phone.js";
import type { QuoPhoneNumber } from "./types.js";

/** How long the workspace's numbers are trusted: long enough for a burst of calls, short enough to see a new number. */
const TTL_MS = 60_000;

/**
 * The workspace's own Quo numbers, so tools accept a `PN` id, an E.164 number or a name
 * ("Main line") wherever a number of ours is asked for. One directory per Maton key.
 */
export class NumberDirectory {
  private cached?: { at: number; numbers: Promise<QuoPhoneNumber[]> };

  constructor(
    private readonly numbers: Pick<QuoNumbers, "list">,
    private readonly normalize: (input: string) => PhoneResult,
    private readonly now: () => number = Date.now,
    /** With replicas, the numbers one of them fetched serve all of them for the same time. */
    private readonly shared?: SharedCache,
  ) {}

  list(signal?: AbortSignal): Promise<QuoPhoneNumber[]> {
    const current = this.cached;
    let numbers: Promise<QuoPhoneNumber[]>;
    if (current && this.now() - current.at < TTL_MS) numbers = current.numbers;
    else {
      // One lookup serves every call waiting on it, so it must not die with the first caller's
      // cancellation: each caller stops waiting on its own signal instead (below).
      const load = () => this.numbers.list().then((page) => page.data);
      const fetched = this.shared ? this.shared.getOrLoad("numbers", TTL_MS, load) : load();
      numbers = fetched;
      this.cached = { at: this.now(), numbers: fetched };
      // A failed lookup must not be remembered.
      fetched.catch(() => {
        if (this.cached?.numbers === fetched) this.cached = undefined;
      });
    }
    return signal ? untilAborted(numbers, signal) : numbers;
  }

  /** Seeds the cache from a listing a tool already fetched. */
  remember(numbers: QuoPhoneNumber[]): void {
    this.cached = { at: this.now(), numbers: Promise.resolve(numbers) };
  }

  async resolve(input: string, argument: string, signal?: AbortSignal): Promise<QuoPhoneNumber> {
    const wanted = input.trim();
    const numbers = await this.list(signal);
    const found = this.match(numbers, wanted, argument);
    if (found) return found;
    const choices = numbers.map((n) => `${n.name} (${n.number}, ${n.id})`).join("; ");
    throw new ArgumentError(
      argument,
      `"${wanted}" is not one of this workspace's Quo numbers. Use a PN id, an E.164 number or a name from: ${choices || "no numbers (the workspace has none)"}`,
    );
  }

  private match(numbers: QuoPhoneNumber[], wanted: string, argument: string): QuoPhoneNumber | undefined {
    if (/^PN\w+$/.test(wanted)) return numbers.find((n) => n.id === wanted);
    const phone = this.normalize(wanted);
    if (phone.ok) {
      const byNumber = numbers.find((n) => n.number === phone.e164);
      if (byNumber) return byNumber;
    }
    const name = wanted.toLowerCase();
    const exact = numbers.filter((n) => n.name.toLowerCase() === name);
    if (exact.length === 1) return exact[0];
    const partial = numbers.filter((n) => n.name.toLowerCase().includes(name));
    if (partial.length === 1) return partial[0];
    if (partial.length > 1) {
      throw new ArgumentError(
        argument,
        `"${wanted}" matches several numbers (${partial.map((n) => `${n.name} ${n.number}`).join(", ")}); use the exact name, the E.164 number or the PN id`,
      );
    }
    return undefined;
  }
}

/** The promise's outcome, or the signal's reason if it aborts first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
