import { z } from "zod";
import { formatPhoneNumber } from "../../format/numbers.js";
import { readOnly, type ToolFactory, tool } from "../define.js";

const numberShape = z.object({
  id: z.string(),
  number: z.string(),
  name: z.string(),
  users: z.array(z.object({ id: z.string(), name: z.string().optional() })).optional(),
});

export const listPhoneNumbers: ToolFactory = (s) =>
  tool({
    name: "list_phone_numbers",
    title: "List Quo phone numbers",
    description: "Your workspace's Quo numbers: id (PN...), E.164 number, name, users. Other tools accept any of these three forms for your number.",
    toolset: "numbers",
    annotations: readOnly,
    input: () =>
      z.object({
        id: s.id("PN", "phone number").optional().describe("Read one number"),
        userId: s.id("US", "user").optional().describe("Only this user's numbers"),
      }),
    output: () => ({ numbers: z.array(numberShape) }),
    async handler(args, ctx) {
      if (args.id) {
        const one = await ctx.quo.numbers.get(args.id, ctx.signal);
        return { numbers: [formatPhoneNumber(one.data)] };
      }
      const page = await ctx.quo.numbers.list({ userId: args.userId }, ctx.signal);
      if (!args.userId) ctx.directory.remember(page.data);
      return { numbers: page.data.map(formatPhoneNumber) };
    },
  });
