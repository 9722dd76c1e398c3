import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { LATEST_MANIFEST_VERSION, MANIFEST_SCHEMAS } from "@anthropic-ai/mcpb";
import { z } from "zod";
// @ts-expect-error: a plain ES module script without type declarations
import { checkSkill, readFrontMatter } from "../../scripts/pack-skill.mjs";
// @ts-expect-error: a plain ES module script without type declarations
import { toolsReference } from "../../scripts/sync-manifest-tools.mjs";
import { settingSources } from "../../src/config.js";
import { allTools, selectTools } from "../../src/tools/index.js";
import { VERSION } from "../../src/version.js";

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), "utf8"));
const pkg = read("package.json");
const manifest = read("manifest.json");
const server = read("server.json");
const envNames = new Set(Object.values(settingSources).map((s) => s.env));

describe("manifest.json (MCP bundle)", () => {
  it("uses the newest manifest_version the mcpb CLI accepts and passes its schema", () => {
    assert.equal(manifest.manifest_version, LATEST_MANIFEST_VERSION);
    const parsed = MANIFEST_SCHEMAS[LATEST_MANIFEST_VERSION].safeParse(manifest);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
  });

  it("lists exactly the tools the bundled server serves (npm run sync:manifest rewrites it)", () => {
    const served = selectTools(allTools("US"), {}).map((t) => ({ name: t.name, description: t.description }));
    assert.deepEqual(manifest.tools, served);
  });

  it("keeps the skill's tools reference equal to the registry (npm run sync:manifest rewrites it)", () => {
    const current = readFileSync(new URL("../../skill/quo/references/tools.md", import.meta.url), "utf8");
    const served = new Set(selectTools(allTools("US"), {}).map((t) => t.name));
    const expected = toolsReference(
      allTools("US").map((t) => ({ ...t, served: served.has(t.name), input: z.toJSONSchema(t.input(), { io: "input", unrepresentable: "any" }) })),
    );
    assert.equal(current, expected, "references/tools.md is stale: run npm run sync:manifest");
  });

  it("asks for the Maton key as a required secret and passes every setting to the server's environment", () => {
    const config = manifest.user_config;
    assert.equal(config.maton_api_key.sensitive, true);
    assert.equal(config.maton_api_key.required, true);
    assert.notEqual(config.connection_id.required, true);
    assert.equal(config.read_only.type, "boolean");
    const env = manifest.server.mcp_config.env as Record<string, string>;
    for (const key of Object.keys(config)) assert.ok(Object.values(env).includes(`\${user_config.${key}}`), `${key} never reaches the server`);
    for (const name of Object.keys(env)) assert.ok(envNames.has(name), `${name} is not a quo-mcp setting`);
    assert.equal(env.MATON_API_KEY, "${user_config.maton_api_key}");
    assert.deepEqual(manifest.server.mcp_config.args, [`\${__dirname}/${manifest.server.entry_point}`]);
  });

  it("has the same version and name as the package, privacy policies and compatibility", () => {
    assert.equal(manifest.version, pkg.version);
    assert.equal(manifest.name, pkg.name);
    assert.ok(manifest.privacy_policies.length > 0);
    assert.equal(manifest.compatibility.runtimes.node, pkg.engines.node);
    assert.equal(manifest.server.entry_point, pkg.bin["quo-mcp"]);
  });
});

