// Shapes of the objects the simulator stores. They mirror the response schemas of
// spec/quo-openapi.json field for field, because stored objects are sent as they are:
// anything extra here (several schemas set additionalProperties: false) would break clients
// that validate strictly. Simulator-only state lives beside these, never inside them.

type Iso = string;

export interface PhoneNumberUser {
  email: string;
  firstName: string | null;
  lastName: string | null;
  id: string;
  role: "owner" | "admin" | "member";
  groupId: string;
}

export interface PhoneNumber {
  id: string;
  groupId: string;
  portRequestId: string | null;
  formattedNumber: string | null;
  forward: string | null;
  name: string;
  number: string;
  portingStatus: string | null;
  symbol: string | null;
  users: PhoneNumberUser[];
  createdAt: Iso;
  updatedAt: Iso;
  restrictions: {
    calling: { CA: Restriction; Intl: Restriction; US: Restriction };
    messaging: { CA: Restriction; Intl: Restriction; US: Restriction };
  };
}
type Restriction = "restricted" | "unrestricted";

export interface User {
  id: string;
  email: string;
  firstName: string | null;
  lastName: string | null;
  pictureUrl: string | null;
  role: "owner" | "admin" | "member";
  createdAt: Iso;
  updatedAt: Iso;
}

export interface Message {
  id: string;
  to: string[];
  from: string;
  text: string;
  phoneNumberId: string | null;
  conversationId: string;
  direction: "incoming" | "outgoing";
  userId: string;
  status: "queued" | "sent" | "delivered" | "undelivered" | "received";
  createdAt: Iso;
  updatedAt: Iso;
  /** Attachments (MMS), as Quo's message events carry them; absent when there are none. */
  media?: { url: string; type: string }[];
}

export interface Conversation {
  assignedTo: string | null;
  createdAt: Iso | null;
  deletedAt: Iso | null;
  id: string;
  lastActivityAt: Iso | null;
  lastActivityId: string | null;
  mutedUntil: Iso | null;
  name: string | null;
  participants: string[];
  phoneNumberId: string;
  snoozedUntil: Iso | null;
  updatedAt: Iso | null;
}

/** Inbox state Quo keeps but v1 does not expose; mark-as-* endpoints change it. */
export interface ConversationInbox {
  status: "open" | "done";
  read: boolean;
}

type CallStatus =
  | "queued"
  | "initiated"
  | "ringing"
  | "in-progress"
  | "completed"
  | "busy"
  | "failed"
  | "no-answer"
  | "canceled"
  | "missed"
  | "answered"
  | "forwarded"
  | "abandoned";

export interface Call {
  answeredAt: Iso | null;
  answeredBy: string | null;
  initiatedBy: string | null;
  direction: "incoming" | "outgoing";
  status: CallStatus;
  completedAt: Iso | null;
  createdAt: Iso;
  callRoute: string | null;
  duration: number;
  forwardedFrom: string | null;
  forwardedTo: string | null;
  aiHandled: string | null;
  id: string;
  phoneNumberId: string;
  participants: string[];
  updatedAt: Iso | null;
  userId: string;
}

type RecordingStatus = "absent" | "completed" | "deleted" | "failed" | "in-progress" | "paused" | "processing" | "stopped" | "stopping";

export interface CallRecording {
  duration: number | null;
  id: string;
  startTime: Iso | null;
  status: RecordingStatus | null;
  type: string | null;
  url: string | null;
}

type ArtifactStatus = "absent" | "in-progress" | "completed" | "failed";

export interface CallSummary {
  callId: string;
  nextSteps: string[] | null;
  status: ArtifactStatus;
  summary: string[] | null;
  jobs?: { icon: string; name: string; result: { data: { name: string; value: string | number | boolean }[] } }[] | null;
}

interface DialogueLine {
  content: string;
  start: number;
  end: number;
  identifier: string | null;
  userId: string | null;
}

export interface CallTranscript {
  callId: string;
  createdAt: Iso;
  dialogue: DialogueLine[] | null;
  duration: number;
  status: ArtifactStatus;
}

export interface CallVoicemail {
  duration: number | null;
  id: string;
  transcript: string | null;
  recordingUrl: string | null;
  status: "completed" | "in-progress";
}

export interface CustomFieldDefinition {
  name: string;
  key: string;
  type: "address" | "boolean" | "date" | "multi-select" | "number" | "string" | "url";
}

export interface ContactCustomField {
  name: string;
  key: string;
  id?: string;
  type: CustomFieldDefinition["type"];
  value: string[] | string | boolean | number | null;
}

export interface LabeledValue {
  name: string;
  value: string | null;
  id?: string;
}

export interface Contact {
  id: string;
  externalId: string | null;
  source: string | null;
  sourceUrl: string | null;
  defaultFields: {
    company: string | null;
    emails: LabeledValue[];
    firstName: string | null;
    lastName: string | null;
    phoneNumbers: LabeledValue[];
    role: string | null;
  };
  customFields: ContactCustomField[];
  createdAt: Iso;
  updatedAt: Iso;
  createdByUserId: string;
}

export interface Task {
  taskId: string;
  phoneNumberId: string | null;
  conversationId: string | null;
  activityId: string | null;
  phoneNumberGroupId: string | null;
  orgId: string;
  title: string | null;
  description: string | null;
  dueDate: Iso | null;
  assignedTo: string | null;
  assignedBy: string | null;
  createdAt: Iso;
  createdBy: string;
  completed: boolean;
  isDeleted: boolean;
  revision: string;
}

export type WebhookEvent =
  | "message.received"
  | "message.delivered"
  | "call.completed"
  | "call.ringing"
  | "call.recording.completed"
  | "call.summary.completed"
  | "call.transcript.completed"
  | "contact.updated"
  | "contact.deleted";

export interface Webhook {
  id: string;
  userId: string;
  orgId: string;
  label: string | null;
  status: "enabled" | "disabled";
  url: string;
  key: string;
  createdAt: Iso;
  updatedAt: Iso;
  deletedAt: Iso | null;
  events: WebhookEvent[];
  resourceIds: string[];
}

/** Maton control-plane connection, as `GET /connections` lists it. */
export interface Connection {
  connection_id: string;
  status: "ACTIVE" | "PENDING" | "FAILED";
  creation_time: string;
  last_updated_time: string;
  url: string;
  app: string;
  method: string;
  metadata: Record<string, unknown>;
}
