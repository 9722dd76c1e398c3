// Builds bench/.dist-reference/: the bare SDK server of figure 2 (bench/reference-server.mjs)
// bundled the way quo-mcp is: one CommonJS file made with the same esbuild options, trims and
// sidecars (scripts/bundle-options.mjs), loaded through src/load-server.ts with a stdio server's V8 flags
// and a code cache recorded on its own first call against the same stand-in gateway. Figures 1
// and 4 measure it beside quo-mcp: the least a server on these packages costs on this Node.
import { mkdir, rm, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
// @ts-expect-error: a plain ES module script without type declarations
import { buildSidecars, bundleOptions, serverFromSource } from "../scripts/bundle-options.mjs";
// @ts-expect-error: a plain ES module script without type declarations
import { firstCall, startStandInGateway } from "../scripts/code-cache.mjs";

const outdir = new URL("./.dist-reference/", import.meta.url);
export const REFERENCE_BIN = fileURLToPath(new URL("cli.js", outdir));

export async function buildReferenceBundle(): Promise<void> {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const server = await esbuild.build({ ...bundleOptions, entryPoints: ["bench/reference-server.mjs"], outfile: fileURLToPath(new URL("server.js", outdir)) });
  await buildSidecars(fileURLToPath(outdir), server.metafile);
  await esbuild.build({
    ...bundleOptions,
    plugins: [...bundleOptions.plugins, serverFromSource],
    entryPoints: ["bench/reference-bin.ts"],
    outfile: REFERENCE_BIN,
  });
  await writeFile(new URL("package.json", outdir), `${JSON.stringify({ type: "commonjs" })}\n`);
  const gateway = await startStandInGateway();
  try {
    await firstCall(REFERENCE_BIN, { env: { ...gateway.env, QUO_MCP_RECORD_CODE_CACHE: "1" } });
  } finally {
    gateway.close();
  }
}
