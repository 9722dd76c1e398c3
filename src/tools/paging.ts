/** The continuation a model needs, in one line, when more results remain. */
export function pageHint(nextPageToken: string | null | undefined): { nextPageToken?: string; hint?: string } {
  if (!nextPageToken) return {};
  return { nextPageToken, hint: "More results: call again with this pageToken and the same other arguments." };
}
