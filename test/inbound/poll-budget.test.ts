import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { call, connect, type Gateway, type Session, startGateway } from "../helpers/harness.js";

const RATE = 3;
const main = SEED.numbers.main.id;
const participants = ["+15555550171", "+15555550172", "+15555550173", "+15555550174", "+15555550175", "+15555550176"];

/**
 * Polling takes at most a third of the key's budget, however many threads are watched: with
 * --rate-limit 3, six threads that would each like a read a second share one read a second,
 * and the calls made meanwhile keep the other two. Asserted on request counts at the gateway.
 */
describe("the poll budget", () => {
  let gateway: Gateway;
  let session: Session;
  before(async () => {
    gateway = await startGateway();
    session = await connect({ gateway, args: ["--rate-limit", String(RATE)] });
  });
  after(async () => {
    await session.close();
    await gateway.close();
  });

  it("keeps polls within a third of the budget while other calls run", async () => {
    const polls = () => gateway.requests.filter((r) => r.path === "/quo/v1/messages");
    const users = () => gateway.requests.filter((r) => r.path === "/quo/v1/users");
    await call(session, "list_phone_numbers");
    const started = Date.now();
    const waits = participants.map((p) => call(session, "wait_for_reply", { phoneNumber: main, participants: p, timeoutSeconds: 12 }));
    const others = Array.from({ length: 10 }, () => call(session, "list_users", {}));
    const otherResults = await Promise.all(others);
    const usersDoneWhileWaiting = users().length;
    const pollsWhenUsersDone = polls().length;
    const results = await Promise.all(waits);
    const seconds = (Date.now() - started) / 1000;
    for (const r of results) assert.equal(r.structuredContent?.timedOut, true);
    for (const r of otherResults) assert.equal(r.isError, undefined);

    const pollCount = polls().length;
    const third = (RATE / 3) * seconds;
    process.stdout.write(
      `poll budget: ${pollCount} polls in ${seconds.toFixed(1)} s (a third of the budget: ${third.toFixed(1)}); ${usersDoneWhileWaiting} other calls done while ${pollsWhenUsersDone} polls had run\n`,
    );
    assert.ok(pollCount <= Math.ceil(third) + 1, `${pollCount} polls in ${seconds.toFixed(1)} s exceed a third of ${RATE}/s`);
    assert.ok(pollCount >= participants.length, "every watcher read its thread at least once");
    assert.equal(usersDoneWhileWaiting, 10, "the other calls all ran while the waits were still polling");
    assert.ok(
      usersDoneWhileWaiting >= 2 * pollsWhenUsersDone - 2,
      `other calls (${usersDoneWhileWaiting}) kept their two thirds against polls (${pollsWhenUsersDone})`,
    );
  });
});
