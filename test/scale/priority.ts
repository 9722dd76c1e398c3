import { setPriority } from "node:os";

/**
 * Raises a process's scheduling priority where allowed (CI runs as root). The suite measures
 * pacing at the gateway: on a busy machine a descheduled replica or gateway would bunch
 * requests that left on time, and the suite would measure the machine rather than the server.
 */
export function prioritize(pid: number | undefined, priority = -5): void {
  try {
    if (pid) setPriority(pid, priority);
  } catch {
    // Not permitted (not root): run at the normal priority.
  }
}
