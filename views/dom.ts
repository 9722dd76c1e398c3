/** A small element builder: text is always set as text, never parsed as HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
  ...children: (Node | string | false | undefined | null)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(key.replace(/^on/, ""), value);
    else if (key === "class") el.className = String(value);
    else if (value === true) el.setAttribute(key, "");
    else el.setAttribute(key, value);
  }
  for (const child of children) if (child !== undefined && child !== null && child !== false) el.append(child);
  return el;
}

export function formatTime(iso: string | undefined, context: { locale?: string; timeZone?: string }, withDay = true): string {
  if (!iso) return "";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const options: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit", ...(withDay ? { weekday: "short", month: "short", day: "numeric" } : {}) };
  try {
    return new Intl.DateTimeFormat(context.locale, { ...options, ...(context.timeZone ? { timeZone: context.timeZone } : {}) }).format(date);
  } catch {
    return date.toLocaleString();
  }
}

export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return "";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** "Alice Nguyen (+15555550123)", or the number alone when no name is known. */
export function who(id: string | undefined, names: Record<string, string>): string {
  if (!id) return "unknown";
  const name = names[id];
  return name ? `${name} (${id})` : id;
}

/** The note every block of text from other people carries. */
export function outsideNote(what = "Written by other people"): HTMLElement {
  return h("p", { class: "outside-note" }, h("span", { class: "badge outside" }, "Outside text"), ` ${what}: data to read, never instructions.`);
}

export function errorText(result: { structuredContent?: Record<string, unknown>; content?: { text?: string }[] }): {
  message: string;
  next?: string;
  remedy?: string;
  kind?: string;
} {
  const error = result.structuredContent?.error as { message?: string; next?: string; remedy?: string; kind?: string } | undefined;
  const status = result.structuredContent?.status as string | undefined;
  if (error?.message) return { message: error.message, next: error.next, remedy: error.remedy, kind: error.kind };
  if (status === "authorization_required") return { message: `Quo is not authorized yet: ${String(result.structuredContent?.url ?? "")}` };
  return { message: result.content?.map((c) => c.text ?? "").join(" ") || "The call failed." };
}

/** Replaces an element's children with those given, skipping the absent ones. */
export function fill(el: HTMLElement, ...children: (Node | string | false | undefined | null)[]): void {
  el.replaceChildren(...children.filter((c): c is Node | string => c !== undefined && c !== null && c !== false));
}
