import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { callTool, connectHttp, type HttpServer, startHttp, text } from "./helpers.js";

const SESSIONS = 50;

describe("HTTP under load", () => {
  let server: HttpServer;
  before(async () => {
    server = await startHttp({ args: ["--sandbox", "--multi-tenant"] });
  });
  after(async () => {
    assert.equal(await server.stop(), 0);
  });

  it(`serves ${SESSIONS} concurrent sessions (both transports, one key each), every call succeeding`, async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: SESSIONS }, async (_, i) => {
        const client = await connectHttp(server.base, i % 5 === 0 ? "sse" : "streamable", { "x-maton-api-key": `mtn_load_${i}_key` });
        try {
          const { tools } = await client.listTools();
          assert.ok(tools.length > 0);
          const numbers = await callTool(client, "list_phone_numbers");
          assert.equal(numbers.isError, undefined, text(numbers));
          assert.match(text(numbers), new RegExp(SEED.numbers.main.id));
          const users = await callTool(client, "list_users");
          assert.equal(users.isError, undefined, text(users));
          assert.match(text(users), new RegExp(SEED.users.owner.id));
        } finally {
          await client.close();
        }
      }),
    );
    // fetch says only "fetch failed"; the reason (a reset, a refused connection, a timeout) is its cause.
    const why = (error: Error) => {
      const cause = error.cause as { code?: string; message?: string } | undefined;
      return [error.message, cause?.code ?? cause?.message].filter(Boolean).join(": ");
    };
    const failures = outcomes.flatMap((o, i) => (o.status === "rejected" ? [`session ${i}: ${why(o.reason as Error)}`] : []));
    assert.deepEqual(failures, []);
  });
});
