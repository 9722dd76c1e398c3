import { fork } from "node:child_process";
import type { Arrival, Fault } from "../helpers/fault-gateway.js";
import { prioritize } from "./priority.js";

export interface RemoteGateway {
  url: string;
  arrivals(): Promise<Arrival[]>;
  seen(route: string): Promise<Arrival[]>;
  fail(route: string, ...faults: Fault[]): Promise<void>;
  rateLimit(perSecond: number | undefined): Promise<void>;
  close(): Promise<void>;
}

/** Starts test/helpers/fault-gateway.ts in a child process (see gateway-process.ts). */
export async function startRemoteGateway(): Promise<RemoteGateway> {
  const child = fork(new URL("./gateway-process.ts", import.meta.url).pathname, [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  // The instrument first: its arrival times are what the suite judges.
  prioritize(child.pid, -10);
  const pending = new Map<number, (result: unknown) => void>();
  let next = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the fault gateway exited (${code})`)));
    child.on("message", (message: { ready?: boolean; url?: string; id?: number; result?: unknown }) => {
      if (message.ready) resolve(message.url as string);
      else if (message.id !== undefined) {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      }
    });
  });
  const ask = <T>(command: Record<string, unknown>) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, resolve as (result: unknown) => void);
      child.send({ ...command, id });
    });
  const arrivals = () => ask<Arrival[]>({ op: "arrivals" });
  return {
    url,
    arrivals,
    seen: async (route) => (await arrivals()).filter((a) => `${a.method} ${a.path}` === route),
    fail: (route, ...faults) => ask({ op: "fail", route, faults }),
    rateLimit: (perSecond) => ask({ op: "rateLimit", perSecond }),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
      }),
  };
}
