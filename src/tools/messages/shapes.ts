import { z } from "zod";

/**
 * A message as the tools return it; thread listings leave out what the thread already states,
 * and the id unless asked (verbose).
 * Exactly one of `in` (received) and `out` (sent) holds the text, "" when there is none.
 */
export const messageShape = z.object({
  id: z.string().optional(),
  in: z.string().optional(),
  out: z.string().optional(),
  from: z.string().optional(),
  to: z.array(z.string()).optional(),
  status: z.string().optional(),
  at: z.string().optional(),
  phoneNumberId: z.string().optional(),
  conversationId: z.string().optional(),
  userId: z.string().optional(),
});
