import type { jsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/types.js";

/**
 * The SDK checks the answers to form-mode elicitation with a JSON Schema validator, and unless
 * given one builds an Ajv instance with every string format for each server: a few MB per
 * stdio process and per HTTP session. This server only elicits by URL (the person opens
 * Quo's authorization page), so there is never a form answer to check; asking for one is a
 * programming error, said as such.
 */
export const noFormElicitation: jsonSchemaValidator = {
  getValidator() {
    throw new Error("quo-mcp asks for input by URL only: form elicitation is not supported");
  },
};
