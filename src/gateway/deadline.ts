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
  const controller = new AbortController();
  // Kept on the signal itself rather than in a WeakMap: a WeakMap entry per call is extra work
  // for every garbage collection that meets it.
  (controller.signal as WithDeadline)[DEADLINE] = now() + ms;
  let listener: (() => void) | undefined;
  const abort = (reason: unknown) => {
    if (controller.signal.aborted) return;
    controller.abort(reason);
    const told = listener;
    listener = undefined;
    told?.();
  };
  const timer = setTimeout(() => abort(new DeadlineExceeded(ms)), ms);
  timer.unref?.();
  const onParentAbort = () => abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  return {
    signal: controller.signal,
    onAbort(next) {
      if (next && controller.signal.aborted) next();
      else listener = next;
    },
    dispose() {
      clearTimeout(timer);
      parent?.removeEventListener("abort", onParentAbort);
    },
  };
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
