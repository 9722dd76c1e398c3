// How a quo-mcp bundle is made (scripts/build.mjs), shared with the bench, which bundles its
// bare reference server the same way so that the two are compared like for like
// (bench/reference-bundle.ts).
import { fileURLToPath } from "node:url";
import { bundleTrims } from "./bundle-trims.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));

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
  plugins: [bundleTrims],
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
