/** Shapes of Quo v1 objects, as far as quo-mcp reads them (the spec holds the full contract). */

export interface Page<T> {
  data: T[];
  nextPageToken?: string | null;
  /** Documented by Quo as unreliable; never used. */
  totalItems?: number;
}

export interface Single<T> {
  data: T;
}

/** One thread: an own number and the people on the other side, as messages and calls are listed. */
export interface ThreadQuery {
  phoneNumberId: string;
  participants: string[];
  createdAfter?: string;
  createdBefore?: string;
  maxResults: number;
  pageToken?: string;
}

interface QuoUserRef {
  id: string;
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  role?: string;
  groupId?: string;
}

export interface QuoPhoneNumber {
  id: string;
  groupId?: string;
  name: string;
  number: string;
  formattedNumber?: string | null;
  forward?: string | null;
  portingStatus?: string | null;
  symbol?: string | null;
  users?: QuoUserRef[];
  restrictions?: unknown;
  createdAt?: string;
  updatedAt?: string;
}

export interface QuoUser extends QuoUserRef {
  pictureUrl?: string | null;
  createdAt?: string;
  updatedAt?: string;
}

export interface QuoMessage {
  id: string;
  to: string[];
  from: string;
  text: string;
  phoneNumberId: string | null;
  conversationId: string;
  direction: "incoming" | "outgoing";
  userId: string;
  status: string;
  createdAt: string;
  updatedAt: string;
}

export interface QuoCall {
  id: string;
  phoneNumberId: string;
  userId: string;
  participants: string[];
  direction: "incoming" | "outgoing";
  status: string;
  duration: number;
  createdAt: string;
  answeredAt: string | null;
  answeredBy: string | null;
  initiatedBy: string | null;
  completedAt: string | null;
  callRoute: string | null;
  forwardedFrom: string | null;
  forwardedTo: string | null;
  aiHandled: string | null;
  updatedAt: string | null;
}

export interface QuoRecording {
  id: string;
  duration: number | null;
  startTime: string | null;
  status: string | null;
  type: string | null;
  url: string | null;
}

export interface QuoSummary {
  callId: string;
  status: string;
  summary: string[] | null;
  nextSteps: string[] | null;
  jobs?: unknown[] | null;
}

export interface QuoTranscript {
  callId: string;
  status: string;
  duration: number;
  createdAt: string;
  dialogue: { content: string; start: number; end: number; identifier: string | null; userId: string | null }[] | null;
}

export interface QuoVoicemail {
  id: string;
  status: string;
  duration: number | null;
  transcript: string | null;
  recordingUrl: string | null;
}
