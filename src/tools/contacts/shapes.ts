import { z } from "zod";

/** Quo contact ids carry no prefix (24 hex characters in practice); anything path-safe is let through. */
export const contactId = () =>
  z
    .string({ error: "must be a contact id such as 665f1c0a0000000000000001 (see find_contacts)" })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a contact id such as 665f1c0a0000000000000001 (see find_contacts)");

/** externalIds / sources filters: the API's own limits (1-75 characters each). */
export const externalKeys = (what: string) =>
  z
    .array(z.string().trim().min(1, `each ${what} must not be empty`).max(75, `each ${what} is at most 75 characters`))
    .min(1, "needs at least one value")
    .max(50, "allows at most 50 values");

/** What formatContact returns (name, company, role, phones, emails, fields...); loose, as verbose adds more. */
export const contactShape = z.looseObject({ id: z.string(), name: z.string().optional() });
