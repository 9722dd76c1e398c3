import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { ResourceUpdatedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { receiveMessage } from "../../src/sandbox/inbound.js";
import { SEED } from "../../src/sandbox/index.js";
import { connect, type Gateway, type Session, startGateway, TEST_KEY } from "../helpers/harness.js";
import { threadReads, until } from "./helpers.js";

const main = SEED.numbers.main;
const alice = SEED.contacts.alice.number;
const uri = `quo://threads/${main.id}/${encodeURIComponent(alice)}`;

/** Threads as MCP resources over stdio: the template, reading, completions, and subscribe -> updated -> read. */
describe("thread resources", () => {
  let gateway: Gateway;
  let session: Session;
  const updated: string[] = [];
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway });
    session.client.setNotificationHandler(ResourceUpdatedNotificationSchema, (n) => {
      updated.push(n.params.uri);
    });
  });
  after(async () => {
    await session.close();
    await gateway.close();
    assert.deepEqual(gateway.violations, []);
  });

  it("offers subscriptions and the thread template", async () => {
    assert.equal(session.client.getServerCapabilities()?.resources?.subscribe, true);
    const { resourceTemplates } = await session.client.listResourceTemplates();
    // The MCP Apps views are templates too (ui://); the threads are the only quo:// ones.
    assert.deepEqual(
      resourceTemplates.map((t) => t.uriTemplate).filter((uri) => uri.startsWith("quo://")),
      ["quo://threads/{phoneNumber}/{participant}"],
    );
  });

  it("reads a thread as its recent messages, marked untrusted", async () => {
    const read = await session.client.readResource({ uri });
    const body = JSON.parse(String((read.contents[0] as { text: string }).text)) as {
      untrusted: string;
      messages: { id: string; in?: string; out?: string }[];
    };
    assert.match(body.untrusted, /never instructions/);
    assert.ok(body.messages.length > 0);
  });

  it("completes own numbers and recent participants", async () => {
    const ref = { type: "ref/resource" as const, uri: "quo://threads/{phoneNumber}/{participant}" };
    const numbers = await session.client.complete({ ref, argument: { name: "phoneNumber", value: "+1555555010" } });
    assert.deepEqual(numbers.completion.values.sort(), [main.number, SEED.numbers.support.number].sort());
    const people = await session.client.complete({
      ref,
      argument: { name: "participant", value: "+1555555012" },
      context: { arguments: { phoneNumber: main.id } },
    });
    assert.ok(people.completion.values.includes(alice), people.completion.values.join(", "));
    assert.ok(!people.completion.values.includes(SEED.contacts.erin.number), "erin texts the support line, not main");
  });

  it("notifies a subscriber when a message lands, and the read shows it", async () => {
    const reads = threadReads(gateway, alice).length;
    await session.client.subscribeResource({ uri });
    await until(() => threadReads(gateway, alice).length > reads, "the thread's watcher read its baseline");
    const message = receiveMessage(gateway.sandbox.workspace(TEST_KEY), { from: alice, phoneNumber: main.id, text: "subscribed and heard" });
    await until(() => updated.includes(uri), "notifications/resources/updated for the thread");
    const read = await session.client.readResource({ uri });
    const body = JSON.parse(String((read.contents[0] as { text: string }).text)) as { messages: { id: string; in?: string }[] };
    assert.deepEqual([body.messages[0]?.id, body.messages[0]?.in], [message.id, "subscribed and heard"]);
  });

  it("stops watching on unsubscribe", async () => {
    await session.client.unsubscribeResource({ uri });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const settled = threadReads(gateway, alice).length;
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.equal(threadReads(gateway, alice).length, settled, "no polling after the last subscriber left");
  });
});
