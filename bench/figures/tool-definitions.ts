// Figure 6: what a client pays up front, in tools and in characters of tool definitions.
import { connect, type Fake, gatewayEnv } from "../lib.js";
import { type FigureResult, verdict } from "../report-types.js";

async function definitions(fake: Fake, args: string[]) {
  const session = await connect(gatewayEnv(fake), args);
  try {
    const { tools } = await session.client.listTools();
    return { count: tools.length, chars: JSON.stringify(tools).length, names: tools.map((t) => t.name) };
  } finally {
    await session.close();
  }
}

export async function toolDefinitions(fake: Fake): Promise<FigureResult> {
  const byDefault = await definitions(fake, []);
  const all = await definitions(fake, ["--toolsets", "all"]);
  return {
    title: "6. Tool definitions",
    rows: [
      { figure: "6", metric: "tools, default set", value: String(byDefault.count), target: "<= 12", status: verdict(byDefault.count <= 12) },
      { figure: "6", metric: "tools, all", value: String(all.count), target: "<= 22", status: verdict(all.count <= 22) },
      {
        figure: "6",
        metric: "tools/list JSON, default set (chars)",
        value: String(byDefault.chars),
        target: "<= 12000",
        status: verdict(byDefault.chars <= 12_000),
      },
      { figure: "6", metric: "tools/list JSON, all tools (chars)", value: String(all.chars), target: "<= 24000", status: verdict(all.chars <= 24_000) },
    ],
    notes: [`Default set: ${byDefault.names.join(", ")}. All: ${all.names.join(", ")}. Characters are JSON.stringify of the tools array of tools/list.`],
  };
}
