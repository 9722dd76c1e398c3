import { z } from "zod";
import { ArgumentError } from "../../errors.js";
import { personName } from "../../format/compact.js";
import { formatContact } from "../../format/contacts.js";
import { untrusted } from "../../format/untrusted.js";
import type { CreateContactBody, QuoContact, QuoContactFields, UpdateContactBody } from "../../quo/contacts.js";
import { type ToolContext, type ToolFactory, tool } from "../define.js";
import { DEFAULT_EMAIL_LABEL, DEFAULT_PHONE_LABEL, mergeCustomFields, mergeLabeled, missing, resolveCustomFields, sameEmail, samePhone } from "./merge.js";
import { contactId, contactShape } from "./shapes.js";

// Limits are checked in refinements where they would only lengthen the schema the model reads.
// A name field is published as a plain string, since single-type dialects (Gemini's) cannot say
// "string or null": "" clears it, and so does null, still taken from clients that send it.
const text = (max: number) =>
  z
    .preprocess(
      (v) => (v === null ? "" : v),
      z
        .string()
        .trim()
        .refine((v) => v.length <= max, `must be at most ${max} characters ("" clears it)`)
        .transform((v) => v || null),
    )
    .optional();
const label = z
  .string()
  .trim()
  .refine((v) => v.length >= 1 && v.length <= 60, "must be 1-60 characters, e.g. mobile, work")
  .optional();
const email = z
  .string()
  .trim()
  .refine((v) => v.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), "must be an email address such as ada@example.com");
const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

export const manageContact: ToolFactory = (s) =>
  tool({
    name: "manage_contact",
    title: "Create, update or delete a contact",
    description:
      "Create, update or delete a Quo contact. update merges: phones and emails given are added (a known value only gets its new label), `remove` takes values off, customFields (by name or key) change only those fields, and everything else is kept. replace: true makes the given phones, emails and customFields the complete lists. delete is permanent. An empty string clears a name field. Find ids with find_contacts.",
    toolset: "contacts",
    defaultEnabled: false,
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
    input: () =>
      z
        .object({
          action: z.enum(["create", "update", "delete"]),
          id: contactId().optional().describe("The contact (update, delete)"),
          firstName: text(100),
          lastName: text(100),
          company: text(200),
          role: text(100),
          phones: z
            .array(z.object({ value: s.phone(), label }))
            .max(20)
            .optional()
            .describe("[{value, label?}], label e.g. mobile"),
          emails: z
            .array(z.object({ value: email, label }))
            .max(20)
            .optional(),
          remove: z.array(z.string().trim().max(254)).max(20).optional().describe("update: phone numbers or emails to take off"),
          customFields: z.record(z.string(), fieldValue).optional().describe('By field name or key, e.g. {"Lead stage": "Customer"}; null clears'),
          externalId: text(75).describe("Your system's id for the contact"),
          replace: z.boolean().default(false),
        })
        .superRefine((v, ctx) => {
          if (v.action !== "create" && !v.id)
            ctx.addIssue({ code: "custom", path: ["id"], message: `is required to ${v.action} a contact (find it with find_contacts)` });
          if (v.action === "create" && v.id) ctx.addIssue({ code: "custom", path: ["id"], message: "must not be given to create a contact (Quo assigns it)" });
          if (v.action === "create" && !v.firstName && !v.lastName && !v.company && !v.phones?.length && !v.emails?.length) {
            ctx.addIssue({ code: "custom", path: ["firstName"], message: "is required to create a contact (or give lastName, company, phones or emails)" });
          }
          if (v.remove && v.action !== "update") ctx.addIssue({ code: "custom", path: ["remove"], message: "only applies to update" });
          if (v.remove && v.replace)
            ctx.addIssue({ code: "custom", path: ["remove"], message: "cannot be combined with replace: true (replace already sets the complete lists)" });
        }),
    output: () => ({
      action: z.string(),
      untrusted: z.string().optional(),
      contact: contactShape.optional(),
      deleted: z.object({ id: z.string(), name: z.string().optional() }).optional(),
    }),
    async handler(args, ctx) {
      try {
        if (args.action === "create") return { action: "created", ...untrusted(["contact"]), contact: formatContact(await create(args, ctx)) };
        if (args.action === "update")
          return { action: "updated", ...untrusted(["contact"]), contact: formatContact(await update(args as Args & { id: string }, ctx)) };
        const contacts = ctx.quo.contacts;
        const current = (await contacts.get(args.id as string, ctx.signal)).data;
        await contacts.delete(current.id, ctx.signal);
        return { action: "deleted", deleted: { id: current.id, name: personName(current.defaultFields) } };
      } finally {
        // Whatever happened, earlier pages may now be wrong.
        ctx.contactCache?.clear();
      }
    },
  });

