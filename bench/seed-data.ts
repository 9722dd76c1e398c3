// Realistic data for the output-economy figure: a busy thread of 100 texts, 100 calls with one
// person (the latest with its recording, transcript and summary), 30 more conversations on the
// number, and 50 contacts. Texts are of the lengths people really send (mostly one SMS
// segment, some two), not placeholder strings, because a projection that only saves on
// short fields would look better than it is. Deterministic: the same data on every run.

import type { Call, Contact, Message, SandboxWorkspace } from "../src/sandbox/index.js";
import { SEED } from "../src/sandbox/seed.js";

export const BENCH_PARTICIPANT = "+15555550150";
export const BENCH_NUMBER = SEED.numbers.main;
const CONVERSATION_ID = "CNbench00000000000000000000000001";
/** The call that carries a recording, a transcript and a summary. */
export const BENCH_CALL_WITH_ARTIFACTS = "ACbench0000000000000000000000call1";

/**
 * A four-minute call as speech recognition segments it: a turn is often several segments, cut at
 * pauses, each with its start and end in seconds to the microsecond as the API gives them.
 * `true` is the caller (BENCH_PARTICIPANT), `false` the user who answered.
 */
const DIALOGUE: [boolean, string][] = [
  [false, "Thanks for calling Riverside Dental, this is Jordan."],
  [false, "How can I help you today?"],
  [true, "Hi Jordan, it's Sam Okafor."],
  [true, "I had a cleaning booked for Thursday morning"],
  [true, "but something came up at work and I need to move it."],
  [false, "No problem, let me pull up your file."],
  [false, "Okay, I see you at ten thirty on Thursday with Dr. Patel."],
  [false, "Were you hoping for later the same week or the week after?"],
  [true, "Later this week would be ideal."],
  [true, "Friday afternoon maybe?"],
  [false, "Friday I have a two fifteen or a four o'clock."],
  [true, "Two fifteen works."],
  [false, "Great, I've moved you to Friday at two fifteen."],
  [false, "You'll get a text confirmation in a few minutes."],
  [true, "Perfect. While I have you,"],
  [true, "I got a bill last week that looked like it charged me twice for the x-rays in March."],
  [false, "Oh, I'm sorry about that."],
  [false, "Let me look at the ledger."],
  [false, "Yes, I can see two entries for the same date."],
  [false, "One of them should have gone to your insurance."],
  [true, "So do I need to do anything?"],
  [false, "No, I'll send it to our billing team today"],
  [false, "and they'll reverse the duplicate charge."],
  [false, "It usually takes three to five business days."],
  [true, "Okay. Will I get something in writing?"],
  [false, "Yes, they'll email you a corrected statement once it's done."],
  [true, "Great. Oh, and is Dr. Patel still doing the whitening consults?"],
  [false, "She is, on Tuesdays."],
  [false, "I can add a consult after your cleaning if you'd like, it's about fifteen minutes."],
  [true, "Let's leave it for now, I'll ask her on Friday."],
  [false, "Sounds good."],
  [false, "Anything else I can help with?"],
  [true, "No, that's everything. Thanks Jordan."],
  [false, "You're welcome, see you Friday."],
];

