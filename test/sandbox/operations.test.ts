// Every operation of the spec answers a valid request with a body that validates against
// the spec's response schema for the status it returns, and unknown ids answer the spec's 404.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { SEED } from "../../src/sandbox/index.js";
import { operations, responseErrors } from "../helpers/contract.js";
import { type Client, open, qs } from "./helpers.js";

const N = SEED.numbers;
const C = SEED.contacts;
const future = new Date(Date.now() + 3 * 86_400_000).toISOString();

interface Case {
  method: string;
  path: string;
  body?: unknown;
  status: number;
}

const cases: Record<string, Case> = {
  getCallRecordings_v1: { method: "GET", path: `/v1/call-recordings/${SEED.calls.withArtifacts}`, status: 200 },
  listCalls_v1: { method: "GET", path: `/v1/calls${qs({ phoneNumberId: N.main.id, participants: [C.alice.number], maxResults: 10 })}`, status: 200 },
  getCallById_v1: { method: "GET", path: `/v1/calls/${SEED.calls.withArtifacts}`, status: 200 },
  getCallSummary_v1: { method: "GET", path: `/v1/call-summaries/${SEED.calls.withArtifacts}`, status: 200 },
  getCallTranscript_v1: { method: "GET", path: `/v1/call-transcripts/${SEED.calls.withArtifacts}`, status: 200 },
  getCallVoicemails_v1: { method: "GET", path: `/v1/call-voicemails/${SEED.calls.voicemail}`, status: 200 },
  getContactCustomFields_v1: { method: "GET", path: "/v1/contact-custom-fields", status: 200 },
  createContact_v1: {
    method: "POST",
    path: "/v1/contacts",
    status: 201,
    body: {
      defaultFields: {
        firstName: "Hana",
        lastName: "Kim",
        phoneNumbers: [{ name: "mobile", value: "+15555550150" }],
        emails: [{ name: "work", value: "hana@example.com" }],
      },
      customFields: [{ key: SEED.customFields.leadStage.key, value: "Lead" }],
      source: "tests",
      externalId: "ext-hana",
      sourceUrl: "https://crm.example.com/h",
    },
  },
  listContacts_v1: { method: "GET", path: `/v1/contacts${qs({ maxResults: 50 })}`, status: 200 },
  getContactById_v1: { method: "GET", path: `/v1/contacts/${C.alice.id}`, status: 200 },
  updateContactById_v1: { method: "PATCH", path: `/v1/contacts/${C.bob.id}`, body: { defaultFields: { role: "CEO" } }, status: 200 },
  deleteContact_v1: { method: "DELETE", path: `/v1/contacts/${C.frank.id}`, status: 204 },
  listConversations_v1: { method: "GET", path: `/v1/conversations${qs({ maxResults: 100 })}`, status: 200 },
  markConversationAsRead_v1: { method: "POST", path: `/v1/conversations/${SEED.conversations.alice.id}/mark-as-read`, status: 200 },
  markConversationAsDone_v1: { method: "POST", path: `/v1/conversations/${SEED.conversations.alice.id}/mark-as-done`, status: 200 },
  markConversationAsOpen_v1: { method: "POST", path: `/v1/conversations/${SEED.conversations.alice.id}/mark-as-open`, status: 200 },
  sendMessage_v1: { method: "POST", path: "/v1/messages", body: { from: N.main.id, to: [C.alice.number], content: "See you Tuesday!" }, status: 202 },
  listMessages_v1: { method: "GET", path: `/v1/messages${qs({ phoneNumberId: N.main.id, participants: [C.alice.number], maxResults: 100 })}`, status: 200 },
  getMessageById_v1: { method: "GET", path: "/v1/messages/ACmsg000001", status: 200 },
  listPhoneNumbers_v1: { method: "GET", path: "/v1/phone-numbers", status: 200 },
  getPhoneNumberById_v1: { method: "GET", path: `/v1/phone-numbers/${N.support.id}`, status: 200 },
  listTasks_v1: { method: "GET", path: `/v1/tasks${qs({ maxResults: 100 })}`, status: 200 },
  createTask_v1: {
    method: "POST",
    path: "/v1/tasks",
    body: { title: "Call back", description: "About the quote", conversationId: SEED.conversations.bob.id, dueDate: future },
    status: 201,
  },
  getTaskById_v1: { method: "GET", path: `/v1/tasks/${SEED.tasks.callback}`, status: 200 },
  deleteTask_v1: { method: "DELETE", path: `/v1/tasks/${SEED.tasks.done}`, status: 204 },
  updateTask_v1: { method: "PUT", path: `/v1/tasks/${SEED.tasks.quote}`, body: { title: "New title", description: "New description" }, status: 200 },
  completeTask_v1: { method: "POST", path: `/v1/tasks/${SEED.tasks.quote}/complete`, status: 200 },
  linkTaskToConversation_v1: {
    method: "POST",
    path: `/v1/tasks/${SEED.tasks.quote}/link-conversation`,
    body: { conversationId: SEED.conversations.group.id },
    status: 200,
  },
  unlinkTaskFromConversation_v1: {
    method: "POST",
    path: `/v1/tasks/${SEED.tasks.callback}/unlink-conversation`,
    body: { conversationId: SEED.conversations.alice.id },
    status: 200,
  },
  reopenTask_v1: { method: "POST", path: `/v1/tasks/${SEED.tasks.done}/reopen`, status: 200 },
  assignTask_v1: { method: "POST", path: `/v1/tasks/${SEED.tasks.quote}/assign`, body: { userId: SEED.users.member.id }, status: 200 },
  unassignTask_v1: { method: "POST", path: `/v1/tasks/${SEED.tasks.callback}/unassign`, body: { userId: SEED.users.admin.id }, status: 200 },
  changeTaskDueDate_v1: { method: "POST", path: `/v1/tasks/${SEED.tasks.quote}/change-due-date`, body: { dueDate: future }, status: 200 },
  removeTaskDueDate_v1: { method: "POST", path: `/v1/tasks/${SEED.tasks.callback}/remove-due-date`, status: 200 },
  listUsers_v1: { method: "GET", path: `/v1/users${qs({ maxResults: 50 })}`, status: 200 },
  getUserById_v1: { method: "GET", path: `/v1/users/${SEED.users.member.id}`, status: 200 },
  listWebhooks_v1: { method: "GET", path: "/v1/webhooks", status: 200 },
  getWebhookById_v1: { method: "GET", path: `/v1/webhooks/${SEED.webhooks.calls}`, status: 200 },
  deleteWebhookById_v1: { method: "DELETE", path: `/v1/webhooks/${SEED.webhooks.messages}`, status: 204 },
  createMessageWebhook_v1: {
    method: "POST",
    path: "/v1/webhooks/messages",
    body: { url: "https://hooks.example.com/m", events: ["message.received"] },
    status: 201,
  },
  createCallWebhook_v1: {
    method: "POST",
    path: "/v1/webhooks/calls",
    body: { url: "https://hooks.example.com/c", events: ["call.completed"], resourceIds: [N.main.id], label: "calls" },
    status: 201,
  },
  createCallSummaryWebhook_v1: {
    method: "POST",
    path: "/v1/webhooks/call-summaries",
    body: { url: "https://hooks.example.com/s", events: ["call.summary.completed"], status: "disabled" },
    status: 201,
  },
  createCallTranscriptWebhook_v1: {
    method: "POST",
    path: "/v1/webhooks/call-transcripts",
    body: { url: "https://hooks.example.com/t", events: ["call.transcript.completed"], userId: SEED.users.admin.id },
    status: 201,
  },
};

