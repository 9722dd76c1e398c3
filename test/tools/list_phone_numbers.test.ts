import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { text } from "../helpers/harness.js";
import { errorOf, ok, refusedFor, startInProcess, useInProcess } from "../helpers/in-process.js";

type Number = { id: string; number: string; name: string; users?: { id: string; name?: string }[] };

describe("list_phone_numbers", () => {
  const s = useInProcess();

  it("lists the workspace's numbers with their users, in one request", async () => {
    const from = s.gateway.requests.length;
    const result = await s.call("list_phone_numbers");
    const numbers = ok(result).numbers as Number[];
    assert.deepEqual(
      numbers.map((n) => [n.id, n.number, n.name]),
      [
        [SEED.numbers.main.id, SEED.numbers.main.number, "Main line"],
        [SEED.numbers.support.id, SEED.numbers.support.number, "Support"],
      ],
    );
    assert.deepEqual(
      numbers[0]?.users?.map((u) => u.id),
      [SEED.users.owner.id, SEED.users.admin.id],
    );
    assert.deepEqual(
      s.requestsSince(from).map((r) => `${r.method} ${r.path}`),
      ["GET /quo/v1/phone-numbers"],
    );
    assert.ok(!text(result).includes("null"), "no nulls reach the model");
  });

  it("reads one number by id", async () => {
    const from = s.gateway.requests.length;
    const one = ok(await s.call("list_phone_numbers", { id: SEED.numbers.support.id }));
    assert.deepEqual(
      (one.numbers as Number[]).map((n) => n.name),
      ["Support"],
    );
    assert.deepEqual(
      s.requestsSince(from).map((r) => r.path),
      [`/quo/v1/phone-numbers/${SEED.numbers.support.id}`],
    );
  });

  it("filters by user, sending the user id to Quo", async () => {
    const from = s.gateway.requests.length;
    const result = ok(await s.call("list_phone_numbers", { userId: SEED.users.member.id }));
    assert.deepEqual(
      (result.numbers as Number[]).map((n) => n.id),
      [SEED.numbers.support.id],
      "Mia is a member of Support only",
    );
    assert.equal(new URLSearchParams(s.requestsSince(from)[0]?.search).get("userId"), SEED.users.member.id);
  });

  it("refuses ids of the wrong kind, sending nothing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("list_phone_numbers", { id: "US123" }), "id", /PN/);
    refusedFor(await s.call("list_phone_numbers", { userId: SEED.numbers.main.id }), "userId", /US/);
    assert.equal(s.gateway.requests.length, from);
  });

  it("tells the model to fix a number id Quo does not know", async () => {
    const error = errorOf(await s.call("list_phone_numbers", { id: "PNnothere00" }));
    assert.equal(error.status, 404);
    assert.equal(error.remedy, "fix_arguments");
  });
});

describe("list_phone_numbers with a refused Maton key", () => {
  it("says to check MATON_API_KEY without repeating the key", async () => {
    const key = "mtn_revoked_key_123456";
    const s = await startInProcess({ key, sandbox: { acceptKey: (k) => k !== key } });
    try {
      const result = await s.call("list_phone_numbers");
      const error = errorOf(result);
      assert.match(error.message, /MATON_API_KEY/);
      assert.ok(!text(result).includes(key));
    } finally {
      await s.close();
    }
  });
});

describe("list_phone_numbers in sandbox mode", () => {
  it("says it is the sandbox in every result, errors included", async () => {
    const s = await startInProcess({ settings: { sandbox: true } });
    try {
      const numbers = await s.call("list_phone_numbers");
      assert.match(String(ok(numbers).notice), /no text reaches anyone/);
      const failed = await s.call("list_phone_numbers", { id: "PNnothere00" });
      assert.equal(failed.isError, true);
      assert.match(String(failed.structuredContent?.notice), /SANDBOX/);
    } finally {
      await s.close();
    }
  });
});
