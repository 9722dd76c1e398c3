// Maps `METHOD /v1/...` to the spec operation that handles it. Each route carries the
// two-digit resource number Quo uses in its error codes, so handlers can throw generic
// errors and still answer with the code the spec documents for that operation.
import { invalid, liveErrorBody, QuoError, QuoLiveError, quoErrorBody } from "./errors.js";
import { idPattern } from "./validate.js";
import type { SandboxWorkspace } from "./workspace.js";

export interface QuoRequest {
  ws: SandboxWorkspace;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  /** The request's headers (the dated API reads Quo-Api-Version). */
  headers?: Record<string, string | string[] | undefined>;
}

export interface QuoResponse {
  status: number;
  body?: unknown;
}

export interface QuoRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** The spec's path template, e.g. "/v1/calls/{callId}". */
  path: string;
  operationId: string;
  /** Two-digit resource number of the operation's error codes, e.g. "02" for messages. */
  resource: string;
  handle: (req: QuoRequest) => QuoResponse;
}

interface Compiled {
  route: QuoRoute;
  segments: string[];
}

export interface Matched {
  route: QuoRoute;
  params: Record<string, string>;
}

export class QuoRouter {
  private readonly compiled: Compiled[];

  constructor(routes: QuoRoute[]) {
    // Literal segments win over parameters ("/v1/webhooks/calls" before "/v1/webhooks/{id}").
    this.compiled = routes
      .map((route) => ({ route, segments: route.path.split("/").slice(1) }))
      .sort((a, b) => paramCount(a.segments) - paramCount(b.segments));
  }

  get routes(): QuoRoute[] {
    return this.compiled.map((c) => c.route);
  }

  match(method: string, pathname: string): Matched | undefined {
    const parts = pathname.split("/").slice(1);
    for (const { route, segments } of this.compiled) {
      if (route.method !== method || segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segments.length && ok; i++) {
        const seg = segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith("{")) {
          try {
            params[seg.slice(1, -1)] = decodeURIComponent(part);
          } catch {
            params[seg.slice(1, -1)] = part;
          }
          ok = part !== "";
        } else {
          ok = seg === part;
        }
      }
      if (ok) return { route, params };
    }
    return undefined;
  }

  /** Runs a matched route; handler errors become Quo error bodies, never a crash. */
  run(matched: Matched, req: Omit<QuoRequest, "params">): QuoResponse {
    const { route, params } = matched;
    try {
      return route.handle({ ...req, params });
    } catch (err) {
      if (err instanceof QuoError) return { status: err.status, body: quoErrorBody(err.status, err.init, route.resource) };
      if (err instanceof QuoLiveError) return { status: err.status, body: liveErrorBody(err) };
      return {
        status: 500,
        body: quoErrorBody(500, { message: err instanceof Error ? err.message : "Internal error" }, route.resource),
      };
    }
  }
}

function paramCount(segments: string[]): number {
  return segments.filter((s) => s.startsWith("{")).length;
}

/** A path id must carry its Quo prefix; Quo's validator answers 400 otherwise. */
export function pathId(req: QuoRequest, name: string, prefix: string): string {
  const value = req.params[name] ?? "";
  if (!idPattern(prefix).test(value)) throw invalid(`/${name}`, `Expected string to match '^${prefix}(.*)$'`, "string", value);
  return value;
}
