// What the bundle leaves out of its dependencies, or loads only when used, because a running
// server never uses it but would still hold it in memory or wait for it while starting
// (npm run bench, figures 1 and 4).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

const stubs = {
  // zod ships error messages in 40+ languages and re-exports them all; its default (English)
  // is installed from locales/en.js directly, which stays.
  zodLocales: `export { default as en } from ${JSON.stringify(require.resolve("zod/v4/locales/en.js"))};`,
  // The SDK's default form-elicitation validator (Ajv, ajv-formats, fast-uri). buildServer
  // passes its own validator (noFormElicitation in src/server.ts), so the default is never constructed.
  sdkAjvProvider: ["export class AjvJsonSchemaValidator {", '  constructor() { throw new Error("the Ajv validator is not part of this bundle"); }', "}"].join(
    "\n",
  ),
  // The SDK's legacy SSE transport reads a POST body with raw-body, and raw-body carries
  // iconv-lite with the tables of every code page (about 600 KB of source). src/transports
  // reads every body itself and hands it over parsed, so raw-body is never called.
  sdkRawBody: 'export default function getRawBody() { return Promise.reject(new Error("quo-mcp reads request bodies itself")); }',
  // The SDK accepts zod 3 schemas as well as zod 4 ones, and so carries zod 3 and a zod 3 to
  // JSON Schema converter, built as the SDK loads. Every schema quo-mcp gives it is zod 4, so
  // the zod 3 branches (an object made from a shape of zod 3 schemas, and that shape's JSON
  // Schema) are never taken.
  sdkZod3: 'export function object() { throw new Error("quo-mcp gives the SDK zod 4 schemas only"); }',
  sdkZod3JsonSchema: 'export function zodToJsonSchema() { throw new Error("quo-mcp gives the SDK zod 4 schemas only"); }',
  // undici reads node:http2's constants as it loads, for HTTP/2, which it speaks only when a
  // dispatcher is made with allowH2; the server never asks. Loading node:http2 also loads tls
  // and fs/promises, about a tenth of a first call's wait; the constants are copied here from the
  // Node that builds, and node:http2 itself loads only if something ever connects over HTTP/2.
  undiciHttp2: [
    `exports.constants = ${JSON.stringify(http2ConstantsUndiciReads())};`,
    'exports.connect = (...args) => require("node:http2").connect(...args);',
  ].join("\n"),
  // pino and thread-stream read worker_threads as they load, for pino transports (a logging
  // worker thread) and asynchronous destinations, neither of which the server uses: it logs to
  // stderr synchronously, on its main thread.
  pinoWorkerThreads: [
    "exports.isMainThread = true;",
    'exports.Worker = function Worker(...args) { return new (require("node:worker_threads").Worker)(...args); };',
  ].join("\n"),
};

/** The node:http2 constants named in undici's HTTP/2 client, with this Node's values. */
function http2ConstantsUndiciReads() {
  const source = readFileSync(require.resolve("undici/lib/dispatcher/client-h2.js"), "utf8");
  const { constants } = require("node:http2");
  return Object.fromEntries([...new Set(source.match(/\b(?:HTTP2|NGHTTP2)_[A-Z0-9_]+\b/g))].map((name) => [name, constants[name]]));
}

/** Built-in modules replaced for one dependency: the module, the importing file, the stub. */
const lazyBuiltins = [
  { filter: /^(node:)?http2$/, importer: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h2\.js$/, stub: "undiciHttp2" },
  { filter: /^(node:)?worker_threads$/, importer: /[\\/](pino[\\/]lib[\\/]tools|thread-stream[\\/]index)\.js$/, stub: "pinoWorkerThreads" },
];

/** @type {import("esbuild").Plugin} */
export const bundleTrims = {
  name: "quo-mcp-bundle-trims",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: "zodLocales", namespace: "quo-mcp-trim" } : undefined,
    );
    build.onResolve({ filter: /^\.\.\/validation\/ajv-provider\.js$/ }, (args) =>
      /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]/.test(args.importer)
        ? { path: "sdkAjvProvider", namespace: "quo-mcp-trim" }
        : undefined,
    );
    build.onResolve({ filter: /^zod\/v3$/ }, (args) =>
      /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]zod-compat\.js$/.test(args.importer)
        ? { path: "sdkZod3", namespace: "quo-mcp-trim" }
        : undefined,
    );
    build.onResolve({ filter: /^zod-to-json-schema$/ }, (args) =>
      /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]zod-json-schema-compat\.js$/.test(args.importer)
        ? { path: "sdkZod3JsonSchema", namespace: "quo-mcp-trim" }
        : undefined,
    );
    build.onResolve({ filter: /^raw-body$/ }, (args) =>
      /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]sse\.js$/.test(args.importer)
        ? { path: "sdkRawBody", namespace: "quo-mcp-trim" }
        : undefined,
    );
    for (const { filter, importer, stub } of lazyBuiltins) {
      build.onResolve({ filter }, (args) => (importer.test(args.importer) ? { path: stub, namespace: "quo-mcp-trim" } : undefined));
    }
    build.onLoad({ filter: /.*/, namespace: "quo-mcp-trim" }, (args) => ({
      contents: stubs[args.path],
      loader: "js",
      resolveDir: process.cwd(),
    }));
  },
};
