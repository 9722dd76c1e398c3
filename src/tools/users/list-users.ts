import { z } from "zod";
import { formatUser } from "../../format/numbers.js";
import { maxPage } from "../../quo/page-sizes.js";
import { readOnly, type ToolFactory, tool } from "../define.js";
import { collect, finishList, MAX_RESULTS } from "../paging.js";
import { pagingFields } from "../shapes.js";

const userShape = z.object({ id: z.string(), name: z.string().optional(), email: z.string().optional(), role: z.string().optional() });

export const listUsers: ToolFactory = (s) =>
  tool({
    name: "list_users",
    title: "List Quo users",
    description: "People in the Quo workspace: id (US...), name, email, role. `id` reads one user.",
    toolset: "users",
    annotations: readOnly,
    input: () =>
      z.object({
        id: s.id("US", "user").optional().describe("Read one user"),
        maxResults: s.pageSize(MAX_RESULTS, maxPage.users),
        pageToken: s.pageToken(),
      }),
    output: () => ({ users: z.array(userShape), ...pagingFields }),
    async handler(args, ctx) {
      if (args.id) {
        const one = await ctx.quo.users.get(args.id, ctx.signal);
        return { users: [formatUser(one.data)] };
      }
      const { items, walker } = await collect((page) => ctx.quo.users.list(page, ctx.signal), {
        maxResults: args.maxResults,
        pageSize: maxPage.users,
        pageToken: args.pageToken,
      });
      return finishList({ items, walker, maxItems: args.maxResults, noun: "users", render: (users) => ({ users: users.map(formatUser) }) });
    },
  });
