import type { QuoMcpError } from "../errors.js";

/**
 * Which tool to call next after a failure, said once for every tool: the layers below name
 * what went wrong and who must act, and only the tools side knows the tools' names.
 */
export function nextStep(error: QuoMcpError): string | undefined {
  const { status, code, from } = error.details;
  if (code === "0202403") return "Ask the person for access, or pick another number from list_phone_numbers.";
  if (error.kind === "upstream" && status === 500 && from === "maton") {
    return 'Create a new connection with manage_connection (action "create"), have the person open its url, then delete the old one.';
  }
  if (error.kind === "unknown_outcome") return "Check list_messages (or the resource you changed) before doing it again.";
  return undefined;
}
