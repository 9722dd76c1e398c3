// Phone numbers (not paged) and users (paged, at most 50 a page).
import { notFound } from "../errors.js";
import { pathId, type QuoRequest, type QuoResponse, type QuoRoute } from "../router.js";
import { idPattern, paginate, QueryChecker } from "../validate.js";

function listPhoneNumbers(req: QuoRequest): QuoResponse {
  const q = new QueryChecker(req.query);
  const userId = q.string("userId", { pattern: idPattern("US") });
  q.done();
  const data = userId === undefined ? req.ws.phoneNumbers : req.ws.phoneNumbers.filter((p) => p.users.some((u) => u.id === userId));
  return { status: 200, body: { data } };
}

function getPhoneNumber(req: QuoRequest): QuoResponse {
  const id = pathId(req, "phoneNumberId", "PN");
  const pn = req.ws.phoneNumberById(id);
  if (!pn) throw notFound("Phone number");
  return { status: 200, body: { data: pn } };
}

function listUsers(req: QuoRequest): QuoResponse {
  const q = new QueryChecker(req.query);
  const maxResults = q.int("maxResults", { required: true, min: 1, max: 50 });
  const pageToken = q.string("pageToken");
  q.done();
  return { status: 200, body: paginate(req.ws.users, maxResults!, pageToken) };
}

function getUser(req: QuoRequest): QuoResponse {
  const id = pathId(req, "userId", "US");
  const user = req.ws.userById(id);
  if (!user) throw notFound("User");
  return { status: 200, body: { data: user } };
}

export const numberAndUserRoutes: QuoRoute[] = [
  { method: "GET", path: "/v1/phone-numbers", operationId: "listPhoneNumbers_v1", resource: "04", handle: listPhoneNumbers },
  { method: "GET", path: "/v1/phone-numbers/{phoneNumberId}", operationId: "getPhoneNumberById_v1", resource: "04", handle: getPhoneNumber },
  { method: "GET", path: "/v1/users", operationId: "listUsers_v1", resource: "11", handle: listUsers },
  { method: "GET", path: "/v1/users/{userId}", operationId: "getUserById_v1", resource: "11", handle: getUser },
];
