/**
 * What a running server needs from dist/, as every package of it (npm, the MCP bundle) must ship
 * it: the bin, the server bundle with its code cache, and the files the build writes beside it
 * (scripts/build.mjs).
 */
export const SERVER_FILES = [
  "dist/cli.js",
  "dist/server.js",
  "dist/server.js.cache",
  "dist/ioredis.js",
  "dist/llhttp-wasm.js",
  "dist/phone-metadata.json",
  "dist/views/thread.html",
  "dist/views/call.html",
  "dist/views/approval.html",
  "dist/package.json",
];
