import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SEED } from "../../src/sandbox/index.js";
import { type Gateway, startGateway } from "../helpers/harness.js";
import { connectClient } from "./helpers.js";

const views: Record<string, string> = {
  list_messages: "ui://quo-mcp/thread",
  wait_for_reply: "ui://quo-mcp/thread",
  get_call: "ui://quo-mcp/call",
  send_message: "ui://quo-mcp/approval",
  send_individual_messages: "ui://quo-mcp/approval",
};

/** Both kinds of client against one sandbox: one that renders MCP Apps, one that does not. */
describe("clients without MCP Apps see the server exactly as before", () => {
  let gateway: Gateway;
  let plain: Client;
  let apps: Client;
  let appsFull: Client;

  before(async () => {
    gateway = await startGateway();
    [plain, apps, appsFull] = await Promise.all([
      connectClient(gateway, { ui: false, args: ["--toolsets", "all"] }),
      connectClient(gateway, { ui: true, args: ["--toolsets", "all"] }),
      connectClient(gateway, { ui: true, args: ["--toolsets", "all"], env: { QUO_MCP_NO_FAST_START: "1" } }),
    ]);
  });

  after(async () => {
    await Promise.all([plain?.close(), apps?.close(), appsFull?.close()]);
    await gateway?.close();
    assert.deepEqual(gateway?.violations, []);
  });

  it("lists the same tools, byte for byte, apart from a small _meta.ui on the tools with views", async () => {
    const [without, withViews, withViewsFull] = await Promise.all([plain.listTools(), apps.listTools(), appsFull.listTools()]);
    assert.deepEqual(withViews, withViewsFull, "the fast start and the full server agree for a client that renders views");
    assert.equal(without.tools.length, withViews.tools.length);
    for (const [i, tool] of withViews.tools.entries()) {
      const { _meta, ...rest } = tool;
      const before = without.tools[i]!;
      assert.equal("_meta" in before, false, `${before.name} carries no _meta for a plain client`);
      assert.equal(JSON.stringify(rest), JSON.stringify(before), `${tool.name} is otherwise byte-identical`);
      if (views[tool.name]) {
        assert.deepEqual(_meta, { ui: { resourceUri: views[tool.name] } });
        assert.ok(JSON.stringify(_meta).length < 50);
      } else {
        assert.equal(_meta, undefined);
      }
    }
  });

  it("keeps the views out of resources/list and serves them on resources/read", async () => {
    assert.deepEqual((await plain.listResources()).resources, []);
    for (const uri of new Set(Object.values(views))) {
      const read = await apps.readResource({ uri });
      assert.equal(read.contents[0]?.mimeType, "text/html;profile=mcp-app");
      assert.match(String((read.contents[0] as { text?: string }).text), /^<!doctype html>/);
    }
    await assert.rejects(apps.readResource({ uri: "ui://quo-mcp/nothing" }), /No such view/);
  });

  const calls: [string, Record<string, unknown>][] = [
    ["list_messages", { phoneNumber: "Main line", participants: SEED.contacts.alice.number, maxResults: 3 }],
    ["list_messages", { phoneNumber: "Main line", participants: [SEED.contacts.carol.number, SEED.contacts.dan.number] }],
    ["wait_for_reply", { phoneNumber: "Main line", participants: SEED.contacts.bob.number, timeoutSeconds: 1 }],
    ["get_call", { id: SEED.calls.withArtifacts }],
    ["get_call", { id: SEED.calls.voicemail }],
    ["send_message", { from: "Main line", to: SEED.contacts.bob.number, content: "Your quote is attached.", dryRun: true }],
    ["send_individual_messages", { from: "Main line", to: [SEED.contacts.bob.number, SEED.contacts.carol.number], content: "Closed Friday", dryRun: true }],
    ["send_message", { from: "Main line", to: [SEED.contacts.bob.number, SEED.contacts.carol.number], content: "Hi", dryRun: true }],
    ["get_call", { id: "ACdoesnotexist" }],
    ["list_phone_numbers", {}],
  ];
  for (const [name, args] of calls) {
    it(`returns the same ${name} result to both, the view's data only under _meta (${JSON.stringify(args).slice(0, 60)})`, async () => {
      const [a, b] = await Promise.all([plain.callTool({ name, arguments: args }), apps.callTool({ name, arguments: args })]);
      assert.equal("_meta" in a, false, "a plain client gets no _meta");
      const { _meta, ...rest } = b;
      // Quo's trace id is random per request; everything else must match byte for byte.
      const untraced = (value: unknown) => JSON.stringify(value).replace(/(trace\\*":\\*")[0-9a-f]+/g, "$1");
      assert.equal(untraced(rest), untraced(a));
      if (views[name] && !a.isError) assert.ok((_meta as Record<string, unknown>)["quo-mcp/view"], "the view's data is under _meta");
      else assert.equal(_meta, undefined);
    });
  }
});
