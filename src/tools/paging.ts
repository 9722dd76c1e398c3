import type { Page } from "../quo/types.js";

/** The continuation a model needs, in one line, when more results remain. */
function pageHint(nextPageToken: string | null | undefined): { nextPageToken?: string; hint?: string } {
  if (!nextPageToken) return {};
  return { nextPageToken, hint: "More results: call again with this pageToken and the same other arguments." };
}

/** The most a list tool returns in one call; larger asks are filled from several API pages. */
export const MAX_RESULTS = 500;

/**
 * Results whose JSON grows past this are cut (about 15k tokens): clients drop answers near
 * 25k tokens, and the model needs room for everything else in the conversation.
 */
const OUTPUT_LIMIT_CHARS = 60_000;

export interface PageRequest {
  maxResults: number;
  pageToken?: string;
}

export type FetchPage<T> = (request: PageRequest) => Promise<Page<T>>;

interface PageMark {
  /** The token that fetched this page (undefined: the start of the list). */
  token?: string;
  /** Position of the page's first item in the stream this walk has read. */
  start: number;
  count: number;
}

/**
 * Reads an endpoint page after page and remembers where each page began, so it can later
 * produce a token that resumes right after any item it has read. Quo's page tokens point at
 * page boundaries: re-asking a page's own token for exactly the items up to a cut makes the
 * API's nextPageToken resume at the cut.
 */
export class PageWalker<T> {
  private readonly marks: PageMark[] = [];
  private token: string | undefined;
  private finished = false;
  /** Items read so far, over every page. */
  read = 0;

  constructor(
    private readonly fetchPage: FetchPage<T>,
    startToken?: string,
  ) {
    this.token = startToken;
  }

  /** True once the API said there is nothing after the last page read. */
  get done(): boolean {
    return this.finished;
  }

  get pages(): number {
    return this.marks.length;
  }

  /** The token after the last page read, or undefined at the end of the list. */
  get nextPageToken(): string | undefined {
    return this.finished ? undefined : this.token;
  }

  /** Set when the API returned an empty page that still offers a token: callers stop instead of spinning. */
  stalled = false;

  /** Fetches the next page of at most `size` items; undefined once the list has ended. */
  async next(size: number): Promise<T[] | undefined> {
    if (this.finished || this.stalled) return undefined;
    const page = await this.fetchPage({ maxResults: size, pageToken: this.token });
    this.marks.push({ token: this.token, start: this.read, count: page.data.length });
    this.read += page.data.length;
    this.token = page.nextPageToken ?? undefined;
    this.finished = !page.nextPageToken;
    this.stalled = !this.finished && page.data.length === 0;
    return page.data;
  }

  /**
   * A token that resumes the list at `position` (0 = the first item this walk read). At a page
   * boundary it is a token already known; inside a page, the page is fetched again asking for
   * exactly the items before the cut, and that answer's nextPageToken points at the cut.
   * Callers always keep at least one item, so `position` is never the start of the walk.
   */
  async tokenAt(position: number): Promise<string | undefined> {
    if (position >= this.read) return this.nextPageToken;
    const mark = this.marks.find((m) => position >= m.start && position < m.start + m.count);
    if (!mark) return this.nextPageToken;
    const before = position - mark.start;
    if (before === 0) return mark.token;
    const again = await this.fetchPage({ maxResults: before, pageToken: mark.token });
    return again.nextPageToken ?? undefined;
  }
}

export interface Collected<T> {
  items: T[];
  walker: PageWalker<T>;
}

/**
 * Fills up to `maxResults` items by reading pages of the endpoint's largest size, asking the
 * last page for exactly the remainder so the API's own nextPageToken continues where we stop.
 * `totalItems` is never consulted: Quo documents it as unreliable.
 */
export async function collect<T>(fetchPage: FetchPage<T>, options: { maxResults: number; pageSize: number; pageToken?: string }): Promise<Collected<T>> {
  const walker = new PageWalker(fetchPage, options.pageToken);
  const items: T[] = [];
  while (items.length < options.maxResults) {
    const data = await walker.next(Math.min(options.pageSize, options.maxResults - items.length));
    if (!data) break;
    items.push(...data);
  }
  // Items beyond maxResults (an API that over-delivers) stay here: finishList cuts them and resumes exactly at the cut.
  return { items, walker };
}

export interface Paging {
  nextPageToken?: string;
  hint?: string;
  truncated?: string;
}

/**
 * Renders a list and keeps its JSON under the output limit: when it would not fit, the list
 * is cut to the most items that do, and the token returned resumes right after the last item
 * shown. `positions[i]` is where item i sat in the walked stream (defaults to i, a plain
 * list); `maxItems` cuts earlier without calling it truncation (search results).
 */
export async function finishList<T, R extends object>(options: {
  items: T[];
  walker: PageWalker<unknown>;
  render: (items: T[]) => R;
  noun: string;
  positions?: number[];
  maxItems?: number;
  limit?: number;
}): Promise<R & Paging> {
  const { items, walker, render } = options;
  const limit = options.limit ?? OUTPUT_LIMIT_CHARS;
  const wanted = Math.min(items.length, options.maxItems ?? items.length);
  let keep = wanted;
  let cutForSize = false;
  const fits = (n: number) => JSON.stringify(render(items.slice(0, n))).length <= limit;
  if (keep > 1 && !fits(keep)) {
    cutForSize = true;
    // The largest count that fits; at least one item, so a call always makes progress.
    let low = 1;
    let high = keep - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if (fits(mid)) low = mid;
      else high = mid - 1;
    }
    keep = low;
  }
  const body = render(items.slice(0, keep));
  const token = keep < items.length ? await walker.tokenAt(options.positions?.[keep] ?? keep) : walker.nextPageToken;
  const paging: Paging = pageHint(token);
  if (cutForSize) {
    paging.truncated = `Cut to ${keep} of ${wanted} ${options.noun} to keep this answer under ~15k tokens.${token ? " Call again with nextPageToken (same other arguments) for the rest." : ""}`;
  }
  return { ...body, ...paging };
}
