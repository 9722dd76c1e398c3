import { setTimeout as wait } from "node:timers/promises";
import { DeadlineExceeded } from "../errors.js";

/**
 * The per-call deadline travels with the call's AbortSignal, so every layer below the tool
 * (directory, API, gateway client, limiter queue) sees one signal and the retry policy can ask
 * how much time is left without each method growing a parameter.
 */
const DEADLINE = Symbol("deadline");
type WithDeadline = AbortSignal & { [DEADLINE]?: number };

/** When the call that owns this signal must be done (epoch ms), if it has a deadline. */
export function deadlineOf(signal: AbortSignal | undefined): number | undefined {
  return (signal as WithDeadline | undefined)?.[DEADLINE];
}

export interface CallSignal {
  signal: AbortSignal;
  /**
   * Has `listener` called once the signal aborts (at once if it has); one at a time, and
   * undefined removes it. A plain callback: an 'abort' listener added to and removed from an
   * AbortSignal costs more than the rest of this object on every call.
   */
  onAbort(listener: (() => void) | undefined): void;
  /** Stops the timer and the link to the parent; call when the tool call is over. */
  dispose(): void;
}

/**
 * One signal for one tool call: aborted when the client cancels (`notifications/cancelled`,
 * reason taken over from the parent) or when `ms` have passed (reason: DeadlineExceeded).
 */
export function callSignal(parent: AbortSignal | undefined, ms: number, now: () => number = Date.now): CallSignal {
  return new CallAbort(parent, ms, now() + ms);
}

/**
 * The call signal as one object: it is the parent's 'abort' listener itself (handleEvent) and
 * its timer's argument, so a call allocates no closures for them; this runs on every call.
 */
class CallAbort implements CallSignal {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private listener: (() => void) | undefined;

  constructor(
    private readonly parent: AbortSignal | undefined,
    ms: number,
    deadline: number,
  ) {
    // Kept on the signal itself rather than in a WeakMap: a WeakMap entry per call is extra work
    // for every garbage collection that meets it.
    (this.controller.signal as WithDeadline)[DEADLINE] = deadline;
    this.timer = setTimeout(expire, ms, this, ms);
    this.timer.unref();
    if (parent?.aborted) this.abort(parent.reason);
    else parent?.addEventListener("abort", this, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The parent aborted (EventListenerObject). */
  handleEvent(): void {
    this.abort(this.parent?.reason);
  }

  abort(reason: unknown): void {
    if (this.controller.signal.aborted) return;
    this.controller.abort(reason);
    const told = this.listener;
    this.listener = undefined;
    told?.();
  }

  onAbort(next: (() => void) | undefined): void {
    if (next && this.controller.signal.aborted) next();
    else this.listener = next;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener("abort", this);
  }
}

function expire(call: CallAbort, ms: number): void {
  call.abort(new DeadlineExceeded(ms));
}

/**
 * Waits `ms`, or rejects as soon as the signal aborts, with the signal's own reason (a
 * deadline, a cancellation), which is what tells the two apart further up.
 */
export async function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  try {
    await wait(ms, undefined, { signal });
  } catch (error) {
    throw signal?.aborted ? signal.reason : error;
  }
}
