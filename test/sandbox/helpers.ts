// Small fetch wrappers around a started sandbox.
import { type Sandbox, type SandboxOptions, startSandbox } from "../../src/sandbox/index.js";

export interface Answer {
  status: number;
  body: any;
  contentType: string;
}

export interface Client {
  sandbox: Sandbox;
  call(method: string, path: string, opts?: { body?: unknown; key?: string | null; headers?: Record<string, string>; raw?: string }): Promise<Answer>;
}

export async function open(options: SandboxOptions = {}): Promise<Client> {
  const sandbox = await startSandbox(options);
  return {
    sandbox,
    async call(method, path, opts = {}) {
      const headers: Record<string, string> = { "user-agent": "quo-mcp-tests/1", ...opts.headers };
      const key = opts.key === undefined ? "key-a" : opts.key;
      if (key !== null) headers.authorization = `Bearer ${key}`;
      let body: string | undefined = opts.raw;
      if (opts.body !== undefined) {
        body = JSON.stringify(opts.body);
        headers["content-type"] = "application/json";
      }
      const res = await fetch(sandbox.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      const contentType = res.headers.get("content-type") ?? "";
      let parsed: unknown;
      if (text !== "" && contentType.includes("json")) parsed = JSON.parse(text);
      else if (text !== "") parsed = text;
      return { status: res.status, body: parsed, contentType };
    },
  };
}

/** `participants=%2B1...&participants=...`, the repeated-key form Quo expects. */
export function qs(params: Record<string, string | number | readonly string[] | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) s.append(k, item);
    else s.append(k, String(v));
  }
  return `?${s.toString()}`;
}
