import { setFlagsFromString } from "node:v8";

// An MCP server is a long-lived process per user that spends its time waiting on the network:
// memory matters more than peak speed. Under a steady stream of calls V8's default heap
// sizing grows RSS by ~50 MB before it levels off; optimising for size keeps that under
// ~10 MB (npm run bench, figure 6). Set before anything else is loaded, which is why this
// module is the bin's first import.
setFlagsFromString("--optimize-for-size");
