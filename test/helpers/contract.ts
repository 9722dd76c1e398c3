import { readFileSync } from "node:fs";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

/**
 * Checks HTTP exchanges against the vendored Quo v1 OpenAPI document: path, method, query and
 * body of each request, and the body of each response for its status. Used on every request
 * the server sends to the sandbox during the tests.
 */

type Json = Record<string, unknown>;
interface Parameter {
  name: string;
  in: "query" | "path" | "header";
  required?: boolean;
  schema: Json;
}
interface Operation {
  operationId: string;
  method: string;
  template: string;
  pattern: RegExp;
  parameters: Parameter[];
  requestBody?: Json;
  responses: Record<string, Json | undefined>;
}

function operationsOf(file: string): Operation[] {
  const spec = JSON.parse(readFileSync(new URL(file, import.meta.url), "utf8")) as Json;
  const components = ((spec.components as { schemas?: Record<string, Json> } | undefined)?.schemas ?? {}) as Record<string, Json>;

  function deref(node: unknown): unknown {
    if (Array.isArray(node)) return node.map(deref);
    if (!node || typeof node !== "object") return node;
    const ref = (node as Json).$ref;
    if (typeof ref === "string") return deref(components[ref.replace("#/components/schemas/", "")]);
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, deref(v)]));
  }

  return Object.entries(spec.paths as Record<string, Record<string, Json>>).flatMap(([template, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => typeof op === "object" && op && "operationId" in op)
      .map(([method, op]) => {
        const content = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
        const responses = Object.fromEntries(
          Object.entries(op.responses as Record<string, Json>).map(([status, r]) => [
            status,
            deref((r.content as Record<string, { schema: Json }> | undefined)?.["application/json"]?.schema) as Json | undefined,
          ]),
        );
        return {
          operationId: op.operationId as string,
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`),
          parameters: deref(op.parameters ?? []) as Parameter[],
          requestBody: deref(content?.["application/json"]?.schema) as Json | undefined,
          responses,
        };
      }),
  );
}

/** The v1 operations (the coverage gate counts these). */
export const operations: Operation[] = operationsOf("../../spec/quo-openapi.json");
/** The dated API's operations (Quo-Api-Version: 2026-03-30), checked the same way. */
export const datedOperations: Operation[] = operationsOf("../../spec/quo-openapi-2026-03-30.json");

// ajv is CommonJS: its class is the `default` export under NodeNext module resolution.
const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
const compiled = new WeakMap<Json, ValidateFunction>();
function validator(schema: Json): ValidateFunction {
  const known = compiled.get(schema);
  if (known) return known;
  const fn = ajv.compile(schema);
  compiled.set(schema, fn);
  return fn;
}

function check(schema: Json, value: unknown, where: string, problems: string[]): void {
  const fn = validator(schema);
  if (!fn(value)) problems.push(`${where}: ${ajv.errorsText(fn.errors, { dataVar: where })}`);
}

/** A query value as Quo would read it: numbers and booleans from their text. */
function coerce(schema: Json, raw: string): unknown {
  const type = schema.type;
  if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?$/.test(raw)) return Number(raw);
  if (type === "boolean" && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

export interface Exchange {
  method: string;
  /** Path below the gateway's `/quo` prefix, e.g. `/v1/messages`. */
  path: string;
  search: string;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

export function findOperation(method: string, path: string): Operation | undefined {
  const match = (op: Operation) => op.method === method && op.pattern.test(path);
  return operations.find(match) ?? datedOperations.find(match);
}

/** Every way the exchange breaks the contract; empty when it keeps it. */
export function validateExchange(exchange: Exchange): { operationId?: string; problems: string[] } {
  const problems: string[] = [];
  const op = findOperation(exchange.method, exchange.path);
  if (!op) return { problems: [`${exchange.method} ${exchange.path} is not an operation of the spec`] };
  const label = `${op.operationId}`;
  const query = new URLSearchParams(exchange.search);
  if (/[?&][^=]*=[^&]*\+/.test(exchange.search)) problems.push(`${label}: a literal "+" in the query string means a space; send %2B`);
  const known = new Set(op.parameters.filter((p) => p.in === "query").map((p) => p.name));
  for (const key of new Set(query.keys())) if (!known.has(key)) problems.push(`${label}: unknown query parameter ${key}`);
  for (const param of op.parameters) {
    if (param.in === "path") {
      const names = [...op.template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const values = op.pattern.exec(exchange.path)?.slice(1) ?? [];
      const value = values[names.indexOf(param.name)];
      if (value !== undefined) check(param.schema, decodeURIComponent(value), `${label} path ${param.name}`, problems);
      continue;
    }
    if (param.in !== "query") continue;
    const values = query.getAll(param.name);
    if (values.length === 0) {
      if (param.required) problems.push(`${label}: required query parameter ${param.name} is missing`);
      continue;
    }
    if (param.schema.type === "array") {
      const items = (param.schema.items as Json | undefined) ?? {};
      check(
        param.schema,
        values.map((v) => coerce(items, v)),
        `${label} query ${param.name}`,
        problems,
      );
    } else {
      if (values.length > 1) problems.push(`${label}: query parameter ${param.name} repeated`);
      check(param.schema, coerce(param.schema, values[0] as string), `${label} query ${param.name}`, problems);
    }
  }
  if (op.requestBody) {
    if (exchange.requestBody === undefined) problems.push(`${label}: request body missing`);
    else check(op.requestBody, exchange.requestBody, `${label} request body`, problems);
  } else if (exchange.requestBody !== undefined && exchange.method !== "POST") {
    problems.push(`${label}: unexpected request body`);
  }
  const responseSchema = op.responses[String(exchange.status)];
  if (!(String(exchange.status) in op.responses)) problems.push(`${label}: status ${exchange.status} is not documented`);
  else if (responseSchema && exchange.responseBody !== undefined)
    check(responseSchema, exchange.responseBody, `${label} response ${exchange.status}`, problems);
  return { operationId: op.operationId, problems };
}

/**
 * Schema errors of a response body for an operation and status, or [] when it validates. A
 * status whose documentation has no body must come without one.
 */
export function responseErrors(operationId: string, status: number, body: unknown): string[] {
  const op = operations.find((o) => o.operationId === operationId) ?? datedOperations.find((o) => o.operationId === operationId);
  if (!op) return [`unknown operation ${operationId}`];
  if (!(String(status) in op.responses)) return [`status ${status} is not documented for ${operationId}`];
  const schema = op.responses[String(status)];
  if (!schema) return body === undefined ? [] : ["expected no body"];
  const problems: string[] = [];
  check(schema, body, `${operationId} response ${status}`, problems);
  return problems;
}
