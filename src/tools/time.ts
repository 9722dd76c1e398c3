import { z } from "zod";

const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)$/i;

/**
 * An ISO 8601 date-time with a zone, normalised to UTC. Unlike z.iso.datetime() it adds no
 * 450-character pattern (nor a `format`) to the tool's JSON schema, which every client pays
 * for on tools/list; the refusal says what to send.
 */
export const isoTime = (what: string) =>
  z.string({ error: `${what} must be an ISO 8601 date-time such as 2026-11-21T09:00:00Z` }).transform((value, ctx) => {
    // The length is checked here, not published: it would only lengthen the schema a model reads.
    if (value.length > 40) {
      ctx.addIssue({ code: "custom", message: `${what} is too long for a date-time` });
      return z.NEVER;
    }
    const ms = Date.parse(value);
    if (ISO.test(value.trim()) && !Number.isNaN(ms)) return new Date(ms).toISOString();
    ctx.addIssue({ code: "custom", message: `${what} must be an ISO 8601 date-time with a zone, such as 2026-11-21T09:00:00Z` });
    return z.NEVER;
  });

/** `<prefix>After` must not come after `<prefix>Before`. */
export function checkRange(prefix: string) {
  return (value: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const after = value[`${prefix}After`];
    const before = value[`${prefix}Before`];
    if (typeof after === "string" && typeof before === "string" && Date.parse(after) > Date.parse(before)) {
      ctx.addIssue({ code: "custom", path: [`${prefix}After`], message: `must not be after ${prefix}Before` });
    }
  };
}
