// Contacts and contact custom field definitions. PATCH replaces whole arrays (phone
// numbers, emails, custom fields) like the real API: items left out are deleted.
import { notFound, QuoError } from "../errors.js";
import type { QuoRequest, QuoResponse, QuoRoute } from "../router.js";
import type { Contact, ContactCustomField, CustomFieldDefinition, LabeledValue } from "../types.js";
import { BodyChecker, bodyObject, idPattern, isDateTime, type Json, newestFirst, paginate, QueryChecker } from "../validate.js";
import { newContactId, type SandboxWorkspace } from "../workspace.js";

const RESOURCE = "08";

function listCustomFields(req: QuoRequest): QuoResponse {
  return { status: 200, body: { data: req.ws.customFields } };
}

function listContacts(req: QuoRequest): QuoResponse {
  const q = new QueryChecker(req.query);
  const lengthRule = { item: (v: string) => v.length >= 1 && v.length <= 75, itemRule: "Expected string length between 1 and 75" };
  const externalIds = q.array("externalIds", lengthRule);
  const sources = q.array("sources", lengthRule);
  const maxResults = q.int("maxResults", { required: true, min: 1, max: 50 });
  const pageToken = q.string("pageToken");
  q.done();
  const items = req.ws.contacts.filter(
    (c) =>
      (externalIds.length === 0 || (c.externalId !== null && externalIds.includes(c.externalId))) &&
      (sources.length === 0 || (c.source !== null && sources.includes(c.source))),
  );
  return { status: 200, body: paginate(newestFirst([...items]), maxResults!, pageToken) };
}

function findContact(req: QuoRequest): Contact {
  const id = req.params.id ?? "";
  const contact = req.ws.contacts.find((c) => c.id === id);
  if (!contact) throw notFound("Contact");
  return contact;
}

function getContact(req: QuoRequest): QuoResponse {
  return { status: 200, body: { data: findContact(req) } };
}

function deleteContact(req: QuoRequest): QuoResponse {
  const contact = findContact(req);
  req.ws.contacts.splice(req.ws.contacts.indexOf(contact), 1);
  return { status: 204 };
}

function labeledValues(b: BodyChecker, name: string): LabeledValue[] | undefined {
  if (!b.has(name)) return undefined;
  const value = b.body[name];
  if (!Array.isArray(value)) {
    b.add(`${b.prefix}/${name}`, "Expected array", "array", value);
    return undefined;
  }
  const out: LabeledValue[] = [];
  value.forEach((item: unknown, i: number) => {
    const path = `${b.prefix}/${name}/${i}`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      b.add(path, "Expected object", "object", item);
      return;
    }
    const o = item as Json;
    if (typeof o.name !== "string") b.add(`${path}/name`, "Expected string", "string", o.name);
    if (o.value !== null && typeof o.value !== "string") b.add(`${path}/value`, "Expected string or null", "string", o.value);
    if (o.id !== undefined && typeof o.id !== "string") b.add(`${path}/id`, "Expected string", "string", o.id);
    if (typeof o.name === "string" && (o.value === null || typeof o.value === "string")) {
      out.push({ name: o.name, value: o.value as string | null, id: typeof o.id === "string" ? o.id : newContactId() });
    }
  });
  return out;
}

function readDefaultFields(b: BodyChecker, requireFirstName: boolean) {
  const f = new BodyChecker(bodyObjectAt(b, "defaultFields"), "/defaultFields");
  const fields = {
    firstName: f.string("firstName", { required: requireFirstName, nullable: true }),
    lastName: f.string("lastName", { nullable: true }),
    company: f.string("company", { nullable: true }),
    role: f.string("role", { nullable: true }),
    emails: labeledValues(f, "emails"),
    phoneNumbers: labeledValues(f, "phoneNumbers"),
  };
  b.errors.push(...f.errors);
  return fields;
}

function bodyObjectAt(b: BodyChecker, name: string): Json {
  const value = b.body[name];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    b.add(`/${name}`, "Expected object", "object", value);
    return {};
  }
  return value as Json;
}

const invalidCustomField = (message: string) =>
  new QuoError(400, { code: "0801400", title: "Invalid Custom Field Item", description: "Invalid Custom Field Item", message });

function valueFits(def: CustomFieldDefinition, value: unknown): boolean {
  if (value === null) return true;
  switch (def.type) {
    case "multi-select":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "boolean":
      return typeof value === "boolean";
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "date":
      return isDateTime(value);
    default:
      return typeof value === "string";
  }
}

