import { z } from "zod";

/** A message as the tools return it; thread listings leave out what the thread already states. */
export const messageShape = z.object({
  id: z.string(),
  dir: z.string(),
  from: z.string().optional(),
  to: z.array(z.string()).optional(),
  text: z.string().optional(),
  status: z.string().optional(),
  at: z.string().optional(),
  phoneNumberId: z.string().optional(),
  conversationId: z.string().optional(),
  userId: z.string().optional(),
});
