/**
 * stdin read as newline-delimited JSON-RPC, the stdio framing of MCP. The fast start path reads
 * it first; the full server's transport then takes the same reader over, lines it has not seen
 * included.
 */
export class StdinLines {
  /** Lines read but not yet handled by the full server, in order. */
  readonly queue: string[] = [];
  /** Ids of requests already answered by the fast start path: the full server's answers to them are dropped. */
  readonly answered = new Set<string | number>();
  ended = false;
  onLine?: (line: string) => void;
  onEnd?: () => void;
  private buffer = "";
  private paused = false;

  start(): void {
    process.stdin.setEncoding("utf8");
    process.stdin.on("data", (chunk: string) => {
      this.buffer += chunk;
      let newline = this.buffer.indexOf("\n");
      while (newline !== -1) {
        const line = this.buffer.slice(0, newline).replace(/\r$/, "");
        this.buffer = this.buffer.slice(newline + 1);
        if (line.trim()) this.deliver(line);
        newline = this.buffer.indexOf("\n");
      }
    });
    process.stdin.on("end", () => {
      this.ended = true;
      this.onEnd?.();
    });
  }

  /** Lines arriving from now on are queued until resume(). */
  pause(): void {
    this.paused = true;
  }

  /** Hands the queued lines, then every new one, to `onLine`. */
  resume(onLine: (line: string) => void): void {
    this.paused = false;
    this.onLine = onLine;
    for (let line = this.queue.shift(); line !== undefined; line = this.queue.shift()) onLine(line);
  }

  private deliver(line: string): void {
    if (this.paused) this.queue.push(line);
    else this.onLine?.(line);
  }
}