const TEXTS = [
  "Hi, this is Jordan from Riverside Dental confirming your cleaning tomorrow at 10:30 AM. Reply C to confirm or R to reschedule.",
  "C",
  "Great, you're all set. Please arrive 10 minutes early to update your insurance info.",
  "Thanks! Is there parking on site or should I use the garage on 5th?",
  "We have a small lot behind the building, and the garage on 5th validates for 2 hours.",
  "Running about 15 minutes late, sorry! Traffic on the bridge is terrible this morning.",
  "No problem, we'll see you when you get here.",
  "Can you send me the estimate for the crown? My insurance needs it before they approve anything.",
  "Sure, I just emailed it to the address on file. Let me know if you don't see it within the hour.",
  "Got it, thank you so much",
  "Hey, quick question about the invoice from last week - it shows two charges for the same visit on the 14th. Can someone take a look?",
  "Thanks for flagging that. Our billing team will review it today and call you back by 5 PM.",
  "ok",
  "Your order #48213 has shipped and should arrive Thursday. Track it here: https://example.com/t/48213",
  "Is the 2 bedroom on Maple still available? I'd love to see it this weekend if possible.",
  "Yes it is! I have openings Saturday at 11 and 2, or Sunday at 1. Which works best for you?",
  "Saturday at 2 works",
  "Perfect, see you Saturday at 2 PM at 418 Maple Ave, unit 3B. I'll meet you in the lobby.",
  "Do you take walk-ins today or do I need an appointment?",
  "We have a couple of walk-in slots after 3 today. Just come by and let the front desk know.",
  "Reminder: your payment of $185.00 is due on the 1st. Reply STOP to opt out of reminders.",
  "I already paid this through the portal yesterday, can you double check?",
  "You're right, I see it now - it posted this morning. Sorry for the confusion and thanks for letting us know!",
  "Can we move Thursday's call to Friday morning? Something came up with the kids.",
  "Friday at 9:30 works on our end. I'll send an updated calendar invite.",
  "👍",
  "Technician is on the way and should arrive in about 20 minutes.",
  "The AC is making that clicking noise again, it started right after your guy left yesterday. Should I turn it off until someone can come back out?",
  "Yes, please switch it off at the thermostat for now. I'm booking you for first thing tomorrow, no charge for the return visit.",
  "Thank you, appreciate the quick response",
  "Hi! Following up on the quote we sent Monday. Happy to answer any questions or adjust the scope if needed.",
  "We're comparing a couple of options still. Should have a decision by end of week.",
  "Sounds good, no rush. I'll check back in on Friday.",
  "What time do you close on Sundays?",
  "We're open 10 to 4 on Sundays.",
  "Can I get a copy of my receipt from March? I need it for taxes.",
  "Of course - I just sent it to your email. It's from billing@example.com in case it lands in spam.",
  "Got it",
  "Your verification code is 482913. It expires in 10 minutes.",
  "Just left you a voicemail about the contract renewal, call me back when you get a chance. I'm around until 6.",
];