// The same operations with an id that does not exist.
const missing: Record<string, Case> = {
  getCallRecordings_v1: { method: "GET", path: "/v1/call-recordings/ACnope", status: 404 },
  getCallById_v1: { method: "GET", path: "/v1/calls/ACnope", status: 404 },
  getCallSummary_v1: { method: "GET", path: "/v1/call-summaries/ACnope", status: 404 },
  getCallTranscript_v1: { method: "GET", path: "/v1/call-transcripts/ACnope", status: 404 },
  getCallVoicemails_v1: { method: "GET", path: `/v1/call-voicemails/${SEED.calls.missed}`, status: 404 },
  getContactById_v1: { method: "GET", path: "/v1/contacts/0123456789abcdef01234567", status: 404 },
  updateContactById_v1: { method: "PATCH", path: "/v1/contacts/0123456789abcdef01234567", body: {}, status: 404 },
  deleteContact_v1: { method: "DELETE", path: "/v1/contacts/0123456789abcdef01234567", status: 404 },
  markConversationAsRead_v1: { method: "POST", path: "/v1/conversations/CNnope/mark-as-read", status: 404 },
  getMessageById_v1: { method: "GET", path: "/v1/messages/ACnope", status: 404 },
  listMessages_v1: { method: "GET", path: `/v1/messages${qs({ phoneNumberId: "PNnope", participants: [C.alice.number], maxResults: 1 })}`, status: 404 },
  sendMessage_v1: { method: "POST", path: "/v1/messages", body: { from: "PNnope", to: [C.alice.number], content: "x" }, status: 404 },
  getPhoneNumberById_v1: { method: "GET", path: "/v1/phone-numbers/PNnope", status: 404 },
  getTaskById_v1: { method: "GET", path: "/v1/tasks/TKnope", status: 404 },
  completeTask_v1: { method: "POST", path: "/v1/tasks/TKnope/complete", status: 404 },
  getUserById_v1: { method: "GET", path: "/v1/users/USnope", status: 404 },
  getWebhookById_v1: { method: "GET", path: "/v1/webhooks/WHnope", status: 404 },
  deleteWebhookById_v1: { method: "DELETE", path: "/v1/webhooks/WHnope", status: 404 },
};