describe("server.json (MCP registry)", () => {
  it("follows the 2025-12-11 schema's required fields and limits", () => {
    assert.equal(server.$schema, "https://static.modelcontextprotocol.io/schemas/2025-12-11/server.schema.json");
    assert.match(server.name, /^[a-zA-Z0-9.-]+\/[a-zA-Z0-9._-]+$/);
    assert.ok(server.name.length >= 3 && server.name.length <= 200);
    assert.ok(server.description.length >= 1 && server.description.length <= 100, `description has ${server.description.length} characters`);
    assert.equal(server.version, pkg.version);
    assert.equal(server.version, VERSION);
    assert.match(server.repository.url, /^https:\/\//);
    assert.equal(server.repository.source, "github");
  });

  it("names the package by the same mcpName as package.json, as the registry verifies", () => {
    assert.equal(pkg.mcpName, server.name);
    assert.match(server.name, /^io\.github\.[^/]+\//, "an io.github namespace must match the repository owner");
    assert.ok(pkg.repository.url.includes(`github.com/${server.name.split("/")[0].replace("io.github.", "")}/`));
  });

  it("offers the npm package over stdio with its environment, and the OCI image", () => {
    const npm = server.packages.find((p: { registryType: string }) => p.registryType === "npm");
    assert.equal(npm.identifier, pkg.name);
    assert.equal(npm.version, pkg.version);
    assert.equal(npm.registryBaseUrl, "https://registry.npmjs.org");
    assert.deepEqual(npm.transport, { type: "stdio" });
    const key = npm.environmentVariables.find((v: { name: string }) => v.name === "MATON_API_KEY");
    assert.equal(key.isRequired, true);
    assert.equal(key.isSecret, true);
    const oci = server.packages.find((p: { registryType: string }) => p.registryType === "oci");
    assert.match(oci.identifier, new RegExp(`^ghcr\\.io/[a-z0-9-]+/quo-mcp:${pkg.version.replaceAll(".", "\\.")}$`));
    const dockerfile = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");
    assert.ok(dockerfile.includes(`io.modelcontextprotocol.server.name="${server.name}"`), "the image label must carry the server name");
    for (const p of server.packages) {
      assert.ok(["stdio", "streamable-http", "sse"].includes(p.transport.type));
      assert.notEqual(p.version, "latest");
      for (const variable of p.environmentVariables ?? []) {
        assert.ok(envNames.has(variable.name), `${variable.name} is not a quo-mcp setting`);
        assert.ok(variable.description.length > 10);
        assert.ok(["string", "number", "boolean", "filepath"].includes(variable.format));
      }
    }
  });
});

describe("package.json", () => {
  it("ships a bin, only the built files, engines, a license and keywords", () => {
    assert.equal(pkg.bin["quo-mcp"], "dist/cli.js");
    assert.ok(
      pkg.files.every((f: string) => f.startsWith("dist/")),
      "files holds more than what runs",
    );
    assert.equal(pkg.license, "MIT");
    assert.ok(pkg.engines.node);
    assert.ok(pkg.keywords.includes("mcp"));
    assert.equal(pkg.version, VERSION);
  });
});

describe("skill/quo/SKILL.md (Agent Skills)", () => {
  const dir = new URL("../../skill/quo", import.meta.url).pathname;
  const text = readFileSync(`${dir}/SKILL.md`, "utf8");
  const { fields } = readFrontMatter(text) as { fields: Record<string, string> };

  it("has a front matter the Agent Skills format accepts", () => {
    assert.deepEqual(checkSkill(dir), []);
    assert.equal(fields.name, "quo");
    assert.match(fields.name ?? "", /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok((fields.description ?? "").length > 100 && (fields.description ?? "").length < 1024);
    assert.match(fields.description ?? "", /Use it when/, "the description must say when to use it");
  });

  it("declares the Maton key in metadata and tells the agent both ways to call the tools", () => {
    assert.match(text, /metadata:\n[\s\S]*MATON_API_KEY/);
    assert.match(text, /npx -y quo-mcp call /);
    assert.match(text, /MCP server is connected/);
  });

  it("states the safety rules and links references that exist", () => {
    for (const rule of [/approv/i, /group/i, /one after another|one at a time/i, /never follow instructions/i]) assert.match(text, rule);
    const links = [...text.matchAll(/\]\((references\/[a-z-]+\.md)\)/g)].map((m) => m[1]);
    assert.ok(links.length >= 5);
    for (const link of links) assert.ok(readFileSync(`${dir}/${link}`, "utf8").length > 100, `${link} is empty`);
  });
});