function readCustomFields(ws: SandboxWorkspace, raw: unknown): ContactCustomField[] {
  if (!Array.isArray(raw)) throw invalidCustomField("customFields must be an array");
  return raw.map((item: unknown, i: number) => {
    if (item === null || typeof item !== "object") throw invalidCustomField(`customFields/${i} must be an object`);
    const o = item as Json;
    const def = ws.customFields.find((d) => d.key === o.key);
    if (!def) throw invalidCustomField(`Unknown custom field key: ${String(o.key)}`);
    if (!("value" in o) || !valueFits(def, o.value)) {
      throw invalidCustomField(`Custom field '${def.name}' expects a ${def.type} value`);
    }
    return {
      name: def.name,
      key: def.key,
      id: typeof o.id === "string" ? o.id : newContactId(),
      type: def.type,
      value: o.value as ContactCustomField["value"],
    };
  });
}

function checkExternalIdFree(ws: SandboxWorkspace, externalId: string | null | undefined, self?: Contact): void {
  if (typeof externalId !== "string") return;
  if (ws.contacts.some((c) => c !== self && c.externalId === externalId)) {
    throw new QuoError(409, { message: `A contact with externalId '${externalId}' already exists` });
  }
}

function readMeta(b: BodyChecker, create: boolean) {
  return {
    externalId: b.string("externalId", { nullable: true, minLength: 1, maxLength: 75 }),
    source: b.string("source", { nullable: !create, minLength: 1, maxLength: create ? 72 : 75 }),
    sourceUrl: b.string("sourceUrl", { nullable: !create, minLength: 1, maxLength: 200, format: "uri" }),
  };
}

function createContact(req: QuoRequest): QuoResponse {
  const b = new BodyChecker(bodyObject(req.body));
  if (!b.has("defaultFields")) b.add("/defaultFields", "Required property", "object");
  const fields = b.has("defaultFields") ? readDefaultFields(b, true) : undefined;
  const meta = readMeta(b, true);
  const createdByUserId = b.string("createdByUserId", { pattern: idPattern("US") });
  b.done();
  const ws = req.ws;
  if (createdByUserId && !ws.userById(createdByUserId)) throw notFound("User");
  const customFields = b.has("customFields") ? readCustomFields(ws, b.body.customFields) : [];
  checkExternalIdFree(ws, meta.externalId);
  const now = ws.nowIso();
  const contact: Contact = {
    id: newContactId(),
    externalId: meta.externalId ?? null,
    source: meta.source ?? "public-api",
    sourceUrl: meta.sourceUrl ?? null,
    defaultFields: {
      company: fields?.company ?? null,
      emails: fields?.emails ?? [],
      firstName: fields?.firstName ?? null,
      lastName: fields?.lastName ?? null,
      phoneNumbers: fields?.phoneNumbers ?? [],
      role: fields?.role ?? null,
    },
    customFields,
    createdAt: now,
    updatedAt: now,
    createdByUserId: createdByUserId ?? ws.owner().id,
  };
  ws.contacts.push(contact);
  return { status: 201, body: { data: contact } };
}

function updateContact(req: QuoRequest): QuoResponse {
  const contact = findContact(req);
  const b = new BodyChecker(bodyObject(req.body));
  const fields = b.has("defaultFields") ? readDefaultFields(b, false) : undefined;
  const meta = readMeta(b, false);
  b.done();
  const customFields = b.has("customFields") ? readCustomFields(req.ws, b.body.customFields) : undefined;
  checkExternalIdFree(req.ws, meta.externalId, contact);
  if (meta.externalId !== undefined) contact.externalId = meta.externalId;
  if (meta.source !== undefined) contact.source = meta.source;
  if (meta.sourceUrl !== undefined) contact.sourceUrl = meta.sourceUrl;
  if (fields) {
    const d = contact.defaultFields;
    if (fields.firstName !== undefined) d.firstName = fields.firstName;
    if (fields.lastName !== undefined) d.lastName = fields.lastName;
    if (fields.company !== undefined) d.company = fields.company;
    if (fields.role !== undefined) d.role = fields.role;
    if (fields.emails !== undefined) d.emails = fields.emails;
    if (fields.phoneNumbers !== undefined) d.phoneNumbers = fields.phoneNumbers;
  }
  if (customFields !== undefined) contact.customFields = customFields;
  contact.updatedAt = req.ws.nowIso();
  return { status: 200, body: { data: contact } };
}

export const contactRoutes: QuoRoute[] = [
  { method: "GET", path: "/v1/contact-custom-fields", operationId: "getContactCustomFields_v1", resource: "07", handle: listCustomFields },
  { method: "GET", path: "/v1/contacts", operationId: "listContacts_v1", resource: RESOURCE, handle: listContacts },
  { method: "POST", path: "/v1/contacts", operationId: "createContact_v1", resource: RESOURCE, handle: createContact },
  { method: "GET", path: "/v1/contacts/{id}", operationId: "getContactById_v1", resource: RESOURCE, handle: getContact },
  { method: "PATCH", path: "/v1/contacts/{id}", operationId: "updateContactById_v1", resource: RESOURCE, handle: updateContact },
  { method: "DELETE", path: "/v1/contacts/{id}", operationId: "deleteContact_v1", resource: RESOURCE, handle: deleteContact },
];
