// The fixed starting state of every workspace. Ids and numbers are constants so tests can
// name them; timestamps are relative to the moment the sandbox starts (all within the last
// 48 hours) so "recent" queries find them. Numbers are fictional, in the 555-01xx range.

import { mediaUrl } from "./media.js";
import type {
  Call,
  CallRecording,
  CallSummary,
  CallTranscript,
  CallVoicemail,
  Contact,
  Conversation,
  CustomFieldDefinition,
  Message,
  PhoneNumber,
  PhoneNumberUser,
  Task,
  User,
  Webhook,
} from "./types.js";

export const ORG_ID = "ORsandbox01";

export const SEED = {
  orgId: ORG_ID,
  numbers: {
    main: { id: "PNmain0100", number: "+15555550100", name: "Main line", groupId: "GRmain0100" },
    support: { id: "PNsupp0101", number: "+15555550101", name: "Support", groupId: "GRsupp0101" },
  },
  users: {
    owner: { id: "USowner0001", email: "olivia.owner@example.com", firstName: "Olivia", lastName: "Owens", role: "owner" },
    admin: { id: "USadmin0002", email: "adam.admin@example.com", firstName: "Adam", lastName: "Adler", role: "admin" },
    member: { id: "USmember003", email: "mia.member@example.com", firstName: "Mia", lastName: "Moreno", role: "member" },
  },
  contacts: {
    alice: { id: "665f1c0a0000000000000001", number: "+15555550123", firstName: "Alice", lastName: "Nguyen" },
    bob: { id: "665f1c0a0000000000000002", number: "+15555550124", firstName: "Bob", lastName: "Martinez" },
    carol: { id: "665f1c0a0000000000000003", number: "+15555550125", firstName: "Carol", lastName: "Smith" },
    dan: { id: "665f1c0a0000000000000004", number: "+15555550126", firstName: "Dan", lastName: "Brooks" },
    erin: { id: "665f1c0a0000000000000005", number: "+15555550127", firstName: "Erin", lastName: "Patel", source: "crm-sync", externalId: "crm-1001" },
    frank: { id: "665f1c0a0000000000000006", email: "frank.ortiz@example.com", firstName: "Frank", lastName: "Ortiz" },
  },
  /** A caller who is in no contact: the voicemail came from here. */
  unknownCaller: "+15555550130",
  customFields: {
    leadStage: { key: "cf_lead_stage", name: "Lead stage", type: "string" },
    renewalDate: { key: "cf_renewal_date", name: "Renewal date", type: "date" },
  },
  conversations: {
    alice: { id: "CNalice0001", phoneNumberId: "PNmain0100", participants: ["+15555550123"] },
    bob: { id: "CNbob000002", phoneNumberId: "PNmain0100", participants: ["+15555550124"] },
    group: { id: "CNgroup0003", phoneNumberId: "PNmain0100", participants: ["+15555550125", "+15555550126"] },
    erin: { id: "CNerin00004", phoneNumberId: "PNsupp0101", participants: ["+15555550127"] },
  },
  calls: {
    /** Answered, with a recording, a summary and a transcript. */
    withArtifacts: "ACcall000001",
    /** Answered outgoing call with only a recording. */
    outgoingAnswered: "ACcall000002",
    missed: "ACcall000003",
    /** Missed call from SEED.unknownCaller that left a voicemail. */
    voicemail: "ACcall000004",
  },
  voicemailId: "VMcall000004",
  tasks: { callback: "TKtask000001", quote: "TKtask000002", done: "TKtask000003" },
  webhooks: { messages: "WHmsg000001", calls: "WHcall00001" },
} as const;

const N = SEED.numbers;
const U = SEED.users;
const C = SEED.contacts;
const CV = SEED.conversations;

export interface SeedState {
  phoneNumbers: PhoneNumber[];
  users: User[];
  contacts: Contact[];
  customFields: CustomFieldDefinition[];
  conversations: Conversation[];
  messages: Message[];
  calls: Call[];
  recordings: Map<string, CallRecording[]>;
  summaries: Map<string, CallSummary>;
  transcripts: Map<string, CallTranscript>;
  voicemails: Map<string, CallVoicemail>;
  tasks: Task[];
  webhooks: Webhook[];
}

