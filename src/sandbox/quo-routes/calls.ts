// Calls and their artifacts. Following the spec's schemas: recordings are a list (empty
// when there are none); summaries and transcripts have an "absent" status, so a call without
// one answers 200 with status "absent"; voicemails have no "absent" status (only
// "completed" / "in-progress"), so a call without a voicemail answers 404. Unknown calls
// answer 404 everywhere.
import { notFound, notPhoneNumberUser, QuoError } from "../errors.js";
import { pathId, type QuoRequest, type QuoResponse, type QuoRoute } from "../router.js";
import type { Call } from "../types.js";
import { idPattern, inRange, newestFirst, paginate, QueryChecker } from "../validate.js";

function listCalls(req: QuoRequest): QuoResponse {
  if (req.query.getAll("participants").length > 1) {
    throw new QuoError(400, {
      code: "0101400",
      title: "Too Many Participants",
      description: "Too Many Participants",
      message: "Calls can only be listed for one participant at a time",
    });
  }
  const q = new QueryChecker(req.query);
  const phoneNumberId = q.string("phoneNumberId", { required: true, pattern: idPattern("PN") });
  const userId = q.string("userId", { pattern: idPattern("US") });
  const participants = q.array("participants", {
    required: true,
    minItems: 1,
    maxItems: 1,
    item: (v) => v.length >= 1,
    itemRule: "Expected string length greater or equal to 1",
  });
  const since = q.dateTime("since");
  const after = q.dateTime("createdAfter");
  const before = q.dateTime("createdBefore") ?? since; // the spec: "since" behaves as createdBefore
  const maxResults = q.int("maxResults", { required: true, min: 1, max: 100 });
  const pageToken = q.string("pageToken");
  q.done();
  const pn = req.ws.phoneNumberById(phoneNumberId!);
  if (!pn) throw notFound("Phone number");
  if (userId !== undefined && !pn.users.some((u) => u.id === userId)) throw notPhoneNumberUser("0101403");
  const participant = participants[0]!;
  const items = req.ws.calls.filter(
    (c) => c.phoneNumberId === pn.id && c.participants.length === 1 && c.participants[0] === participant && inRange(c.createdAt, after, before),
  );
  return { status: 200, body: paginate(newestFirst([...items]), maxResults!, pageToken) };
}

function findCall(req: QuoRequest, param: string): Call {
  const id = pathId(req, param, "AC");
  const call = req.ws.calls.find((c) => c.id === id);
  if (!call) throw notFound("Call");
  return call;
}

function getCall(req: QuoRequest): QuoResponse {
  return { status: 200, body: { data: findCall(req, "callId") } };
}

function getRecordings(req: QuoRequest): QuoResponse {
  const call = findCall(req, "callId");
  return { status: 200, body: { data: req.ws.recordings.get(call.id) ?? [] } };
}

function getSummary(req: QuoRequest): QuoResponse {
  const call = findCall(req, "callId");
  const summary = req.ws.summaries.get(call.id) ?? { callId: call.id, status: "absent", summary: null, nextSteps: null, jobs: null };
  return { status: 200, body: { data: summary } };
}

function getTranscript(req: QuoRequest): QuoResponse {
  const call = findCall(req, "id");
  const transcript = req.ws.transcripts.get(call.id) ?? {
    callId: call.id,
    createdAt: call.completedAt ?? call.createdAt,
    dialogue: null,
    duration: 0,
    status: "absent",
  };
  return { status: 200, body: { data: transcript } };
}

function getVoicemail(req: QuoRequest): QuoResponse {
  const call = findCall(req, "callId");
  const voicemail = req.ws.voicemails.get(call.id);
  if (!voicemail) throw notFound("Voicemail");
  return { status: 200, body: { data: voicemail } };
}

export const callRoutes: QuoRoute[] = [
  { method: "GET", path: "/v1/calls", operationId: "listCalls_v1", resource: "01", handle: listCalls },
  { method: "GET", path: "/v1/calls/{callId}", operationId: "getCallById_v1", resource: "01", handle: getCall },
  { method: "GET", path: "/v1/call-recordings/{callId}", operationId: "getCallRecordings_v1", resource: "09", handle: getRecordings },
  { method: "GET", path: "/v1/call-summaries/{callId}", operationId: "getCallSummary_v1", resource: "05", handle: getSummary },
  { method: "GET", path: "/v1/call-transcripts/{id}", operationId: "getCallTranscript_v1", resource: "06", handle: getTranscript },
  { method: "GET", path: "/v1/call-voicemails/{callId}", operationId: "getCallVoicemails_v1", resource: "12", handle: getVoicemail },
];
