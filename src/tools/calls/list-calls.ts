import { z } from "zod";
import { formatListedCall } from "../../format/calls.js";
import { maxPage } from "../../quo/api.js";
import { type ToolFactory, readOnly, tool } from "../define.js";
import { MAX_RESULTS, type PageRequest, collect, finishList } from "../paging.js";
import { checkWindow } from "../schemas.js";

export const listCalls: ToolFactory = (s) =>
  tool({
    name: "list_calls",
    title: "List calls with a person",
    description:
      "List calls between one of your Quo numbers and one participant, newest first: id (AC...), dir in/out, status (completed, missed, no-answer...), duration in seconds. Then call get_call with an id for its recording, summary, transcript or voicemail.",
    toolset: "calls",
    writes: false,
    annotations: readOnly,
    input: z
      .object({
        phoneNumber: s.ownNumber().describe('Your Quo number: PN id, E.164, or name such as "Main line"'),
        participant: s.phone("participant's phone number").describe("The other side's number (exactly one)"),
        createdAfter: s.dateTime("createdAfter").optional(),
        createdBefore: s.dateTime("createdBefore").optional(),
        maxResults: s.pageSize(MAX_RESULTS, 20).describe(`Calls to return, 1-${MAX_RESULTS}`),
        pageToken: s.pageToken(),
      })
      .superRefine(checkWindow),
    output: {
      phoneNumber: z.object({ id: z.string(), number: z.string(), name: z.string() }),
      participant: z.string(),
      calls: z.array(
        z.object({ id: z.string(), dir: z.string(), status: z.string(), duration: z.number().optional(), at: z.string().optional(), userId: z.string().optional() }),
      ),
      nextPageToken: z.string().optional(),
      hint: z.string().optional(),
      truncated: z.string().optional(),
    },
    async handler(args, ctx) {
      const number = await ctx.directory.resolve(args.phoneNumber, "phoneNumber", ctx.signal);
      const query = { phoneNumberId: number.id, participants: [args.participant], createdAfter: args.createdAfter, createdBefore: args.createdBefore };
      const fetchPage = (page: PageRequest) => ctx.api.listCalls({ ...query, ...page }, ctx.signal);
      const { items, walker } = await collect(fetchPage, { maxResults: args.maxResults, pageSize: maxPage.calls, pageToken: args.pageToken });
      return finishList({
        items,
        walker,
        maxItems: args.maxResults,
        noun: "calls",
        render: (calls) => ({
          phoneNumber: { id: number.id, number: number.number, name: number.name },
          participant: args.participant,
          calls: calls.map(formatListedCall),
        }),
      });
    },
  });