const UNRESTRICTED = { CA: "unrestricted", Intl: "unrestricted", US: "unrestricted" } as const;

/**
 * `baseUrl`, the sandbox's own address, makes the media real: the call with artifacts and the
 * voicemail get audio, and two texts a picture, all served by the sandbox on loopback.
 */
export function buildSeed(start: Date, baseUrl?: string): SeedState {
  const at = (minutesAgo: number) => new Date(start.getTime() - minutesAgo * 60_000).toISOString();
  const longAgo = "2024-03-01T15:00:00.000Z";

  const users: User[] = Object.values(U).map((u) => ({
    id: u.id,
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    pictureUrl: null,
    role: u.role,
    createdAt: longAgo,
    updatedAt: longAgo,
  }));
  const member = (u: (typeof U)[keyof typeof U], groupId: string): PhoneNumberUser => ({
    email: u.email,
    firstName: u.firstName,
    lastName: u.lastName,
    id: u.id,
    role: u.role,
    groupId,
  });
  const phoneNumbers: PhoneNumber[] = [
    {
      id: N.main.id,
      groupId: N.main.groupId,
      portRequestId: null,
      formattedNumber: "(555) 555-0100",
      forward: null,
      name: N.main.name,
      number: N.main.number,
      portingStatus: null,
      symbol: "📞",
      users: [member(U.owner, N.main.groupId), member(U.admin, N.main.groupId)],
      createdAt: longAgo,
      updatedAt: longAgo,
      restrictions: { calling: { ...UNRESTRICTED }, messaging: { ...UNRESTRICTED } },
    },
    {
      id: N.support.id,
      groupId: N.support.groupId,
      portRequestId: null,
      formattedNumber: "(555) 555-0101",
      forward: null,
      name: N.support.name,
      number: N.support.number,
      portingStatus: null,
      symbol: "🛟",
      users: [member(U.owner, N.support.groupId), member(U.member, N.support.groupId)],
      createdAt: longAgo,
      updatedAt: longAgo,
      restrictions: { calling: { ...UNRESTRICTED }, messaging: { ...UNRESTRICTED, Intl: "restricted" } },
    },
  ];

  const customFields: CustomFieldDefinition[] = [{ ...SEED.customFields.leadStage }, { ...SEED.customFields.renewalDate }];

  const contact = (c: { id: string; firstName: string; lastName: string }, extra: Partial<Contact["defaultFields"]>, more: Partial<Contact> = {}): Contact => ({
    id: c.id,
    externalId: null,
    source: null,
    sourceUrl: null,
    defaultFields: {
      company: null,
      emails: [],
      firstName: c.firstName,
      lastName: c.lastName,
      phoneNumbers: [],
      role: null,
      ...extra,
    },
    customFields: [],
    createdAt: "2025-01-10T16:00:00.000Z",
    updatedAt: at(60 * 47),
    createdByUserId: U.owner.id,
    ...more,
  });
  const contacts: Contact[] = [
    contact(
      C.alice,
      {
        company: "Nguyen Dental",
        role: "Office Manager",
        phoneNumbers: [
          { name: "mobile", value: C.alice.number, id: "ph-alice-1" },
          { name: "work", value: "+15555550140", id: "ph-alice-2" },
        ],
        emails: [{ name: "work", value: "alice@nguyendental.example", id: "em-alice-1" }],
      },
      {
        customFields: [
          { name: "Lead stage", key: SEED.customFields.leadStage.key, type: "string", value: "Customer", id: "cfv-alice-1" },
          { name: "Renewal date", key: SEED.customFields.renewalDate.key, type: "date", value: "2026-02-01T00:00:00.000Z", id: "cfv-alice-2" },
        ],
      },
    ),
    contact(
      C.bob,
      {
        company: "Martinez Plumbing",
        role: "Owner",
        phoneNumbers: [{ name: "mobile", value: C.bob.number, id: "ph-bob-1" }],
      },
      { customFields: [{ name: "Lead stage", key: SEED.customFields.leadStage.key, type: "string", value: "Prospect", id: "cfv-bob-1" }] },
    ),
    contact(C.carol, {
      phoneNumbers: [{ name: "mobile", value: C.carol.number, id: "ph-carol-1" }],
      emails: [{ name: "home", value: "carol.smith@example.com", id: "em-carol-1" }],
    }),
    contact(C.dan, { phoneNumbers: [{ name: "mobile", value: C.dan.number, id: "ph-dan-1" }], company: "Brooks & Co" }),
    contact(
      C.erin,
      {
        company: "Patel Logistics",
        role: "Dispatcher",
        phoneNumbers: [{ name: "work", value: C.erin.number, id: "ph-erin-1" }],
        emails: [{ name: "work", value: "erin@patel-logistics.example", id: "em-erin-1" }],
      },
      { source: C.erin.source, externalId: C.erin.externalId, sourceUrl: "https://crm.example.com/contacts/1001" },
    ),
    contact(C.frank, { emails: [{ name: "work", value: C.frank.email, id: "em-frank-1" }] }, { createdByUserId: U.admin.id }),
  ];

  const ourNumber = (pn: string) => (pn === N.main.id ? N.main.number : N.support.number);
  const messages: Message[] = [];
  let seq = 0;
  // Each line: [minutes ago, "in" from participant index | "out"], text.
  const thread = (cv: { id: string; phoneNumberId: string; participants: readonly string[] }, userId: string, lines: [number, "out" | number, string][]) => {
    for (const [ago, who, text] of lines) {
      seq += 1;
      const id = `ACmsg${String(seq).padStart(6, "0")}`;
      const our = ourNumber(cv.phoneNumberId);
      const outgoing = who === "out";
      const from = outgoing ? our : cv.participants[who]!;
      const to = outgoing ? [...cv.participants] : [our, ...cv.participants.filter((p) => p !== from)];
      messages.push({
        id,
        to,
        from,
        text,
        phoneNumberId: cv.phoneNumberId,
        conversationId: cv.id,
        direction: outgoing ? "outgoing" : "incoming",
        userId,
        status: outgoing ? "delivered" : "received",
        createdAt: at(ago),
        updatedAt: at(ago),
      });
    }
  };
  thread(CV.alice, U.owner.id, [
    [60 * 30, 0, "Hi, can I move my cleaning to next week?"],
    [60 * 29 + 50, "out", "Of course. Does Tuesday at 10am work?"],
    [60 * 29 + 40, 0, "Tuesday works, thanks!"],
    [75, 0, "Running 10 minutes late today, sorry"],
    [70, "out", "No problem, see you soon."],
  ]);
  thread(CV.bob, U.admin.id, [
    [60 * 20, "out", "Hi Bob, your quote for the water heater is ready."],
    [60 * 19, 0, "Great, can you email it?"],
    [60 * 5, "out", "Sent to your inbox. Let us know if you have questions."],
  ]);
  thread(CV.group, U.owner.id, [
    [60 * 10, "out", "Carol, Dan: confirming the site visit Friday at 2pm."],
    [60 * 9 + 45, 0, "Works for me."],
    [60 * 9 + 30, 1, "I'll be there 👍"],
  ]);
  thread(CV.erin, U.member.id, [
    [60 * 40, 0, "Our tracking page is down, can you help?"],
    [60 * 39 + 55, "out", "Looking into it now."],
    [60 * 3, 0, "Any update on the tracking issue?"],
  ]);

  const call = (id: string, pn: string, participant: string, minutesAgo: number, o: Partial<Call>): Call => ({
    answeredAt: null,
    answeredBy: null,
    initiatedBy: null,
    direction: "incoming",
    status: "completed",
    completedAt: at(minutesAgo - 1),
    createdAt: at(minutesAgo),
    callRoute: null,
    duration: 0,
    forwardedFrom: null,
    forwardedTo: null,
    aiHandled: null,
    id,
    phoneNumberId: pn,
    participants: [participant],
    updatedAt: at(minutesAgo - 1),
    userId: U.owner.id,
    ...o,
  });
  const calls: Call[] = [
    call(SEED.calls.withArtifacts, N.main.id, C.alice.number, 60 * 6, {
      status: "completed",
      answeredAt: at(60 * 6 - 0.2),
      answeredBy: U.owner.id,
      duration: 312,
      completedAt: at(60 * 6 - 5.4),
    }),
    call(SEED.calls.outgoingAnswered, N.main.id, C.bob.number, 60 * 19 - 30, {
      direction: "outgoing",
      initiatedBy: U.admin.id,
      userId: U.admin.id,
      answeredAt: at(60 * 19 - 30.3),
      duration: 95,
      completedAt: at(60 * 19 - 32),
    }),
    call(SEED.calls.missed, N.main.id, C.bob.number, 60 * 2, { status: "missed", completedAt: at(60 * 2 - 0.5) }),
    call(SEED.calls.voicemail, N.main.id, SEED.unknownCaller, 45, { status: "missed", duration: 22, completedAt: at(44) }),
    call("ACcall000005", N.main.id, C.carol.number, 60 * 12, {
      direction: "outgoing",
      status: "no-answer",
      initiatedBy: U.owner.id,
      completedAt: at(60 * 12 - 0.5),
    }),
    call("ACcall000006", N.support.id, C.erin.number, 60 * 39 + 50, {
      status: "completed",
      answeredAt: at(60 * 39 + 49.8),
      answeredBy: U.member.id,
      userId: U.member.id,
      duration: 240,
      completedAt: at(60 * 39 + 45.8),
    }),
    call("ACcall000007", N.main.id, C.dan.number, 60 * 30, {
      direction: "outgoing",
      initiatedBy: U.owner.id,
      answeredAt: at(60 * 30 - 0.2),
      duration: 60,
      completedAt: at(60 * 30 - 1.2),
    }),
    call("ACcall000008", N.main.id, C.alice.number, 60 * 40, {
      status: "completed",
      answeredAt: at(60 * 40 - 0.1),
      answeredBy: U.admin.id,
      userId: U.admin.id,
      duration: 150,
      completedAt: at(60 * 40 - 2.6),
    }),
  ];

  const recordings = new Map<string, CallRecording[]>();
  for (const c of calls) {
    if (c.answeredAt === null) continue;
    recordings.set(c.id, [
      {
        duration: c.duration,
        id: `RC${c.id.slice(2)}`,
        startTime: c.answeredAt,
        status: "completed",
        type: "audio/mpeg",
        url: `https://files.example.com/recordings/${c.id}.mp3`,
      },
    ]);
  }

  const summaries = new Map<string, CallSummary>([
    [
      SEED.calls.withArtifacts,
      {
        callId: SEED.calls.withArtifacts,
        status: "completed",
        summary: [
          "Alice Nguyen called to reschedule her dental cleaning to next Tuesday at 10am.",
          "She asked whether the new appointment is covered by her insurance plan.",
        ],
        nextSteps: ["Confirm the Tuesday 10am slot by text.", "Check Alice's insurance coverage and call her back."],
        jobs: null,
      },
    ],
  ]);

  const transcripts = new Map<string, CallTranscript>([
    [
      SEED.calls.withArtifacts,
      {
        callId: SEED.calls.withArtifacts,
        createdAt: at(60 * 6 - 6),
        duration: 312,
        status: "completed",
        dialogue: [
          { content: "Thanks for calling Nguyen Dental's partner line, this is Olivia.", start: 0.4, end: 3.9, identifier: N.main.number, userId: U.owner.id },
          { content: "Hi Olivia, it's Alice. I need to move my cleaning to next week.", start: 4.3, end: 8.1, identifier: C.alice.number, userId: null },
          { content: "Sure, does Tuesday at 10am work?", start: 8.6, end: 10.7, identifier: N.main.number, userId: U.owner.id },
          { content: "Yes. Is that still covered by my insurance?", start: 11.2, end: 14.0, identifier: C.alice.number, userId: null },
          { content: "I'll check and call you back today.", start: 14.5, end: 16.8, identifier: N.main.number, userId: U.owner.id },
        ],
      },
    ],
  ]);

  const voicemails = new Map<string, CallVoicemail>([
    [
      SEED.calls.voicemail,
      {
        id: SEED.voicemailId,
        duration: 22,
        status: "completed",
        recordingUrl: `https://files.example.com/voicemails/${SEED.voicemailId}.mp3`,
        transcript: "Hi, this is Gina from Riverside Realty. I'd like a quote for office cleaning, please call me back at this number. Thanks!",
      },
    ],
  ]);

  const conversations: Conversation[] = Object.values(CV).map((cv) => {
    const own = messages.filter((m) => m.conversationId === cv.id);
    const first = own[0]!;
    const last = own[own.length - 1]!;
    return {
      assignedTo: null,
      createdAt: first.createdAt,
      deletedAt: null,
      id: cv.id,
      lastActivityAt: last.createdAt,
      lastActivityId: last.id,
      mutedUntil: null,
      name: cv.id === CV.group.id ? "Site visit" : null,
      participants: [...cv.participants],
      phoneNumberId: cv.phoneNumberId,
      snoozedUntil: null,
      updatedAt: last.createdAt,
    };
  });

  const task = (o: Partial<Task> & { taskId: string }): Task => ({
    phoneNumberId: N.main.id,
    conversationId: null,
    activityId: null,
    phoneNumberGroupId: N.main.groupId,
    orgId: ORG_ID,
    title: null,
    description: null,
    dueDate: null,
    assignedTo: null,
    assignedBy: null,
    createdAt: at(60 * 5),
    createdBy: U.owner.id,
    completed: false,
    isDeleted: false,
    revision: "1",
    ...o,
  });
  const tasks: Task[] = [
    task({
      taskId: SEED.tasks.callback,
      conversationId: CV.alice.id,
      activityId: SEED.calls.withArtifacts,
      title: "Call Alice back about insurance",
      description: "Check whether the Tuesday cleaning is covered.",
      dueDate: new Date(start.getTime() + 24 * 3600_000).toISOString(),
      assignedTo: U.admin.id,
      assignedBy: U.owner.id,
    }),
    task({
      taskId: SEED.tasks.quote,
      conversationId: CV.bob.id,
      title: "Follow up on Bob's quote",
      description: "He has had the quote since yesterday.",
      createdAt: at(60 * 4),
    }),
    task({
      taskId: SEED.tasks.done,
      phoneNumberId: N.support.id,
      phoneNumberGroupId: N.support.groupId,
      conversationId: CV.erin.id,
      activityId: "ACcall000006",
      title: "Fix tracking page for Erin",
      description: "Reported on the support line.",
      completed: true,
      createdAt: at(60 * 39),
      createdBy: U.member.id,
      assignedTo: U.member.id,
      assignedBy: U.member.id,
      revision: "3",
    }),
  ];

  const webhooks: Webhook[] = [
    {
      id: SEED.webhooks.messages,
      userId: U.owner.id,
      orgId: ORG_ID,
      label: "CRM message sync",
      status: "enabled",
      url: "https://hooks.example.com/quo/messages",
      key: "c2FuZGJveC13ZWJob29rLWtleS0x",
      createdAt: longAgo,
      updatedAt: longAgo,
      deletedAt: null,
      events: ["message.received", "message.delivered"],
      resourceIds: ["*"],
    },
    {
      id: SEED.webhooks.calls,
      userId: U.owner.id,
      orgId: ORG_ID,
      label: null,
      status: "disabled",
      url: "https://hooks.example.com/quo/calls",
      key: "c2FuZGJveC13ZWJob29rLWtleS0y",
      createdAt: longAgo,
      updatedAt: longAgo,
      deletedAt: null,
      events: ["call.completed"],
      resourceIds: [N.main.id],
    },
  ];

  if (baseUrl) {
    const recording = recordings.get(SEED.calls.withArtifacts)?.[0];
    if (recording) Object.assign(recording, { url: mediaUrl(baseUrl, "recordings", SEED.calls.withArtifacts), type: "audio/wav" });
    const voicemail = voicemails.get(SEED.calls.voicemail);
    if (voicemail) voicemail.recordingUrl = mediaUrl(baseUrl, "voicemails", SEED.voicemailId);
    for (const m of messages) {
      if (m.text === "Running 10 minutes late today, sorry" || m.text === "I'll be there 👍")
        m.media = [{ url: mediaUrl(baseUrl, "pictures", m.id), type: "image/png" }];
    }
  }

  return { phoneNumbers, users, contacts, customFields, conversations, messages, calls, recordings, summaries, transcripts, voicemails, tasks, webhooks };
}
