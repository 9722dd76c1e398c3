import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { errorOf, ok, refusedFor, useInProcess } from "../helpers/in-process.js";

type User = { id: string; name?: string; email?: string; role?: string };

/** maxResults of every GET /v1/users sent since `from`. */
const pageSizes = (s: ReturnType<typeof useInProcess>, from: number) =>
  s
    .requestsSince(from)
    .filter((r) => r.path === "/quo/v1/users")
    .map((r) => Number(new URLSearchParams(r.search).get("maxResults")));

describe("list_users", () => {
  const s = useInProcess();

  it("pages with a continuation token and hint, and the token resumes where the page stopped", async () => {
    const first = ok(await s.call("list_users", { maxResults: 2 }));
    assert.equal((first.users as User[]).length, 2);
    assert.equal(typeof first.nextPageToken, "string");
    assert.match(String(first.hint), /pageToken/);
    const rest = ok(await s.call("list_users", { maxResults: 2, pageToken: first.nextPageToken }));
    assert.deepEqual(
      [...(first.users as User[]), ...(rest.users as User[])].map((u) => u.id),
      [SEED.users.owner.id, SEED.users.admin.id, SEED.users.member.id],
    );
    assert.equal(rest.nextPageToken, undefined, "no token once the list has ended");
  });

  it("stops at the end of a short list after one page of the endpoint's largest size", async () => {
    const from = s.gateway.requests.length;
    const result = ok(await s.call("list_users", { maxResults: 500 }));
    assert.deepEqual(pageSizes(s, from), [50]);
    assert.equal((result.users as User[]).length, 3);
    assert.equal(result.nextPageToken, undefined);
  });

  it("reads one user by id", async () => {
    const one = ok(await s.call("list_users", { id: SEED.users.member.id }));
    assert.deepEqual(one.users, [{ id: SEED.users.member.id, name: "Mia Moreno", email: SEED.users.member.email, role: "member" }]);
  });

  it("refuses a page size out of bounds and a wrong id, sending nothing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("list_users", { maxResults: 0 }), "maxResults", /at least 1/);
    refusedFor(await s.call("list_users", { maxResults: 501 }), "maxResults", /at most 500/);
    refusedFor(await s.call("list_users", { id: "PNmain0100" }), "id", /US/);
    refusedFor(await s.call("list_users", { pageToken: "" }), "pageToken");
    assert.equal(s.gateway.requests.length, from);
  });

  it("tells the model to fix a user id Quo does not know", async () => {
    const error = errorOf(await s.call("list_users", { id: "USnobody0000" }));
    assert.equal(error.status, 404);
    assert.equal(error.remedy, "fix_arguments");
  });
});
