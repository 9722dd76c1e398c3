// What every figure shares: statistics, the fake gateway process, and a server session.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";

/** A made-up Maton key: the fake accepts any key, and this one is seeded with the bench data. */
export const BENCH_KEY = "bench_key_not_a_secret";
/**
 * The server measured: a private copy of dist/ taken right after the build (see run.ts), so a
 * rebuild of the shared dist/ during the run cannot change what is measured halfway.
 */
export const CLI = new URL("./.dist/cli.js", import.meta.url).pathname;
const FAKE = new URL("./fake-gateway.ts", import.meta.url).pathname;

/**
 * `BENCH_QUICK=1` runs every figure with a few iterations, to try the harness; such a run
 * writes no results.
 */
export const QUICK = process.env.BENCH_QUICK === "1";
/** `full` iterations, or `quick` ones in a quick run. */
export const scaled = (full: number, quick: number) => (QUICK ? quick : full);

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

export function summarize(values: number[]): Summary {
  return { median: quantile(values, 0.5), min: Math.min(...values), max: Math.max(...values), n: values.length };
}

export const msSince = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

/** Splits `values` into `count` consecutive runs of equal length (the last takes the remainder). */
export function runsOf<T>(values: T[], count: number): T[][] {
  const size = Math.floor(values.length / count);
  return Array.from({ length: count }, (_, i) => values.slice(i * size, i === count - 1 ? values.length : (i + 1) * size));
}

/** Every order of `count` things (count! of them). */
function permutations(count: number): number[][] {
  if (count === 0) return [[]];
  return permutations(count - 1).flatMap((rest) => Array.from({ length: count }, (_, at) => [...rest.slice(0, at), count - 1, ...rest.slice(at)]));
}

/**
 * The order in which `count` servers take their turn in round `round`: every order in turn, so
 * over count! rounds each goes first, last and after each other as often (a plain rotation
 * would always put the same one right after the same other).
 */
export function turnOrder(round: number, count: number): number[] {
  const all = permutations(count);
  return all[round % all.length] as number[];
}

interface Exchange {
  method: string;
  path: string;
  status: number;
  responseJson: string | undefined;
}

export interface Fake {
  url: string;
  /** Gateway exchanges since the last call. */
  exchanges(): Promise<Exchange[]>;
  stats(): Promise<{ admitted: number; limited: number }>;
  close(): Promise<void>;
}

/** Starts the fake gateway in a child process; `rate` > 0 makes it refuse above rate/s with 429. */
export async function startFake(rate = 0): Promise<Fake> {
  const child = spawn(process.execPath, ["--import", "tsx", FAKE, ...(rate > 0 ? ["--rate", String(rate)] : [])], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    env: cleanEnv(),
  });
  let next = 0;
  const pending = new Map<number, (value: unknown) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`fake gateway exited (${code})`)));
    child.on("message", (message: { ready?: boolean; url?: string; id?: number }) => {
      if (message.ready) resolve(message.url as string);
      else if (message.id !== undefined) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
      }
    });
  });
  const ask = <T>(type: string) =>
    new Promise<T>((resolve) => {
      const id = next++;
      pending.set(id, resolve as (value: unknown) => void);
      child.send({ type, id });
    });
  return {
    url,
    exchanges: async () => (await ask<{ exchanges: Exchange[] }>("exchanges")).exchanges,
    stats: async () => (await ask<{ stats: { admitted: number; limited: number } }>("stats")).stats,
    close: () => stop(child),
  };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * The environment a client would give the server: PATH and HOME only, so nothing from the
 * shell (NODE_OPTIONS, a loader, a real key) changes what is measured.
 */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...extra };
}

export function gatewayEnv(fake: Fake, extra: Record<string, string> = {}): Record<string, string> {
  return cleanEnv({ MATON_API_KEY: BENCH_KEY, MATON_GATEWAY_URL: fake.url, MATON_CTRL_URL: fake.url, QUO_MCP_LOG_LEVEL: "warn", ...extra });
}

export interface Session {
  client: Client;
  pid: number;
  stderr(): string;
  close(): Promise<void>;
}

/** Starts the built server (or another server script) over stdio with the SDK client, as an MCP client does. */
export async function connect(env: Record<string, string>, args: string[] = [], script = CLI): Promise<Session> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [script, ...args], env, stderr: "pipe" });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
    if (stderr.length > 100_000) stderr = stderr.slice(-50_000);
  });
  const client = new Client({ name: "quo-mcp-bench", version: "1.0.0" });
  await client.connect(transport);
  return { client, pid: transport.pid as number, stderr: () => stderr, close: () => client.close() };
}

export type ToolResult = CallToolResult & { structuredContent?: Record<string, unknown> };

export async function call(session: Session, name: string, args: Record<string, unknown> = {}): Promise<ToolResult> {
  return (await session.client.callTool({ name, arguments: args }, undefined, { timeout: 300_000 })) as ToolResult;
}

export function text(result: ToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}

/** Resident set size of a process, in MB, read from outside it. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
