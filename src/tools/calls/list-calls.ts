import { z } from "zod";
import { formatListedCall } from "../../format/calls.js";
import { numberRef } from "../../format/numbers.js";
import { maxPage } from "../../quo/page-sizes.js";
import { readOnly, type ToolFactory, tool } from "../define.js";
import { collect, finishList, MAX_RESULTS, type PageRequest } from "../paging.js";
import { numberRefShape, pagingFields } from "../shapes.js";
import { checkRange, isoTime } from "../time.js";

export const listCalls: ToolFactory = (s) =>
  tool({
    name: "list_calls",
    title: "List calls with a person",
    description:
      "Calls between your Quo number and one participant, newest first: id (AC...), dir in/out, status, duration in seconds. get_call gives a call's recording, summary, transcript and voicemail.",
    toolset: "calls",
    annotations: readOnly,
    input: () =>
      z
        .object({
          phoneNumber: s.ownNumber(),
          participant: s.phone("participant's phone number").describe("The other side's number"),
          createdAfter: isoTime("createdAfter").optional(),
          createdBefore: isoTime("createdBefore").optional(),
          maxResults: s.pageSize(MAX_RESULTS, 20),
          pageToken: s.pageToken(),
        })
        .superRefine(checkRange("created")),
    output: () => ({
      phoneNumber: numberRefShape,
      participant: z.string(),
      calls: z.array(
        z.object({
          id: z.string(),
          dir: z.string(),
          status: z.string(),
          duration: z.number().optional(),
          at: z.string().optional(),
          userId: z.string().optional(),
        }),
      ),
      ...pagingFields,
    }),
    async handler(args, ctx) {
      const number = await ctx.directory.resolve(args.phoneNumber, "phoneNumber", ctx.signal);
      const query = { phoneNumberId: number.id, participants: [args.participant], createdAfter: args.createdAfter, createdBefore: args.createdBefore };
      const fetchPage = (page: PageRequest) => ctx.quo.calls.list({ ...query, ...page }, ctx.signal);
      const { items, walker } = await collect(fetchPage, { maxResults: args.maxResults, pageSize: maxPage.calls, pageToken: args.pageToken });
      return finishList({
        items,
        walker,
        maxItems: args.maxResults,
        noun: "calls",
        render: (calls) => ({
          phoneNumber: numberRef(number),
          participant: args.participant,
          calls: calls.map(formatListedCall),
        }),
      });
    },
  });
