// Everything the bin runs once the fast start has answered, or when it steps aside: the command
// line, every command and the server. The bundle makes this one file, compiled with a code
// cache (src/load-server.ts), so a stdio session's first tool call is not kept waiting on V8.
export { runAsProcess } from "./main.js";
