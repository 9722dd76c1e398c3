// What the bundle leaves out of its dependencies, because a running server never uses it but
// would still hold its source and module objects in memory (npm run bench, figure 6).
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
};

/** @type {import("esbuild").Plugin} */
export const bundleTrims = {
  name: "quo-mcp-bundle-trims",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(args.importer) ? { path: "zod-locales", namespace: "quo-mcp-trim" } : undefined,
    );
    build.onResolve({ filter: /^\.\.\/validation\/ajv-provider\.js$/ }, (args) =>
      /[\\/]@modelcontextprotocol[\\/]sdk[\\/]dist[\\/]esm[\\/]server[\\/]/.test(args.importer)
        ? { path: "sdk-ajv-provider", namespace: "quo-mcp-trim" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "quo-mcp-trim" }, (args) => ({
      contents: args.path === "zod-locales" ? stubs.zodLocales : stubs.sdkAjvProvider,
      loader: "js",
      resolveDir: process.cwd(),
    }));
  },
};
