import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { formatMessage, formatThreadMessage } from "../../src/format/messages.js";
import type { QuoMessage } from "../../src/quo/types.js";
import { messageShape } from "../../src/tools/messages/shapes.js";

const base: QuoMessage = {
  id: "ACmsg000001",
  to: ["+15555550100"],
  from: "+15555550123",
  text: "Tuesday works, thanks!",
  phoneNumberId: "PNmain00001",
  conversationId: "CNalice0001",
  direction: "incoming",
  userId: "USowner0001",
  status: "received",
  createdAt: "2026-11-21T09:00:00.000Z",
  updatedAt: "2026-11-21T09:00:00.000Z",
};

describe("a message's text sits under its direction", () => {
  it("puts a received text under in and a sent one under out, in a thread", () => {
    assert.deepEqual(formatThreadMessage(base, false), { in: "Tuesday works, thanks!", at: "2026-11-21T09:00:00Z" });
    const sent = { ...base, direction: "outgoing", status: "undelivered", text: "See you then" } as const;
    assert.deepEqual(formatThreadMessage(sent, true), { out: "See you then", status: "undelivered", at: "2026-11-21T09:00:00Z" });
    assert.deepEqual(formatThreadMessage(base, true), { in: "Tuesday works, thanks!", from: base.from, at: "2026-11-21T09:00:00Z" });
  });

  it("gives a thread message its id only when asked", () => {
    assert.deepEqual(formatThreadMessage(base, false, true), { id: base.id, in: "Tuesday works, thanks!", at: "2026-11-21T09:00:00Z" });
    assert.deepEqual(messageShape.parse(formatThreadMessage(base, false)), formatThreadMessage(base, false));
  });

  it("keeps the direction of a message without text as an empty string", () => {
    for (const text of ["", null as unknown as string]) {
      assert.deepEqual(formatThreadMessage({ ...base, text }, false), { in: "", at: "2026-11-21T09:00:00Z" });
      const one = formatMessage({ ...base, text, direction: "outgoing", status: "delivered" });
      assert.deepEqual(
        Object.entries(one).filter(([key]) => key === "in" || key === "out"),
        [["out", ""]],
      );
    }
  });

  it("gives a message on its own everything needed to place it, and fits the output shape", () => {
    const one = formatMessage(base);
    assert.deepEqual(one, {
      id: base.id,
      in: base.text,
      from: base.from,
      to: base.to,
      status: "received",
      at: "2026-11-21T09:00:00Z",
      phoneNumberId: base.phoneNumberId,
      conversationId: base.conversationId,
      userId: base.userId,
    });
    assert.deepEqual(messageShape.parse(one), one);
  });
});
