import type { ServerResponse } from "node:http";
import type { HttpRoute } from "./http-app.js";

/**
 * Where OAuth clients look for an authorization server before they give up: RFC 9728's
 * protected-resource metadata, RFC 8414's server metadata, OpenID discovery (each at the root
 * and with the MCP endpoint's path, in the forms the MCP authorization spec lists), and the
 * default dynamic-registration endpoint. quo-mcp has none of these: it takes a static token.
 */
const ENDPOINTS = ["/mcp", "/sse"];
const discoveryPaths = [
  ...["/.well-known/oauth-protected-resource", "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration"].flatMap((base) => [
    base,
    ...ENDPOINTS.map((endpoint) => `${base}${endpoint}`),
  ]),
  ...ENDPOINTS.map((endpoint) => `${endpoint}/.well-known/openid-configuration`),
  "/register",
];

/** What a client that went looking for OAuth learns: there is none, and how to pass the token instead. */
function noOAuthBody(tokenRequired: boolean) {
  return tokenRequired
    ? {
        error: "oauth_not_supported",
        message:
          "quo-mcp does not use OAuth: it takes a static bearer token. Send the header Authorization: Bearer <token>, where <token> is the server's QUO_MCP_AUTH_TOKEN.",
        how: {
          header: "Authorization: Bearer <token>",
          "mcp-remote": 'npx mcp-remote https://<host>/mcp --header "Authorization: Bearer ${QUO_MCP_TOKEN}" (with QUO_MCP_TOKEN in its env)',
        },
      }
    : { error: "oauth_not_supported", message: "quo-mcp does not use OAuth, and this server needs no token: connect to /mcp directly." };
}

function answer(res: ServerResponse, body: unknown): void {
  const data = Buffer.from(JSON.stringify(body), "utf8");
  res.writeHead(404, { "content-type": "application/json", "content-length": String(data.length), "cache-control": "no-store" });
  res.end(data);
}

/**
 * Public routes (answered before the token is checked) for every discovery path: 404 with a
 * JSON body that says to send the token, so an OAuth-capable client such as mcp-remote stops
 * at once with that message instead of waiting on an authorization it can never get.
 */
export function discoveryRoutes(tokenRequired: boolean): HttpRoute[] {
  const body = noOAuthBody(tokenRequired);
  return discoveryPaths.map((path) => ({ path, public: true, handle: (_req, res) => answer(res, body) }));
}
