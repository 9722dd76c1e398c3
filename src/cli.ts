#!/usr/bin/env node
import { fastStart } from "./fast-start/start.js";
import { runFullServer } from "./load-server.js";

// An MCP client waits for tools/list before anything else happens: the fast start answers it
// from definitions computed at build time, while the full server loads behind it.
if (!fastStart(process.argv.slice(2))) {
  runFullServer(process.argv.slice(2));
}
