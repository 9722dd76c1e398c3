// The two parts of undici the gateway client uses, loaded without the rest of the package
// (fetch, WebSocket, caches, mocks): the typings are the package's own.
declare module "undici/lib/dispatcher/agent.js" {
  import { Agent } from "undici";
  export default Agent;
}

declare module "undici/lib/core/errors.js" {
  import { errors } from "undici";
  export const UndiciError: typeof errors.UndiciError;
}

declare module "undici/lib/api/api-request.js" {
  import type { Dispatcher } from "undici";
  /** undici's request(), called with the dispatcher as `this` (the package adds it to every dispatcher's prototype). */
  export default function request(this: Dispatcher, options: Dispatcher.RequestOptions): Promise<Dispatcher.ResponseData>;
}
