import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type FaultGateway, startFaultGateway } from "../helpers/fault-gateway.js";
import { call, connect, type Session, TEST_KEY, text } from "../helpers/harness.js";

/**
 * An API that answers an empty page yet offers a nextPageToken would keep a naive paging loop
 * asking forever (until the call's deadline, at the full rate limit). Every list tool must stop
 * after such a page. The deadline is set short only so that a loop that does spin ends the
 * test quickly; what is asserted is the number of requests, not time.
 */
const EMPTY_WITH_TOKEN = JSON.stringify({ data: [], totalItems: 0, nextPageToken: "tok-forever" });

describe("paging through an empty page that still carries a nextPageToken", () => {
  let fake: FaultGateway;
  let session: Session;
  before(async () => {
    fake = await startFaultGateway();
    session = await connect({
      args: ["--toolsets", "all"],
      env: { MATON_API_KEY: TEST_KEY, MATON_GATEWAY_URL: fake.url, MATON_CTRL_URL: fake.url, QUO_MCP_DEADLINE_MS: "5000" },
    });
  });
  after(async () => {
    await session.close();
    await fake.close();
  });

  const cases: [string, string, Record<string, unknown>][] = [
    ["list_messages", "GET /v1/messages", { phoneNumber: "Main line", participants: ["+15555550123"], maxResults: 100 }],
    ["list_calls", "GET /v1/calls", { phoneNumber: "Main line", participant: "+15555550123", maxResults: 100 }],
    ["list_users", "GET /v1/users", { maxResults: 100 }],
    ["find_contacts", "GET /v1/contacts", { maxResults: 100 }],
    ["manage_task", "GET /v1/tasks", { action: "list", maxResults: 100 }],
  ];
  for (const [tool, route, args] of cases) {
    it(`${tool} asks once and answers`, async () => {
      fake.failAlways(route, { kind: "status", status: 200, body: EMPTY_WITH_TOKEN });
      try {
        const before = fake.seen(route).length;
        const result = await call(session, tool, args);
        assert.equal(result.isError, undefined, text(result));
        assert.equal(fake.seen(route).length - before, 1, `${tool} kept asking for pages that never came`);
      } finally {
        fake.failAlways(route, undefined);
      }
    });
  }
});