interface Args {
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  role?: string | null;
  phones?: { value: string; label?: string }[];
  emails?: { value: string; label?: string }[];
  remove?: string[];
  customFields?: Record<string, z.infer<typeof fieldValue>>;
  externalId?: string | null;
  replace: boolean;
}

async function customFieldWrites(args: Args, ctx: ToolContext) {
  if (!args.customFields || Object.keys(args.customFields).length === 0) return undefined;
  const definitions = (await ctx.quo.contacts.customFields(ctx.signal)).data;
  return resolveCustomFields(args.customFields, definitions);
}

async function create(args: Args, ctx: ToolContext): Promise<QuoContact> {
  const region = ctx.config.defaultRegion;
  const customFields = await customFieldWrites(args, ctx);
  const body: CreateContactBody = {
    defaultFields: {
      firstName: args.firstName ?? null,
      ...(args.lastName ? { lastName: args.lastName } : {}),
      ...(args.company ? { company: args.company } : {}),
      ...(args.role ? { role: args.role } : {}),
      phoneNumbers: mergeLabeled([], args.phones, [], { replace: true, same: samePhone(region), defaultLabel: DEFAULT_PHONE_LABEL }),
      emails: mergeLabeled([], args.emails, [], { replace: true, same: sameEmail, defaultLabel: DEFAULT_EMAIL_LABEL }),
    },
    ...(customFields ? { customFields } : {}),
    ...(args.externalId ? { externalId: args.externalId } : {}),
  };
  return (await ctx.quo.contacts.create(body, ctx.signal)).data;
}

/**
 * Reads the contact, merges the change into it, and PATCHes only the parts that change. Arrays
 * are always sent whole (with item ids), because Quo deletes whatever a PATCH array leaves out.
 */
async function update(args: Args & { id: string }, ctx: ToolContext): Promise<QuoContact> {
  const region = ctx.config.defaultRegion;
  const contacts = ctx.quo.contacts;
  const customFields = await customFieldWrites(args, ctx);
  const current = (await contacts.get(args.id, ctx.signal)).data;
  const d = current.defaultFields;
  const remove = args.remove ?? [];
  const unknown = [...remove].filter((r) => missing(d.phoneNumbers, [r], samePhone(region)).length && missing(d.emails, [r], sameEmail).length);
  if (unknown.length) {
    const on =
      [...(d.phoneNumbers ?? []), ...(d.emails ?? [])]
        .map((i) => i.value)
        .filter(Boolean)
        .join(", ") || "nothing";
    throw new ArgumentError("remove", `${unknown.join(", ")} is not on this contact (it has: ${on}); nothing was changed`);
  }

  const fields: Partial<QuoContactFields> = {};
  for (const key of ["firstName", "lastName", "company", "role"] as const) if (args[key] !== undefined) fields[key] = args[key];
  const phonesRemoved = remove.some((r) => missing(d.phoneNumbers, [r], samePhone(region)).length === 0);
  const emailsRemoved = remove.some((r) => missing(d.emails, [r], sameEmail).length === 0);
  if (args.phones || phonesRemoved) {
    fields.phoneNumbers = mergeLabeled(d.phoneNumbers, args.phones, remove, {
      replace: args.replace,
      same: samePhone(region),
      defaultLabel: DEFAULT_PHONE_LABEL,
    });
  }
  if (args.emails || emailsRemoved) {
    fields.emails = mergeLabeled(d.emails, args.emails, remove, { replace: args.replace, same: sameEmail, defaultLabel: DEFAULT_EMAIL_LABEL });
  }
  const body: UpdateContactBody = {
    ...(Object.keys(fields).length ? { defaultFields: fields } : {}),
    ...(customFields ? { customFields: mergeCustomFields(current, customFields, args.replace) } : {}),
    ...(args.externalId !== undefined ? { externalId: args.externalId } : {}),
  };
  if (Object.keys(body).length === 0) {
    throw new ArgumentError(
      "action",
      "update needs something to change: give firstName, lastName, company, role, phones, emails, remove, customFields or externalId",
    );
  }
  return (await contacts.update(args.id, body, ctx.signal)).data;
}
