import { closeSync, fstatSync, openSync, readSync } from "node:fs";

const WASM_PAGE = 65_536;

/** The one WebAssembly constructor used here: TypeScript declares WebAssembly only in its DOM and worker libraries. */
declare const WebAssembly: { Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer } };

/**
 * The bytes of `file`, with `before` and `after` (latin1) around them, in memory that V8 maps
 * itself (a WebAssembly.Memory) rather than memory from the C allocator.
 *
 * The server's bundle and its code cache are 1.2-1.4 MB each, read once at start and then
 * dropped. glibc raises its mmap threshold to the size of any such block when it is freed, and
 * from then on keeps freed blocks below that size in the process: read with readFileSync, they
 * left about 1 MB resident for good (npm run bench, figure 4). A WebAssembly.Memory is returned
 * to the system when collected and moves no threshold.
 */
export function readOutsideMalloc(file: string, before = "", after = ""): Buffer {
  const fd = openSync(file, "r");
  try {
    const size = fstatSync(fd).size;
    const total = before.length + size + after.length;
    const bytes = outsideMalloc(total) ?? Buffer.allocUnsafeSlow(total);
    bytes.write(before, 0, "latin1");
    for (let at = 0; at < size; ) {
      const read = readSync(fd, bytes, before.length + at, size - at, at);
      if (read === 0) throw new Error(`${file} ended after ${at} of ${size} bytes`);
      at += read;
    }
    bytes.write(after, before.length + size, "latin1");
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/**
 * `size` bytes in a WebAssembly.Memory, or undefined where the process may not map one (V8
 * reserves several GB of address space for it, more than a `ulimit -v` may allow); the caller
 * then reads into an ordinary Buffer and the server starts all the same.
 */
function outsideMalloc(size: number): Buffer | undefined {
  try {
    return Buffer.from(new WebAssembly.Memory({ initial: Math.ceil(size / WASM_PAGE) }).buffer, 0, size);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