// Operations whose documented 400 is the generic "Bad Request": validation errors must match it.
const invalidRequests: Record<string, Case> = {
  listUsers_v1: { method: "GET", path: `/v1/users${qs({ maxResults: 51 })}`, status: 400 },
  listTasks_v1: { method: "GET", path: "/v1/tasks", status: 400 },
  createTask_v1: { method: "POST", path: "/v1/tasks", body: { title: "x" }, status: 400 },
  listConversations_v1: { method: "GET", path: `/v1/conversations${qs({ maxResults: 0 })}`, status: 400 },
  getPhoneNumberById_v1: { method: "GET", path: "/v1/phone-numbers/XX1", status: 400 },
  getCallSummary_v1: { method: "GET", path: "/v1/call-summaries/XX1", status: 400 },
  getCallVoicemails_v1: { method: "GET", path: "/v1/call-voicemails/XX1", status: 400 },
  getCallRecordings_v1: { method: "GET", path: "/v1/call-recordings/XX1", status: 400 },
  listCalls_v1: {
    method: "GET",
    path: `/v1/calls${qs({ phoneNumberId: N.main.id, participants: [C.alice.number, C.bob.number], maxResults: 5 })}`,
    status: 400,
  },
};

let client: Client;
before(async () => {
  client = await open();
});
after(async () => {
  await client.sandbox.close();
});

test("the cases cover exactly the spec's 43 operations", () => {
  assert.equal(operations.length, 43);
  assert.deepEqual(Object.keys(cases).sort(), operations.map((o) => o.operationId).sort());
});

async function check(operationId: string, c: Case, key: string) {
  const op = operations.find((o) => o.operationId === operationId)!;
  assert.equal(c.method, op.method, "the case uses the operation's method");
  const answer = await client.call(c.method, `/quo${c.path}`, { key, ...(c.body !== undefined ? { body: c.body } : {}) });
  assert.equal(answer.status, c.status, JSON.stringify(answer.body));
  assert.deepEqual(responseErrors(operationId, answer.status, answer.body), []);
  return answer;
}

describe("valid requests", () => {
  for (const [operationId, c] of Object.entries(cases)) {
    // A fresh workspace per operation, so destructive cases do not disturb the others.
    test(operationId, async () => {
      await check(operationId, c, `ops-${operationId}`);
    });
  }
});

describe("unknown ids", () => {
  for (const [operationId, c] of Object.entries(missing)) {
    test(operationId, async () => {
      const answer = await check(operationId, c, "ops-missing");
      assert.equal(answer.body.docs, "https://quo.com/docs");
      assert.match(answer.body.code, /^\d{2}00404$/);
    });
  }
});

describe("invalid requests", () => {
  for (const [operationId, c] of Object.entries(invalidRequests)) {
    test(operationId, async () => {
      await check(operationId, c, "ops-invalid");
    });
  }
});

test("every stored object of a fresh workspace validates (whole lists, all calls' artifacts)", async () => {
  const key = "ops-all";
  const pages: [string, string][] = [
    ["listContacts_v1", `/v1/contacts${qs({ maxResults: 50 })}`],
    ["listConversations_v1", `/v1/conversations${qs({ maxResults: 100 })}`],
    ["listUsers_v1", `/v1/users${qs({ maxResults: 50 })}`],
    ["listTasks_v1", `/v1/tasks${qs({ maxResults: 100 })}`],
    ["listWebhooks_v1", "/v1/webhooks"],
  ];
  for (const [operationId, path] of pages) {
    const a = await client.call("GET", `/quo${path}`, { key });
    assert.deepEqual(responseErrors(operationId, a.status, a.body), [], operationId);
  }
  const convs = (await client.call("GET", `/quo/v1/conversations${qs({ maxResults: 100 })}`, { key })).body.data;
  assert.ok(convs.length >= 4);
  for (const conv of convs) {
    const a = await client.call("GET", `/quo/v1/messages${qs({ phoneNumberId: conv.phoneNumberId, participants: conv.participants, maxResults: 100 })}`, {
      key,
    });
    assert.ok(a.body.data.length >= 3, `messages of ${conv.id}`);
    assert.deepEqual(responseErrors("listMessages_v1", a.status, a.body), []);
  }
  for (let i = 1; i <= 8; i++) {
    const id = `ACcall00000${i}`;
    const call = await client.call("GET", `/quo/v1/calls/${id}`, { key });
    assert.deepEqual(responseErrors("getCallById_v1", call.status, call.body), []);
    for (const [operationId, prefix] of [
      ["getCallRecordings_v1", "call-recordings"],
      ["getCallSummary_v1", "call-summaries"],
      ["getCallTranscript_v1", "call-transcripts"],
      ["getCallVoicemails_v1", "call-voicemails"],
    ] as const) {
      const a = await client.call("GET", `/quo/v1/${prefix}/${id}`, { key });
      assert.deepEqual(responseErrors(operationId, a.status, a.body), [], `${operationId} ${id}`);
    }
  }
});

test("the validator itself rejects bodies that break the spec", () => {
  assert.notDeepEqual(responseErrors("getCallById_v1", 200, { data: { id: "AC1" } }), []);
  assert.notDeepEqual(responseErrors("listPhoneNumbers_v1", 200, { data: [{}] }), []); // through a components $ref
  assert.notDeepEqual(responseErrors("listTasks_v1", 200, { data: [], totalItems: 0, nextPageToken: null }), []);
});
