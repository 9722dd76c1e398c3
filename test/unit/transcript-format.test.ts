import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatTranscript } from "../../src/format/call-artifacts.js";
import type { QuoTranscript } from "../../src/quo/types.js";

const line = (content: string, start: number, speaker: { userId?: string; identifier?: string }) => ({
  content,
  start,
  end: start + 1.5,
  identifier: speaker.identifier ?? null,
  userId: speaker.userId ?? null,
});
const user = { userId: "USowner0001", identifier: "+15555550100" };
const caller = { identifier: "+15555550150" };

describe("a transcript reads as turns", () => {
  it("joins consecutive segments of one speaker into a turn that starts at its first segment", () => {
    const t: QuoTranscript = {
      callId: "ACcall00001",
      status: "completed",
      duration: 30,
      createdAt: "2026-11-21T09:00:00.000Z",
      dialogue: [
        line("Thanks for calling,", 0.48, user),
        line("how can I help?", 2.1, user),
        line("Hi, it's Sam.", 4.6, caller),
        line("I need to move my cleaning.", 6.2, caller),
        line("Sure.", 9.7, user),
      ],
    };
    assert.deepEqual(formatTranscript(t), {
      status: "completed",
      duration: 30,
      dialogue: [
        { who: "USowner0001", text: "Thanks for calling, how can I help?", t: 0 },
        { who: "+15555550150", text: "Hi, it's Sam. I need to move my cleaning.", t: 5 },
        { who: "USowner0001", text: "Sure.", t: 10 },
      ],
    });
  });

  it("keeps segments without a known speaker apart, since they may be two people", () => {
    const t: QuoTranscript = {
      callId: "ACcall00002",
      status: "completed",
      duration: 5,
      createdAt: "2026-11-21T09:00:00.000Z",
      dialogue: [line("Hello?", 0, {}), line("Hi.", 1.2, {})],
    };
    assert.deepEqual(formatTranscript(t).dialogue, [
      { text: "Hello?", t: 0 },
      { text: "Hi.", t: 1 },
    ]);
  });
});
