/** Kept equal to package.json's version by a test; a constant avoids reading JSON at start-up. */
export const VERSION = "0.1.0";
export const USER_AGENT = `quo-mcp/${VERSION} (+https://www.npmjs.com/package/quo-mcp)`;
