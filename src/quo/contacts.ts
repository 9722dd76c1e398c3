import type { GatewayClient } from "../gateway/client.js";
import type { Page, Single } from "./types.js";

/** A labelled phone number or email on a contact; `id` identifies the item across updates. */
export interface QuoLabeledValue {
  name: string;
  value: string | null;
  id?: string;
}

type CustomFieldType = "address" | "boolean" | "date" | "multi-select" | "number" | "string" | "url";
export type CustomFieldValue = string[] | string | boolean | number | null;

export interface QuoCustomFieldDefinition {
  key: string;
  name: string;
  type: CustomFieldType;
}

interface QuoContactCustomField {
  key: string;
  name?: string;
  id?: string;
  type?: CustomFieldType;
  value: CustomFieldValue;
}

export interface QuoContactFields {
  firstName: string | null;
  lastName?: string | null;
  company?: string | null;
  role?: string | null;
  emails?: QuoLabeledValue[];
  phoneNumbers?: QuoLabeledValue[];
}

export interface QuoContact {
  id: string;
  externalId: string | null;
  source: string | null;
  sourceUrl: string | null;
  defaultFields: QuoContactFields;
  customFields: QuoContactCustomField[];
  createdAt: string;
  updatedAt: string;
  createdByUserId: string;
}

export interface ContactQuery {
  maxResults: number;
  pageToken?: string;
  externalIds?: string[];
  sources?: string[];
}

/** Custom field values as written: by key, with the item id kept so Quo updates rather than replaces it. */
export interface CustomFieldWrite {
  key: string;
  id?: string;
  value: CustomFieldValue;
}

export interface CreateContactBody {
  defaultFields: QuoContactFields;
  customFields?: CustomFieldWrite[];
  externalId?: string | null;
  source?: string;
  sourceUrl?: string;
}

/**
 * PATCH replaces every array it is given (phone numbers, emails, custom fields) and deletes
 * the items left out: callers that mean "add" must send the current items too.
 */
export interface UpdateContactBody {
  defaultFields?: Partial<QuoContactFields>;
  customFields?: CustomFieldWrite[];
  externalId?: string | null;
  source?: string | null;
  sourceUrl?: string | null;
}

const contactPath = (id: string) => `/v1/contacts/${encodeURIComponent(id)}`;

/** Typed Quo v1 contact calls over one gateway client; one HTTP request each. */
export class QuoContacts {
  constructor(private readonly gateway: GatewayClient) {}

  list(query: ContactQuery, signal?: AbortSignal) {
    return this.gateway.request<Page<QuoContact>>({ method: "GET", path: "/v1/contacts", query: { ...query }, signal });
  }

  get(id: string, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoContact>>({ method: "GET", path: contactPath(id), signal });
  }

  /** Not idempotent: a repeated create makes a second contact. */
  create(body: CreateContactBody, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoContact>>({ method: "POST", path: "/v1/contacts", body, signal, idempotent: false });
  }

  /** Sending the same full body twice leaves the same contact. */
  update(id: string, body: UpdateContactBody, signal?: AbortSignal) {
    return this.gateway.request<Single<QuoContact>>({ method: "PATCH", path: contactPath(id), body, signal, idempotent: true });
  }

  async delete(id: string, signal?: AbortSignal): Promise<void> {
    await this.gateway.request<undefined>({ method: "DELETE", path: contactPath(id), signal, idempotent: true });
  }

  customFields(signal?: AbortSignal) {
    return this.gateway.request<{ data: QuoCustomFieldDefinition[] }>({ method: "GET", path: "/v1/contact-custom-fields", signal });
  }
}
