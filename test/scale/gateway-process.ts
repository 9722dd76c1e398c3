// The fault gateway in a process of its own, so that the times it records requests arriving
// are not skewed by the test process's own work (150 MCP calls at once keep that event loop
// busy). Driven over IPC by remote-gateway.ts.
import { type Fault, startFaultGateway } from "../helpers/fault-gateway.js";

type Command = { id: number } & ({ op: "arrivals" } | { op: "fail"; route: string; faults: Fault[] } | { op: "rateLimit"; perSecond?: number });

const gw = await startFaultGateway();
process.on("message", (command: Command) => {
  let result: unknown;
  if (command.op === "arrivals") result = gw.arrivals.map(({ body: _body, ...arrival }) => arrival);
  else if (command.op === "fail") gw.fail(command.route, ...command.faults);
  else gw.rateLimit(command.perSecond);
  process.send?.({ id: command.id, result });
});
process.on("disconnect", () => void gw.close().then(() => process.exit(0)));
process.send?.({ ready: true, url: gw.url });
