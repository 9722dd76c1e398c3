import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatRecording, formatSummary } from "../../src/format/call-artifacts.js";
import { formatCall } from "../../src/format/calls.js";
import type { QuoCall, QuoRecording } from "../../src/quo/types.js";

const call: QuoCall = {
  id: "ACcall00001",
  phoneNumberId: "PNmain0100",
  userId: "USowner0001",
  participants: ["+15555550150"],
  direction: "incoming",
  status: "completed",
  duration: 241,
  createdAt: "2026-11-21T09:00:00.000Z",
  answeredAt: "2026-11-21T09:00:06.000Z",
  answeredBy: "USowner0001",
  initiatedBy: null,
  completedAt: "2026-11-21T09:04:07.000Z",
  callRoute: "phone-number",
  forwardedFrom: null,
  forwardedTo: null,
  aiHandled: null,
  updatedAt: "2026-11-21T09:10:00.000Z",
};

describe("a call on its own", () => {
  it("leaves out its end when it is the answer time plus the duration", () => {
    const shown = formatCall(call);
    assert.equal(shown.completedAt, undefined);
    assert.equal(shown.answeredAt, "2026-11-21T09:00:06Z");
    assert.equal(shown.duration, 241);
  });

  it("keeps the end of a call nobody answered, and of one whose end says something else", () => {
    const missed = formatCall({ ...call, status: "missed", duration: 0, answeredAt: null, answeredBy: null, completedAt: "2026-11-21T09:00:25.000Z" });
    assert.equal(missed.completedAt, "2026-11-21T09:00:25Z");
    assert.equal(formatCall({ ...call, completedAt: "2026-11-21T09:05:00.000Z" }).completedAt, "2026-11-21T09:05:00Z");
  });
});

describe("a call's recording", () => {
  const recording: QuoRecording = {
    id: "RCcall00001",
    duration: 241,
    startTime: "2026-11-21T09:00:06.000Z",
    status: "completed",
    type: "audio/mpeg",
    url: "https://files.example.com/r.mp3",
  };

  it("is its url when it is finished and covers the call", () => {
    assert.deepEqual(formatRecording(recording, call), { url: "https://files.example.com/r.mp3" });
  });

  it("says its status, length and start when they are not the call's", () => {
    assert.deepEqual(formatRecording({ ...recording, status: "in-progress", url: null }, call), { status: "in-progress" });
    assert.deepEqual(formatRecording({ ...recording, duration: 60, startTime: "2026-11-21T09:03:00.000Z" }, call), {
      duration: 60,
      url: "https://files.example.com/r.mp3",
      startTime: "2026-11-21T09:03:00Z",
    });
  });
});

describe("a call's summary", () => {
  it("says its status only while it is not ready", () => {
    assert.deepEqual(formatSummary({ callId: call.id, status: "completed", summary: ["Moved the cleaning."], nextSteps: null }), {
      summary: ["Moved the cleaning."],
    });
    assert.deepEqual(formatSummary({ callId: call.id, status: "in-progress", summary: null, nextSteps: null }), { status: "in-progress" });
    assert.deepEqual(formatSummary({ callId: call.id, status: "completed", summary: [], nextSteps: [] }), { status: "completed" });
  });
});
