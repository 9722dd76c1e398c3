import type { Server } from "node:http";
import type { Socket } from "node:net";
import type { Logger } from "../logger.js";
import { clientAddress } from "./http-responses.js";

export interface ConnectionLimits {
  max: number;
  maxPerAddress: number;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
}

const REFUSAL =
  "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: text/plain\r\nRetry-After: 5\r\nContent-Length: 36\r\n\r\nToo many connections: retry later.\r\n";

/**
 * Bounds what a client can hold with sockets alone: headers and bodies must arrive in time
 * (node answers 408 to slow headers; the body reader answers 408 to slow bodies, and node's own
 * request timeout backs it up), and open connections are capped in all and per client address.
 * A connection past a cap is answered 503 and closed at once, before any request is read.
 * Returns whether a socket was refused, so the request listener can ignore what it sends.
 */
export function limitConnections(server: Server, limits: ConnectionLimits, logger: Logger): (socket: Socket) => boolean {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.headersTimeoutMs + limits.bodyTimeoutMs;
  server.keepAliveTimeout = 5_000;

  const refused = new WeakSet<Socket>();
  const open = new Map<string, number>();
  let total = 0;
  server.on("connection", (socket: Socket) => {
    const address = clientAddress(socket.remoteAddress);
    const mine = open.get(address) ?? 0;
    if (total >= limits.max || mine >= limits.maxPerAddress) {
      refused.add(socket);
      logger.debug({ address, total, fromAddress: mine }, "connection refused: too many open connections");
      socket.end(REFUSAL);
      // Whatever the client still sends is not read; the socket goes as soon as the answer is out.
      socket.once("finish", () => socket.destroy());
      socket.setTimeout(1_000, () => socket.destroy());
      return;
    }
    total += 1;
    open.set(address, mine + 1);
    socket.once("close", () => {
      total -= 1;
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return (socket) => refused.has(socket);
}

/** How often node checks its header and request timeouts: often enough for the shortest one to matter. */
export function checkingInterval(headersTimeoutMs: number): number {
  return Math.max(250, Math.min(5_000, Math.floor(headersTimeoutMs / 4)));
}
