// Rewrites what is derived from the tool registry: the `tools` list of manifest.json (the MCP
// bundle manifest, so the bundle tells Claude Desktop exactly what the server serves) and the
// skill's references/tools.md (every tool and its arguments). Run after adding or changing a
// tool; test/package/manifest.test.ts fails while they differ. `--check` only reports.
//
// Reads the registry through tsx, so it works from the source without a build.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const manifestPath = new URL("../manifest.json", import.meta.url);
const referencePath = new URL("../skill/quo/references/tools.md", import.meta.url);

/**
 * The tools the bundle's server serves (the registry's default selection, which is what its
 * mcp_config runs), as the manifest lists them: name and description.
 */
export function registryTools() {
  return registry().served;
}

function registry() {
  const program = `
    import { z } from "zod";
    import { allTools, selectTools } from "./src/tools/index.ts";
    const all = allTools("US");
    const served = new Set(selectTools(all, {}).map((t) => t.name));
    process.stdout.write(JSON.stringify(all.map((t) => ({ name: t.name, title: t.title, description: t.description, toolset: t.toolset, annotations: t.annotations,
      served: served.has(t.name), input: z.toJSONSchema(t.input(), { io: "input", unrepresentable: "any" }) }))));
  `;
  const out = execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", program], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, QUO_MCP_LOG_LEVEL: "silent" },
  });
  const all = JSON.parse(out);
  return { all, served: all.filter((t) => t.served).map((t) => ({ name: t.name, description: t.description })) };
}

function typeOf(property) {
  if (property.enum) return property.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (property.anyOf) return property.anyOf.map(typeOf).join(" or ");
  if (property.type === "array") return `${typeOf(property.items ?? {})}[]`;
  return Array.isArray(property.type) ? property.type.join(" | ") : (property.type ?? "any");
}

/** references/tools.md: each tool, what it does, and its arguments, from the registry itself. */
export function toolsReference(all) {
  const lines = [
    "# Quo tools and their arguments",
    "",
    "Generated from the tool registry by `npm run sync:manifest`; do not edit by hand.",
    "Tools marked *not served by default* need `--toolsets all` (or `QUO_MCP_TOOLSETS`) over MCP; the command line runs every tool.",
    "",
  ];
  for (const tool of all) {
    lines.push(
      `## ${tool.name}`,
      "",
      `${tool.title}. ${tool.annotations.readOnlyHint ? "Reads only." : "**Writes.**"}${tool.served ? "" : " *Not served by default.*"}`,
      "",
      tool.description,
      "",
    );
    const properties = tool.input.properties ?? {};
    const required = new Set(tool.input.required ?? []);
    const names = Object.keys(properties);
    if (names.length === 0) lines.push("No arguments.", "");
    for (const name of names) {
      const p = properties[name];
      const extra = [required.has(name) ? "required" : "optional", p.default !== undefined ? `default ${JSON.stringify(p.default)}` : ""]
        .filter(Boolean)
        .join(", ");
      lines.push(`- \`${name}\` (${typeOf(p)}; ${extra})${p.description ? `: ${p.description}` : ""}`);
    }
    if (names.length > 0) lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const { all, served: tools } = registry();
  const reference = toolsReference(all);
  const current = existsSync(referencePath) ? readFileSync(referencePath, "utf8") : "";
  const same = JSON.stringify(manifest.tools) === JSON.stringify(tools) && current === reference;
  if (process.argv.includes("--check")) {
    process.stdout.write(same ? "manifest.json tools match the registry\n" : "manifest.json tools differ from the registry: run npm run sync:manifest\n");
    process.exit(same ? 0 : 1);
  }
  manifest.tools = tools;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(new URL(".", referencePath), { recursive: true });
  writeFileSync(referencePath, reference);
  process.stdout.write(`manifest.json lists ${tools.length} tools, skill/quo/references/tools.md ${all.length}${same ? " (unchanged)" : ""}\n`);
}
