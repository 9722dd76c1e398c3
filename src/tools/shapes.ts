import { z } from "zod";

/** Output pieces shared by the list tools. */

/** Which of your Quo numbers a list is about (see format/numbers.ts numberRef). */
export const numberRefShape = z.object({ id: z.string(), number: z.string(), name: z.string() });

/** What a paged list adds: the token to resume, the hint that says so, and the note when a list was cut to fit. */
export const pagingFields = {
  nextPageToken: z.string().optional(),
  hint: z.string().optional(),
  truncated: z.string().optional(),
};
