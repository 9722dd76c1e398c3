import type { QuoContact } from "../../quo/contacts.js";
import type { ToolContext } from "../define.js";
import type { FetchPage } from "../paging.js";

/**
 * The contact list as pages, through the per-key cache when there is one. The cache key is
 * the whole request, so a page is only reused for exactly the same question.
 */
export function contactPages(ctx: ToolContext, filters: { externalIds?: string[]; sources?: string[] }): FetchPage<QuoContact> {
  return (request) => {
    const load = () => ctx.quo.contacts.list({ ...request, ...filters }, ctx.signal);
    if (!ctx.contactCache) return load();
    const key = JSON.stringify([request.maxResults, request.pageToken ?? "", filters.externalIds ?? [], filters.sources ?? []]);
    return ctx.contactCache.page(key, load);
  };
}
