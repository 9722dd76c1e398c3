// How a quo-mcp bundle is made (scripts/build.mjs), shared with the bench, which bundles its
// bare reference server the same way so that the two are compared like for like
// (bench/reference-bundle.ts).
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { bundleTrims } from "./bundle-trims.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

/**
 * Dependencies only some servers load, each bundled into a file of its own beside the bundle
 * that needs it and required from there when first used. Every byte of a bundle's source stays
 * in memory for the life of the process, used or not (npm run bench, figure 4).
 * - ioredis and its helpers (190 KB): only with QUO_MCP_REDIS_URL, for replicas.
 * - undici's HTTP parser built without WebAssembly SIMD (70 KB): only where SIMD is missing.
 */
const sidecars = [
  { file: "ioredis.js", entry: "ioredis", filter: /^ioredis$/ },
  {
    file: "llhttp-wasm.js",
    entry: "undici/lib/llhttp/llhttp-wasm.js",
    filter: /^\.\.\/llhttp\/llhttp-wasm\.js$/,
    importer: /[\\/]undici[\\/]lib[\\/]dispatcher[\\/]client-h1\.js$/,
  },
];

/** @type {import("esbuild").Plugin} */
const besideTheBundle = {
  name: "quo-mcp-sidecars",
  setup(build) {
    for (const { file, filter, importer } of sidecars)
      build.onResolve({ filter }, (args) => (importer === undefined || importer.test(args.importer) ? { path: `./${file}`, external: true } : undefined));
  },
};

/** @type {import("esbuild").BuildOptions} */
export const bundleOptions = {
  absWorkingDir: root,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  // src/load-server.ts reads a bundle as latin1, which only ASCII makes the same as UTF-8.
  charset: "ascii",
  plugins: [bundleTrims, besideTheBundle],
  metafile: true,
  logLevel: "warning",
};

/**
 * For a bin built around src/load-server.ts: the bundle it loads is named at build time, so its
 * from-source import of the server is never taken, and esbuild, which resolves imports before it
 * drops dead code, is told not to follow that one.
 * @type {import("esbuild").Plugin}
 */
export const serverFromSource = {
  name: "quo-mcp-server-from-source",
  setup(build) {
    build.onResolve({ filter: /^\.\/full-server\.js$/ }, (args) => ({ path: args.path, external: true }));
  },
};

/**
 * Writes beside a bundle the sidecars it requires (its esbuild metafile says which), and returns
 * their metafiles, for the license notices.
 * @param {string} outdir
 * @param {import("esbuild").Metafile} metafile
 */
export async function buildSidecars(outdir, metafile) {
  const required = new Set(Object.values(metafile.outputs).flatMap((output) => output.imports.filter((i) => i.external).map((i) => i.path)));
  const builds = sidecars
    .filter(({ file }) => required.has(`./${file}`))
    .map(({ file, entry }) => esbuild.build({ ...bundleOptions, entryPoints: [require.resolve(entry)], outfile: join(outdir, file) }));
  return (await Promise.all(builds)).map((result) => result.metafile);
}
