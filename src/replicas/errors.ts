import { GatewayError } from "../gateway/errors.js";

/** A send refused because the replicas' shared duplicate guard (Redis) cannot answer. */
export class SharedGuardUnavailable extends GatewayError {
  override name = "SharedGuardUnavailable";
  constructor() {
    super("The shared send guard is unavailable; nothing was sent; try again shortly.", "retry_later", { code: "guard_unavailable" });
  }
}
