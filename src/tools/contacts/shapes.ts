import { z } from "zod";

/** Quo contact ids carry no prefix (24 hex characters in practice); anything path-safe is let through. */
export const contactId = () =>
  z
    .string({ error: "must be a contact id such as 665f1c0a0000000000000001 (see find_contacts)" })
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a contact id such as 665f1c0a0000000000000001 (see find_contacts)");

/** externalIds / sources filters: the API's own limits (1-75 characters each), checked without lengthening the schema. */
export const externalKeys = (what: string) =>
  z
    .array(z.string().trim())
    .refine((v) => v.length >= 1 && v.length <= 50, "needs 1-50 values")
    .refine((v) => v.every((item) => item.length >= 1 && item.length <= 75), `each ${what} must be 1-75 characters`);

/** What formatContact returns (name, company, role, reach, custom fields by name...); loose, as fields and verbose add more. */
export const contactShape = z.looseObject({ id: z.string(), name: z.string().optional() });
