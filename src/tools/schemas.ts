import { z } from "zod";
import { toE164 } from "../quo/phone.js";

/**
 * Schema pieces shared by the tools. Messages name the accepted form, because the model reads
 * them when a call is refused.
 */
export function createSchemas(region: string) {
  const phone = (what = "phone number") =>
    z
      .string({ error: `must be a ${what} as a string, e.g. "+15555550123"` })
      .max(40, "is too long for a phone number")
      .transform((value, ctx) => {
        const result = toE164(value, region);
        if (result.ok) return result.e164;
        ctx.addIssue({ code: "custom", message: result.reason });
        return z.NEVER;
      });

  const ownNumber = () =>
    z
      .string({ error: 'must be one of your Quo numbers: its PN id, its E.164 number, or its name such as "Main line"' })
      .trim()
      .min(1, 'must not be empty: give a PN id, an E.164 number, or a name such as "Main line" (see list_phone_numbers)')
      .max(100, "is too long for a Quo number's id or name")
      .describe('Your Quo number: PN id, E.164 or name ("Main line")');

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

  const pageToken = () => z.string().trim().min(1, "must not be empty").max(2000, "is too long").optional();

  /** One number or 1-10 of them, deduplicated; always an array after parsing. */
  const phones = (what: string) =>
    z
      .union([phone(what), z.array(phone(what)).min(1, "needs at least one number").max(10, "allows at most 10 numbers")], {
        // A union's own message ("Invalid input") helps nobody: report the branch the value was meant for.
        error: (issue) => {
          const branches = (issue as { errors?: { message: string; path?: PropertyKey[] }[][] }).errors;
          const first = (Array.isArray(issue.input) ? branches?.[1] : branches?.[0])?.[0];
          if (!first) return `must be a ${what} or an array of 1-10 of them`;
          return first.path?.length ? `item ${first.path.join(".")}: ${first.message}` : first.message;
        },
      })
      .transform((value) => (Array.isArray(value) ? [...new Set(value)] : [value]));

  return { phone, phones, ownNumber, id, pageSize, pageToken };
}

export type Schemas = ReturnType<typeof createSchemas>;