/** A tiny deterministic generator, so every run measures the same data. */
function prng(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function quoId(prefix: string, rand: () => number): string {
  let hex = "";
  for (let i = 0; i < 32; i++) hex += Math.floor(rand() * 16).toString(16);
  return prefix + hex;
}

/** Adds a 100-message thread and 100 calls between the main number and BENCH_PARTICIPANT, and makes the contacts 50. */
export function seedBenchWorkspace(ws: SandboxWorkspace, now = Date.now()): void {
  const rand = prng(20260521);
  const owner = SEED.users.owner.id;
  const iso = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
  ws.conversations.push({
    assignedTo: null,
    createdAt: iso(60 * 24 * 30),
    deletedAt: null,
    id: CONVERSATION_ID,
    lastActivityAt: iso(5),
    lastActivityId: null,
    mutedUntil: null,
    name: null,
    participants: [BENCH_PARTICIPANT],
    phoneNumberId: BENCH_NUMBER.id,
    snoozedUntil: null,
    updatedAt: iso(5),
  });
  ws.inbox.set(CONVERSATION_ID, { status: "open", read: false });

  for (let i = 0; i < 100; i++) {
    const incoming = rand() < 0.5;
    const at = iso(5 + i * 97);
    const message: Message = {
      id: quoId("AC", rand),
      to: incoming ? [BENCH_NUMBER.number] : [BENCH_PARTICIPANT],
      from: incoming ? BENCH_PARTICIPANT : BENCH_NUMBER.number,
      text: TEXTS[i % TEXTS.length] as string,
      phoneNumberId: BENCH_NUMBER.id,
      conversationId: CONVERSATION_ID,
      direction: incoming ? "incoming" : "outgoing",
      userId: owner,
      status: incoming ? "received" : rand() < 0.9 ? "delivered" : "sent",
      createdAt: at,
      updatedAt: at,
    };
    ws.messages.push(message);
  }

  const statuses: Call["status"][] = ["completed", "completed", "completed", "completed", "missed", "no-answer", "completed", "busy", "completed", "canceled"];
  for (let i = 0; i < 100; i++) {
    const incoming = rand() < 0.6;
    const status = statuses[Math.floor(rand() * statuses.length)] as Call["status"];
    const answered = status === "completed";
    const duration = answered ? 20 + Math.floor(rand() * 900) : 0;
    const start = now - (30 + i * 211) * 60_000;
    const call: Call = {
      answeredAt: answered ? new Date(start + 6_000).toISOString() : null,
      answeredBy: answered && incoming ? owner : null,
      initiatedBy: incoming ? null : owner,
      direction: incoming ? "incoming" : "outgoing",
      status,
      completedAt: new Date(start + 6_000 + duration * 1000).toISOString(),
      createdAt: new Date(start).toISOString(),
      callRoute: incoming ? "phone-number" : null,
      duration,
      forwardedFrom: null,
      forwardedTo: null,
      aiHandled: null,
      id: quoId("AC", rand),
      phoneNumberId: BENCH_NUMBER.id,
      participants: [BENCH_PARTICIPANT],
      updatedAt: new Date(start + 6_000 + duration * 1000).toISOString(),
      userId: owner,
    };
    ws.calls.push(call);
  }

  // The latest call, answered by the owner, with what Quo adds to a call minutes later.
  const latest = ws.calls[ws.calls.length - 100] as Call;
  const talk = 241;
  Object.assign(latest, {
    id: BENCH_CALL_WITH_ARTIFACTS,
    direction: "incoming",
    status: "completed",
    duration: talk,
    answeredBy: owner,
    initiatedBy: null,
    answeredAt: new Date(Date.parse(latest.createdAt) + 6_000).toISOString(),
    completedAt: new Date(Date.parse(latest.createdAt) + 6_000 + talk * 1000).toISOString(),
  });
  ws.recordings.set(latest.id, [
    {
      duration: talk,
      id: `RC${latest.id.slice(2)}`,
      startTime: latest.answeredAt,
      status: "completed",
      type: "audio/mpeg",
      url: `https://files.example.com/recordings/${latest.id}.mp3`,
    },
  ]);
  // Its own generator, so the data above and below stays what it was before these were added.
  const extra = prng(20261129);
  let clock = 0.48;
  ws.transcripts.set(latest.id, {
    callId: latest.id,
    createdAt: latest.completedAt ?? latest.createdAt,
    duration: talk,
    status: "completed",
    dialogue: DIALOGUE.map(([caller, content]) => {
      const start = clock;
      const end = start + content.length * 0.065 + extra() * 0.8;
      clock = end + 0.2 + extra() * 1.1;
      return {
        content,
        start: Math.round(start * 1e6) / 1e6,
        end: Math.round(end * 1e6) / 1e6,
        identifier: caller ? BENCH_PARTICIPANT : BENCH_NUMBER.number,
        userId: caller ? null : owner,
      };
    }),
  });
  ws.summaries.set(latest.id, {
    callId: latest.id,
    status: "completed",
    summary: [
      "Sam Okafor moved his Thursday 10:30 cleaning with Dr. Patel to Friday at 2:15 PM.",
      "He reported being charged twice for March x-rays; one charge should have gone to insurance.",
      "He asked about whitening consults and will ask Dr. Patel on Friday.",
    ],
    nextSteps: ["Send the billing team the duplicate x-ray charge to reverse.", "Email Sam a corrected statement once reversed."],
    jobs: null,
  });

  // More conversations on the number, as an inbox page shows them: mostly one person, some named or assigned.
  for (let i = 0; i < 30; i++) {
    const active = iso(30 + i * 173);
    ws.conversations.push({
      assignedTo: extra() < 0.3 ? owner : null,
      createdAt: iso(60 * 24 * (20 + i)),
      deletedAt: null,
      id: quoId("CN", extra),
      lastActivityAt: active,
      lastActivityId: quoId("AC", extra),
      mutedUntil: null,
      name: extra() < 0.2 ? `Team thread ${i}` : null,
      participants: extra() < 0.15 ? [`+1555555${4000 + i}`, `+1555555${5000 + i}`] : [`+1555555${4000 + i}`],
      phoneNumberId: BENCH_NUMBER.id,
      snoozedUntil: null,
      updatedAt: active,
    });
  }

  const first = [
    "Avery",
    "Jordan",
    "Priya",
    "Marcus",
    "Elena",
    "Tom",
    "Grace",
    "Luis",
    "Hannah",
    "Kenji",
    "Fatima",
    "Owen",
    "Sofia",
    "Ravi",
    "Chloe",
    "Diego",
    "Nora",
    "Sam",
    "Ines",
    "Wei",
    "Leah",
    "Mateo",
    "Zoe",
    "Ahmed",
    "Ruth",
  ];
  const last = [
    "Johnson",
    "Okafor",
    "Sharma",
    "Kowalski",
    "Rossi",
    "Nguyen",
    "Fischer",
    "Garcia",
    "Lindqvist",
    "Tanaka",
    "Haddad",
    "Byrne",
    "Costa",
    "Iyer",
    "Dubois",
  ];
  const companies = [
    "Riverside Dental",
    "Maple Property Group",
    "Northwind HVAC",
    "Brightside Realty",
    "Summit Legal LLP",
    null,
    "Harbor Logistics",
    null,
    "Oak & Pine Landscaping",
    "Cedar Street Bakery",
  ];
  const roles = ["Office Manager", "Owner", null, "Operations Lead", "Paralegal", null, "Dispatcher", "Account Executive"];
  const contacts: Contact[] = [];
  for (let i = 0; i < 50; i++) {
    const firstName = first[i % first.length] as string;
    const lastName = last[(i * 7) % last.length] as string;
    const company = companies[i % companies.length] ?? null;
    const phones = [{ name: "mobile", value: `+1555555${String(2000 + i).padStart(4, "0")}`, id: `ph${randomHex(rand, 10)}` }];
    if (rand() < 0.3) phones.push({ name: "work", value: `+1555555${String(3000 + i).padStart(4, "0")}`, id: `ph${randomHex(rand, 10)}` });
    const emails =
      rand() < 0.7 ? [{ name: "work", value: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@example.com`, id: `em${randomHex(rand, 10)}` }] : [];
    const customFields: Contact["customFields"] =
      rand() < 0.5
        ? [
            {
              name: "Lead stage",
              key: SEED.customFields.leadStage.key,
              type: "string",
              value: rand() < 0.5 ? "Customer" : "Prospect",
              id: `cfv${randomHex(rand, 10)}`,
            },
          ]
        : [];
    contacts.push({
      id: randomHex(rand, 24),
      externalId: rand() < 0.2 ? `crm-${2000 + i}` : null,
      source: rand() < 0.2 ? "crm-sync" : null,
      sourceUrl: null,
      defaultFields: { company, emails, firstName, lastName, phoneNumbers: phones, role: roles[i % roles.length] ?? null },
      customFields,
      createdAt: iso(60 * 24 * (100 + i)),
      updatedAt: iso(60 * (i + 1)),
      createdByUserId: owner,
    });
  }
  ws.contacts.splice(0, ws.contacts.length, ...contacts);
}

function randomHex(rand: () => number, length: number): string {
  let hex = "";
  for (let i = 0; i < length; i++) hex += Math.floor(rand() * 16).toString(16);
  return hex;
}

/** Lengths of the 100 seeded texts, for the report. */
export const seededTextLengths = (): number[] => Array.from({ length: 100 }, (_, i) => (TEXTS[i % TEXTS.length] as string).length);
