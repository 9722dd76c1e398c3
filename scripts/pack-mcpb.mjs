// Packs the MCP bundle (.mcpb) for Claude Desktop: a folder with manifest.json, the bundled
// server (dist/, no node_modules: the build carries every dependency, and its own package.json
// that makes Node read it as CommonJS), the package's name and version, and the licenses; then
// `mcpb pack` validates and zips it.
//
// Usage: node scripts/pack-mcpb.mjs [--stage DIR] [--out FILE]
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return resolve(root, at > 0 ? process.argv[at + 1] : fallback);
};
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const stage = option("--stage", "build/mcpb");
const out = option("--out", `${pkg.name}-${pkg.version}.mcpb`);

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
execFileSync(process.execPath, [join(root, "scripts/build.mjs"), "--outdir", join(stage, "dist")], { stdio: ["ignore", "ignore", "inherit"] });
for (const file of ["manifest.json", "LICENSE", "README.md"]) copyFileSync(join(root, file), join(stage, file));
writeFileSync(join(stage, "package.json"), `${JSON.stringify({ name: pkg.name, version: pkg.version, license: pkg.license, private: true }, null, 2)}\n`);

const mcpb = join(root, "node_modules/@anthropic-ai/mcpb/dist/cli/cli.js");
execFileSync(process.execPath, [mcpb, "pack", stage, out], { stdio: ["ignore", process.stderr, "inherit"] });
process.stdout.write(`${out}\n`);
