import { GatewayError, type Remedy } from "../gateway/errors.js";

/**
 * A send refused by one of the server's own guards before anything went out. It travels as a
 * GatewayError so tool results render it with its remedy, and carries a code the model can
 * tell apart from Quo's.
 */
export class GuardRefusal extends GatewayError {
  override name = "GuardRefusal";
  constructor(code: "duplicate_send" | "recipient_not_allowed", message: string, remedy: Remedy = "ask_user") {
    super(`${message} Nothing was sent.`, remedy, { code });
  }
}
