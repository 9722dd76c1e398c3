import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { LATEST_PROTOCOL_VERSION, SUPPORTED_PROTOCOL_VERSIONS, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { loadConfig } from "../config.js";
import { createLogger } from "../logger.js";
import { prompts } from "../prompts/index.js";
import { buildServer } from "../server.js";
import { createServices } from "../services.js";
import type { ToolDefinition } from "../tools/define.js";
import { allTools } from "../tools/index.js";
import { toolDefinition } from "../tools/list-entries.js";
import type { SelectableTool } from "../tools/selection.js";

/**
 * What the fast start path needs to answer `initialize` and `tools/list` exactly as the full
 * server would, computed at build time by running the full server once.
 */
export interface FastStartManifest {
  latestProtocolVersion: string;
  protocolVersions: string[];
  /** The initialize result without `protocolVersion`, for a server that offers prompts and one that does not. */
  initialize: { withPrompts: InitializeBody; withoutPrompts: InitializeBody };
  /** The tools each prompt needs: a prompt is offered only when all of them are served. */
  promptTools: string[][];
  tools: ManifestTool[];
}

type ManifestTool = SelectableTool & { definition: Tool; readOnlyVariant?: ManifestTool };

function manifestTool(tool: ToolDefinition): ManifestTool {
  return {
    name: tool.name,
    toolset: tool.toolset,
    annotations: { readOnlyHint: tool.annotations.readOnlyHint },
    ...(tool.defaultEnabled === false ? { defaultEnabled: false } : {}),
    definition: toolDefinition(tool),
    ...(tool.readOnlyVariant ? { readOnlyVariant: manifestTool(tool.readOnlyVariant) } : {}),
  };
}

type InitializeBody = Record<string, unknown>;

async function initializeResult(toolNames: "all" | "none"): Promise<InitializeBody> {
  const config = loadConfig({ sandbox: true }, {});
  const tools = toolNames === "all" ? allTools(config.defaultRegion) : [];
  const services = createServices(config, "build-time", createLogger("silent"));
  const server = buildServer({ tools, services });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const answer = new Promise<InitializeBody>((resolve) => {
    clientSide.onmessage = (message) => resolve((message as { result: InitializeBody }).result);
  });
  await server.connect(serverSide);
  await clientSide.start();
  await clientSide.send({
    jsonrpc: "2.0",
    id: 1,
    method: "initialize",
    params: { protocolVersion: LATEST_PROTOCOL_VERSION, capabilities: {}, clientInfo: { name: "build", version: "0" } },
  });
  const { protocolVersion: _, ...body } = await answer;
  await server.close();
  return body;
}

/**
 * Run by scripts/build.mjs (from a program string, which static analysis cannot follow).
 * @public
 */
export async function buildManifest(): Promise<FastStartManifest> {
  return {
    latestProtocolVersion: LATEST_PROTOCOL_VERSION,
    protocolVersions: [...SUPPORTED_PROTOCOL_VERSIONS],
    initialize: { withPrompts: await initializeResult("all"), withoutPrompts: await initializeResult("none") },
    promptTools: prompts.map((p) => [...p.tools]),
    tools: allTools("US").map(manifestTool),
  };
}
