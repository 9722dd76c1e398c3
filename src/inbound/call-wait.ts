import { inboundHub } from "./hub.js";
import { pollInterval } from "./poller.js";

/**
 * Waits for news of a call's artifacts: with webhooks, until one of `types` arrives for the call
 * (call.summary.completed, call.transcript.completed); with polling, by calling `check` at the
 * adaptive interval until it says the artifacts are ready. Resolves true on news, false at the
 * timeout; rejects with the signal's reason on cancellation.
 */
export function waitForCall(options: {
  tenant: string;
  callId: string;
  types: readonly string[];
  timeoutMs: number;
  signal: AbortSignal;
  check: () => Promise<boolean>;
}): Promise<boolean> {
  const { signal } = options;
  if (signal.aborted) return Promise.reject(signal.reason);
  const hub = inboundHub();
  return new Promise<boolean>((resolve, reject) => {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    let stop: (() => void) | undefined;
    const done = (value: boolean | Error) => {
      clearTimeout(timer);
      clearTimeout(deadline);
      stop?.();
      signal.removeEventListener("abort", onAbort);
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    const onAbort = () => done(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    signal.addEventListener("abort", onAbort, { once: true });
    const deadline = setTimeout(() => done(false), options.timeoutMs);
    if (hub.mode === "push") {
      stop = hub.watchCall({ tenant: options.tenant, callId: options.callId }, (type) => {
        if (options.types.includes(type)) done(true);
      });
      return;
    }
    const turn = () => {
      timer = setTimeout(
        () => {
          options.check().then(
            (ready) => (ready ? done(true) : turn()),
            () => turn(),
          );
        },
        pollInterval(Date.now() - started),
      );
    };
    turn();
  });
}
