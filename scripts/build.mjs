// Bundles the command line, the server and every dependency into dist/: what `npx quo-mcp`, the
// MCP bundle and the Docker image run, with no node_modules needed. Two CommonJS files:
// - dist/cli.js, the bin: the fast start, which answers a stdio client's first requests, and
//   the loader of the rest;
// - dist/server.js, the rest (the SDK, zod, undici, pino, the tools, every command), with
//   dist/server.js.cache, the V8 code cache of what a first tool call runs (src/load-server.ts).
// CommonJS because Node 20 keeps a code cache only for classic scripts, not ES modules.
// Beside them, what only some servers read, and then only when they need it: the sidecars
// (scripts/bundle-options.mjs), the MCP Apps views (views/*.html) and the numbering plans
// (phone-metadata.json).
import { execFile } from "node:child_process";
import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import * as esbuild from "esbuild";
import { buildSidecars, bundleOptions, serverFromSource } from "./bundle-options.mjs";
import { recordCodeCache } from "./code-cache.mjs";

const run = promisify(execFile);
const root = fileURLToPath(new URL("..", import.meta.url));
// `--outdir DIR` builds elsewhere (the package and bundle tests build into a temporary folder,
// so they never rewrite the dist/ other tests are running).
const at = process.argv.indexOf("--outdir");
const outdir = pathToFileURL(`${resolve(root, at > 0 ? process.argv[at + 1] : "dist")}/`);

// The manifest probe below is an ES module; dependencies written as CommonJS (pino and its
// helpers) call `require` for Node built-ins, which does not exist there unless it is made here.
const banner = ['import { createRequire as __quoCreateRequire } from "node:module";', "const require = __quoCreateRequire(import.meta.url);"].join("\n");

// An older build left chunks/ beside the bin.
await rm(new URL("chunks/", outdir), { recursive: true, force: true });

/**
 * The fast start path answers `initialize` and `tools/list` before the SDK and zod load, from
 * what the full server says when it runs once here (src/fast-start/manifest.ts).
 */
async function fastStartManifest() {
  const probe = await esbuild.build({
    absWorkingDir: root,
    stdin: {
      contents: 'import { buildManifest } from "./src/fast-start/manifest.ts";\nprocess.stdout.write(JSON.stringify(await buildManifest()));',
      resolveDir: root,
      loader: "ts",
      sourcefile: "fast-start-manifest.ts",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    banner: { js: banner },
    write: false,
    logLevel: "warning",
  });
  const dir = await mkdtemp(join(tmpdir(), "quo-mcp-build-"));
  try {
    const file = join(dir, "manifest.mjs");
    await writeFile(file, probe.outputFiles[0].text);
    const { stdout } = await run(process.execPath, [file], { maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const manifest = await fastStartManifest();

/**
 * The MCP Apps views (views/): each one self-contained HTML page, its script and style inline,
 * nothing fetched. The server reads one when a host asks for it.
 */
async function buildViews() {
  const css = (await readFile(new URL("../views/style.css", import.meta.url), "utf8")).replace(/\n\s*/g, "");
  const views = {};
  await mkdir(new URL("views/", outdir), { recursive: true });
  for (const [name, title] of [
    ["thread", "Thread"],
    ["call", "Call"],
    ["approval", "Send approval"],
  ]) {
    const script = await esbuild.build({
      absWorkingDir: root,
      entryPoints: [`views/${name}.ts`],
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2022",
      minify: true,
      legalComments: "none",
      write: false,
      logLevel: "warning",
    });
    // "</script" inside the script would end the element early.
    const js = script.outputFiles[0].text.replace(/<\/(script)/gi, "<\\/$1");
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${title}</title><style>${css}</style></head><body><main id="app"></main><script>${js}</script></body></html>`;
    await writeFile(new URL(`views/${name}.html`, outdir), html);
    views[name] = html;
  }
  return views;
}

const views = await buildViews();

const SERVER = "server.js";
// src/cli.ts starts with `#!/usr/bin/env node`, which esbuild keeps as the first line.
const cli = await esbuild.build({
  ...bundleOptions,
  plugins: [...bundleOptions.plugins, serverFromSource],
  entryPoints: ["src/cli.ts"],
  outfile: fileURLToPath(new URL("cli.js", outdir)),
  define: { QUO_MCP_FAST_START_MANIFEST: JSON.stringify(JSON.stringify(manifest)), QUO_MCP_SERVER_BUNDLE: JSON.stringify(SERVER) },
});
const server = await esbuild.build({
  ...bundleOptions,
  entryPoints: ["src/full-server.ts"],
  outfile: fileURLToPath(new URL(SERVER, outdir)),
  // The bundle finds its files beside itself (src/beside-bundle.ts), so the import.meta.url
  // that finds them from source is never read.
  define: { QUO_MCP_BUNDLED: "true", "import.meta.url": "undefined" },
});
const sidecars = await buildSidecars(fileURLToPath(outdir), server.metafile);
// As JSON text: parsed on the first number, not an object literal built at every start.
await copyFile(createRequire(import.meta.url).resolve("libphonenumber-js/metadata.min.json"), new URL("phone-metadata.json", outdir));
if ((await readFile(new URL(SERVER, outdir))).some((byte) => byte > 0x7f)) throw new Error(`${SERVER} is not ASCII: src/load-server.ts reads it as latin1`);
// The root package.json says "module"; this one makes Node read dist/*.js as CommonJS.
await writeFile(new URL("package.json", outdir), `${JSON.stringify({ type: "commonjs" })}\n`);
await chmod(new URL("cli.js", outdir), 0o755);
await recordCodeCache(outdir);
const metafiles = [cli.metafile, server.metafile, ...sidecars];
const result = {
  metafile: {
    inputs: Object.assign({}, ...metafiles.map((m) => m.inputs)),
    outputs: Object.assign({}, ...metafiles.map((m) => m.outputs)),
  },
};
await writeFile(new URL("THIRD-PARTY-LICENSES.txt", outdir), await thirdPartyLicenses(result.metafile));

/**
 * The bundle carries code from other packages, and their licenses ask that their notices travel
 * with it: one file with the license text of every package that went into dist/.
 */
async function thirdPartyLicenses(metafile) {
  const packages = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]);
  }
  const sections = [];
  for (const name of [...packages].sort()) {
    const dir = new URL(`../node_modules/${name}/`, import.meta.url);
    const manifest = JSON.parse(await readFile(new URL("package.json", dir), "utf8"));
    const file = (await readdir(dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? (await readFile(new URL(file, dir), "utf8")).trim() : `License: ${manifest.license ?? "see the package"}`;
    sections.push(`${name}@${manifest.version} (${manifest.license ?? "unknown"})\n\n${text}`);
  }
  return `quo-mcp bundles these packages.\n\n${sections.join(`\n\n${"-".repeat(72)}\n\n`)}\n`;
}

if (process.argv.includes("--analyze")) {
  process.stdout.write(await esbuild.analyzeMetafile(result.metafile));
} else {
  const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith(".js"));
  for (const [file, { bytes }] of outputs) process.stdout.write(`${file.padEnd(40)} ${(bytes / 1024).toFixed(1).padStart(8)} KiB\n`);
  for (const [name, html] of Object.entries(views))
    process.stdout.write(`${`view ${name}`.padEnd(40)} ${(Buffer.byteLength(html) / 1024).toFixed(1).padStart(8)} KiB\n`);
}
