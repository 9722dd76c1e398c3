// The bin of the bundled reference server (bench/reference-bundle.ts): what dist/cli.js does for
// quo-mcp once its fast start steps aside, with the V8 flags of a stdio server and the code cache
// recorded beside the bundle.
import { join } from "node:path";
import { compileWithCache } from "../src/load-server.js";
import { tuneV8 } from "../src/v8-tuning.js";

tuneV8([]);
compileWithCache(join(__dirname, "server.js"));
