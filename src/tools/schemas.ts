import { z } from "zod";
import { toE164 } from "../quo/phone.js";

/**
 * Schema pieces shared by the tools. Messages name the accepted form, because the model reads
 * them when a call is refused.
 */
export function createSchemas(region: string) {
  const phone = (what = "phone number") =>
    z.preprocess(
      digitsOfNumber,
      z.string({ error: `must be a ${what} as a string, e.g. "+15555550123"` }).transform((value, ctx) => {
        if (value.length > 40) {
          ctx.addIssue({ code: "custom", message: "is too long for a phone number" });
          return z.NEVER;
        }
        const result = toE164(value, region);
        if (result.ok) return result.e164;
        ctx.addIssue({ code: "custom", message: result.reason });
        return z.NEVER;
      }),
    );

  const ownNumber = () =>
    z
      .string({ error: 'must be one of your Quo numbers: its PN id, its E.164 number, or its name such as "Main line"' })
      .trim()
      // Limits in refinements: a model learns nothing from them but pays for them on every turn.
      .refine((v) => v.length >= 1, 'must not be empty: give a PN id, an E.164 number, or a name such as "Main line" (see list_phone_numbers)')
      .refine((v) => v.length <= 100, "is too long for a Quo number's id or name")
      .describe("Your Quo number: PN id, E.164 or name");

  const id = (prefix: string, what: string) =>
    z
      .string({ error: `must be a ${what} id (starts with ${prefix})` })
      .trim()
      .regex(new RegExp(`^${prefix}[\\w-]{1,64}$`), `must be a ${what} id such as ${prefix}123abc`);

  const pageSize = (max: number, fallback: number) =>
    z
      .number({ error: `must be a whole number from 1 to ${max}` })
      .int(`must be a whole number from 1 to ${max}`)
      .min(1, `must be at least 1`)
      .max(max, `must be at most ${max} (ask again with pageToken for more)`)
      .default(fallback);

  const pageToken = () =>
    z
      .string()
      .trim()
      .refine((v) => v.length >= 1, "must not be empty")
      .refine((v) => v.length <= 2000, "is too long")
      .optional();

  /**
   * 1-10 numbers, deduplicated. Published as a list only (a field typed "string or list" loses
   * its type in some frameworks and is refused by others), but a lone number is still taken.
   */
  const phones = (what: string) =>
    z.preprocess(
      (value) => (Array.isArray(value) ? value : value === undefined ? value : [value]),
      z
        .array(phone(what), { error: `must be a list of 1-10 ${what}s, e.g. ["+15555550123"]` })
        .max(10, "allows at most 10 numbers")
        .refine((value) => value.length > 0, "needs at least one number")
        // Inside the preprocess: after it, the published schema would no longer say the field is required.
        .transform((value) => [...new Set(value)]),
    );

  return { phone, phones, ownNumber, id, pageSize, pageToken };
}

export type Schemas = ReturnType<typeof createSchemas>;

/**
 * A phone number sent as a JSON number (5555550123, as some clients and models send a field
 * that looks numeric) is read as its digits; anything else is left for the schema to judge.
 */
function digitsOfNumber(value: unknown): unknown {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0 ? String(value) : value;
}
