// Packs skill/quo as a folder ready for `skillhub publish` (or any Agent Skills registry):
// SKILL.md, references/ and the license, after checking the front matter against the Agent
// Skills rules. references/tools.md is regenerated from the registry by `npm run sync:manifest`.
//
// Usage: node scripts/pack-skill.mjs [--out DIR]      (default build/skill/quo)
import { copyFileSync, cpSync, readFileSync, rmSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const source = join(root, "skill/quo");

/** The top-level `key: value` fields of a SKILL.md front matter, plus whether `metadata` is a block. */
export function readFrontMatter(text) {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!match) throw new Error("SKILL.md must start with a front matter block between --- lines");
  const fields = {};
  for (const line of match[1].split("\n")) {
    const field = /^([a-z][a-z0-9-]*):(?:\s+(.*))?$/.exec(line);
    if (field) fields[field[1]] = (field[2] ?? "").replace(/^"(.*)"$/, "$1");
  }
  return { fields, raw: match[1], body: text.slice(match[0].length) };
}

/** Problems with a skill folder under the Agent Skills rules; empty when it is fine. */
export function checkSkill(dir) {
  const { fields, raw, body } = readFrontMatter(readFileSync(join(dir, "SKILL.md"), "utf8"));
  const problems = [];
  const name = fields.name ?? "";
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) || name.length > 64) problems.push(`name "${name}" must be 1-64 lowercase letters, digits and single hyphens`);
  if (name !== basename(dir)) problems.push(`name "${name}" must equal the folder name "${basename(dir)}"`);
  const description = fields.description ?? "";
  if (description.length < 1 || description.length > 1024) problems.push(`description must be 1-1024 characters (has ${description.length})`);
  if (fields.compatibility !== undefined && fields.compatibility.length > 500) problems.push("compatibility must be at most 500 characters");
  if (!/^metadata:\n(\s+.+\n?)+/m.test(raw) || !/MATON_API_KEY/.test(raw.slice(raw.indexOf("metadata:"))))
    problems.push("metadata must declare the required MATON_API_KEY");
  if (body.split("\n").length > 500) problems.push("SKILL.md body should stay under 500 lines; move detail to references/");
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out");
  const out = resolve(root, at > 0 ? process.argv[at + 1] : "build/skill/quo");
  const problems = checkSkill(source);
  if (problems.length > 0) {
    process.stderr.write(`skill/quo is not ready:\n- ${problems.join("\n- ")}\n`);
    process.exit(1);
  }
  if (basename(out) !== "quo") {
    process.stderr.write("--out must end in a folder named quo: a skill's folder name is its name\n");
    process.exit(2);
  }
  rmSync(out, { recursive: true, force: true });
  cpSync(source, out, { recursive: true });
  copyFileSync(join(root, "LICENSE"), join(out, "LICENSE"));
  process.stdout.write(`${out}\n(publish with: skillhub publish ${out})\n`);
}
