// Validates bodies against the response schemas of spec/quo-openapi.json. The whole
// OpenAPI document is registered as one schema, and each response schema is reached by a
// JSON pointer into it, so its internal `#/components/schemas/...` refs resolve.
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const SPEC_ID = "https://quo.example/quo-openapi.json";
export const spec = JSON.parse(readFileSync(new URL("../../spec/quo-openapi.json", import.meta.url), "utf8")) as {
  paths: Record<string, Record<string, { operationId?: string; responses: Record<string, { content?: Record<string, unknown> }> }>>;
};

const ajv = new (Ajv2020 as unknown as typeof Ajv2020.default)({ strict: false, allErrors: true });
(addFormats as unknown as typeof addFormats.default)(ajv);
ajv.addSchema({ ...spec, $id: SPEC_ID });

export interface Operation {
  method: string;
  path: string;
  operationId: string;
}

export const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(([, op]) => typeof op === "object" && op !== null && typeof op.operationId === "string")
    .map(([method, op]) => ({ method: method.toUpperCase(), path, operationId: op.operationId! })),
);

const pointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const cache = new Map<string, ReturnType<typeof ajv.compile>>();

/** Schema errors of `body` for that operation and status, or [] when it validates. */
export function responseErrors(operationId: string, status: number, body: unknown): string[] {
  const op = operations.find((o) => o.operationId === operationId);
  if (!op) return [`unknown operation ${operationId}`];
  const response = spec.paths[op.path]![op.method.toLowerCase()]!.responses[String(status)];
  if (!response) return [`status ${status} is not documented for ${operationId}`];
  if (!response.content) return body === undefined ? [] : ["expected no body"];
  const ref = `${SPEC_ID}#/paths/${pointer(op.path)}/${op.method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
  let validate = cache.get(ref);
  if (!validate) {
    validate = ajv.compile({ $ref: ref });
    cache.set(ref, validate);
  }
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}
