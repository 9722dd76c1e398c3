import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { NumberDirectory } from "../../src/quo/directory.js";
import type { QuoNumbers } from "../../src/quo/numbers.js";
import { toE164 } from "../../src/quo/phone.js";
import type { QuoPhoneNumber } from "../../src/quo/types.js";

const main: QuoPhoneNumber = { id: "PNmain0100", number: "+15555550100", name: "Main line" };

function fakeApi() {
  let calls = 0;
  let answer: (numbers: QuoPhoneNumber[]) => void = () => {};
  const api = {
    list: () => {
      calls += 1;
      return new Promise((resolve) => {
        answer = (numbers) => resolve({ data: numbers });
      });
    },
  } as unknown as QuoNumbers;
  return { api, calls: () => calls, answer: (numbers: QuoPhoneNumber[]) => answer(numbers) };
}

describe("the number directory", () => {
  it("shares one lookup, and a caller that gives up does not cancel it for the others", async () => {
    const fake = fakeApi();
    const directory = new NumberDirectory(fake.api, (input) => toE164(input, "US"));
    const first = new AbortController();
    const abandoned = directory.resolve("Main line", "from", first.signal);
    const waiting = directory.resolve("+1 555 555 0100", "from", new AbortController().signal);
    first.abort(new Error("the client cancelled"));
    await assert.rejects(abandoned, /the client cancelled/);
    fake.answer([main]);
    assert.equal((await waiting).id, main.id);
    assert.equal(fake.calls(), 1);
    assert.equal((await directory.resolve("PNmain0100", "from")).name, "Main line", "the answer is cached");
    assert.equal(fake.calls(), 1);
  });
});
