import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { errorOf, ok, refusedFor, useInProcess } from "../helpers/in-process.js";

type Artifact = Record<string, unknown> & { status?: string };

describe("get_call", () => {
  const s = useInProcess();

  it("gets a call with all four artifacts, fetched together", async () => {
    const from = s.gateway.requests.length;
    const result = ok(await s.call("get_call", { id: SEED.calls.withArtifacts }));
    assert.equal((result.call as Artifact).id, SEED.calls.withArtifacts);
    assert.equal((result.recordings as Artifact[])[0]?.status, "completed");
    assert.equal((result.summary as Artifact).status, "completed");
    const turns = (result.transcript as Artifact).dialogue as { who?: string; text: string; t: number }[];
    assert.ok(turns.length > 0);
    assert.ok(
      turns.every((turn) => typeof turn.text === "string" && Number.isInteger(turn.t)),
      JSON.stringify(turns),
    );
    assert.ok(
      turns.every((turn, i) => i === 0 || turn.who === undefined || turn.who !== turns[i - 1]?.who),
      "one speaker's consecutive segments are one turn",
    );
    assert.match(String(result.untrusted), /transcript/, "outside text is marked at the result level");
    const paths = s
      .requestsSince(from)
      .map((r) => r.path)
      .sort();
    assert.deepEqual(
      paths,
      [
        `/quo/v1/call-recordings/${SEED.calls.withArtifacts}`,
        `/quo/v1/call-summaries/${SEED.calls.withArtifacts}`,
        `/quo/v1/call-transcripts/${SEED.calls.withArtifacts}`,
        `/quo/v1/call-voicemails/${SEED.calls.withArtifacts}`,
        `/quo/v1/calls/${SEED.calls.withArtifacts}`,
      ].sort(),
    );
  });

  it("says absent for an artifact the call does not have, instead of failing", async () => {
    const result = ok(await s.call("get_call", { id: SEED.calls.withArtifacts }));
    assert.equal((result.voicemail as Artifact).status, "absent");
    const bare = ok(await s.call("get_call", { id: SEED.calls.missed }));
    assert.equal((bare.summary as Artifact).status, "absent");
    assert.equal((bare.transcript as Artifact).status, "absent");
  });

  it("fetches only what include asks for", async () => {
    const from = s.gateway.requests.length;
    const result = ok(await s.call("get_call", { id: SEED.calls.voicemail, include: ["voicemail"] }));
    assert.match(String((result.voicemail as Artifact).transcript), /\w+/);
    assert.equal(result.summary, undefined);
    assert.equal(result.recordings, undefined);
    assert.deepEqual(
      s
        .requestsSince(from)
        .map((r) => r.path)
        .sort(),
      [`/quo/v1/call-voicemails/${SEED.calls.voicemail}`, `/quo/v1/calls/${SEED.calls.voicemail}`],
    );
  });

  it("refuses a call id with the wrong prefix and an unknown artifact, sending nothing", async () => {
    const from = s.gateway.requests.length;
    refusedFor(await s.call("get_call", { id: "CN123" }), "id", /call id/);
    refusedFor(await s.call("get_call", { id: SEED.calls.missed, include: ["video"] }), "include.0", /recording, summary, transcript, voicemail/);
    assert.equal(s.gateway.requests.length, from);
  });

  it("tells the model to fix a call id Quo does not know", async () => {
    const error = errorOf(await s.call("get_call", { id: "ACnosuchcall0" }));
    assert.equal(error.status, 404);
    assert.equal(error.remedy, "fix_arguments");
  });
});
