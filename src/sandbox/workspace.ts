// All state behind one Maton key. Each key gets its own copy of the seed, so tenants never
// see each other's data; the arrays are public and mutable so tests can arrange scenarios
// (for example set a connection's status to "FAILED").
import { randomBytes, randomUUID } from "node:crypto";
import type { DatedWebhook } from "./inbound.js";
import { buildSeed } from "./seed.js";
import type {
  Call,
  CallRecording,
  CallSummary,
  CallTranscript,
  CallVoicemail,
  Connection,
  Contact,
  Conversation,
  ConversationInbox,
  CustomFieldDefinition,
  Message,
  PhoneNumber,
  Task,
  User,
  Webhook,
} from "./types.js";

export interface WorkspaceEnv {
  baseUrl: string;
  now: () => Date;
  seedTime: Date;
  /** Lets `/connect?session_token=` find the connection whichever workspace owns it. */
  registerSession: (token: string, workspace: SandboxWorkspace, connection: Connection) => void;
}

export class SandboxWorkspace {
  readonly connections: Connection[] = [];
  readonly phoneNumbers: PhoneNumber[];
  readonly users: User[];
  readonly contacts: Contact[];
  readonly customFields: CustomFieldDefinition[];
  readonly conversations: Conversation[];
  readonly messages: Message[];
  readonly calls: Call[];
  readonly recordings: Map<string, CallRecording[]>;
  readonly summaries: Map<string, CallSummary>;
  readonly transcripts: Map<string, CallTranscript>;
  readonly voicemails: Map<string, CallVoicemail>;
  readonly tasks: Task[];
  readonly webhooks: Webhook[];
  readonly inbox = new Map<string, ConversationInbox>();
  /** Ids of messages created through POST /v1/messages, in order. */
  readonly sentMessageIds: string[] = [];
  /** Webhooks of the dated API (POST /webhooks with Quo-Api-Version). */
  readonly datedWebhooks: DatedWebhook[] = [];
  /** Each dated webhook's deliveries, newest last, as Quo lists them at GET /webhooks/{id}/events. */
  readonly deliveries = new Map<
    string,
    { id: string; eventType: string; status: "success" | "pending" | "failed"; nextAttemptAt: string | null; createdAt: string }[]
  >();
  /** v1 webhooks created through the API: only these get deliveries (the seed's URLs lead nowhere). */
  readonly createdWebhookIds = new Set<string>();
  /** How long the responder contacts take to answer (see inbound.ts). */
  replyDelayMs = 1_500;
  /** false: the gateway does not route the dated API (to try how tools cope). */
  datedApi = true;

  constructor(private readonly env: WorkspaceEnv) {
    const seed = buildSeed(env.seedTime, env.baseUrl);
    this.phoneNumbers = seed.phoneNumbers;
    this.users = seed.users;
    this.contacts = seed.contacts;
    this.customFields = seed.customFields;
    this.conversations = seed.conversations;
    this.messages = seed.messages;
    this.calls = seed.calls;
    this.recordings = seed.recordings;
    this.summaries = seed.summaries;
    this.transcripts = seed.transcripts;
    this.voicemails = seed.voicemails;
    this.tasks = seed.tasks;
    this.webhooks = seed.webhooks;
    for (const c of this.conversations) this.inbox.set(c.id, { status: "open", read: false });
  }

  now(): Date {
    return this.env.now();
  }

  nowIso(): string {
    return this.env.now().toISOString();
  }

  /** Messages created through POST /v1/messages, oldest first. */
  sentMessages(): Message[] {
    // One pass with a set: benchmarks send thousands of messages through one workspace.
    const ids = new Set(this.sentMessageIds);
    return this.messages.filter((m) => ids.has(m.id));
  }

  /** Adds a quo connection; PENDING ones get a `/connect` url that activates them. */
  addConnection(status: Connection["status"] = "ACTIVE", app = "quo"): Connection {
    const token = randomBytes(18).toString("base64url");
    const now = this.nowIso();
    const connection: Connection = {
      connection_id: randomUUID(),
      status,
      creation_time: now,
      last_updated_time: now,
      url: `${this.env.baseUrl}/connect?session_token=${token}`,
      app,
      method: "OAUTH2",
      metadata: {},
    };
    this.connections.push(connection);
    this.env.registerSession(token, this, connection);
    return connection;
  }

  /** The connection the gateway would use, or undefined ("not authorized yet"). */
  pickConnection(requestedId: string | undefined): Connection | undefined {
    if (requestedId !== undefined && requestedId !== "") {
      const c = this.connections.find((x) => x.connection_id === requestedId);
      return c && c.status === "ACTIVE" && c.app === "quo" ? c : undefined;
    }
    let best: Connection | undefined;
    for (const c of this.connections) {
      if (c.status !== "ACTIVE" || c.app !== "quo") continue;
      if (!best || Date.parse(c.creation_time) < Date.parse(best.creation_time)) best = c;
    }
    return best;
  }

  phoneNumberById(id: string): PhoneNumber | undefined {
    return this.phoneNumbers.find((p) => p.id === id);
  }

  /** A workspace number given as its PN id or its E.164 number. */
  phoneNumberByRef(ref: string): PhoneNumber | undefined {
    return this.phoneNumbers.find((p) => p.id === ref || p.number === ref);
  }

  userById(id: string): User | undefined {
    return this.users.find((u) => u.id === id);
  }

  owner(): User {
    return this.users.find((u) => u.role === "owner") ?? this.users[0]!;
  }

  conversationById(id: string): Conversation | undefined {
    return this.conversations.find((c) => c.id === id);
  }

  /** The conversation on a number whose participant set equals `participants`. */
  /** The thread of these participants on this number, made (open, read) when it is the first text. */
  ensureConversation(phoneNumberId: string, participants: readonly string[], now: string): Conversation {
    const existing = this.conversationFor(phoneNumberId, participants);
    if (existing) return existing;
    const created: Conversation = {
      assignedTo: null,
      createdAt: now,
      deletedAt: null,
      id: newId("CN"),
      lastActivityAt: now,
      lastActivityId: null,
      mutedUntil: null,
      name: null,
      participants: [...participants],
      phoneNumberId,
      snoozedUntil: null,
      updatedAt: now,
    };
    this.conversations.push(created);
    this.inbox.set(created.id, { status: "open", read: true });
    return created;
  }

  conversationFor(phoneNumberId: string, participants: readonly string[]): Conversation | undefined {
    const want = new Set(participants);
    return this.conversations.find((c) => c.phoneNumberId === phoneNumberId && c.participants.length === want.size && c.participants.every((p) => want.has(p)));
  }
}

/** Quo-style ids: a prefix then 32 hex characters (contacts: 24 hex, no prefix). */
export function newId(prefix: string): string {
  return prefix + randomBytes(16).toString("hex");
}

export function newContactId(): string {
  return randomBytes(12).toString("hex");
}
