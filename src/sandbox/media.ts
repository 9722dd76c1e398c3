// Media the sandbox serves on its own loopback port, so views can show and play what a real
// workspace would give them: a picture for texts with media, and audio for recordings and
// voicemails. Both are made here in code, small and valid, so nothing is fetched or shipped.
import { crc32, deflateSync } from "node:zlib";

export const MEDIA_PATH = "/media/";

/** The URL of a sandbox file: `kind` is recordings, voicemails or pictures. */
export const mediaUrl = (baseUrl: string, kind: "recordings" | "voicemails" | "pictures", id: string) =>
  `${baseUrl}${MEDIA_PATH}${kind}/${id}.${kind === "pictures" ? "png" : "wav"}`;

let wav: Buffer | undefined;
let png: Buffer | undefined;

/** The bytes and type for a GET of `pathname`, or undefined when there is no such file. */
export function mediaFile(pathname: string): { type: string; bytes: Buffer } | undefined {
  if (!/^\/media\/(recordings|voicemails|pictures)\/[\w-]{1,64}\.(wav|png)$/.test(pathname)) return undefined;
  if (pathname.endsWith(".wav")) return { type: "audio/wav", bytes: (wav ??= chime()) };
  return { type: "image/png", bytes: (png ??= picture()) };
}

/** Three seconds of a soft three-note chime: 8 kHz, 16-bit mono PCM in a RIFF/WAVE file. */
function chime(): Buffer {
  const rate = 8000;
  const notes = [523.25, 659.25, 783.99];
  const samples = rate * 3;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i += 1) {
    const t = i / rate;
    const note = notes[Math.min(notes.length - 1, Math.floor(t))]!;
    const within = t % 1;
    const envelope = Math.min(1, within * 40) * Math.exp(-3 * within);
    data.writeInt16LE(Math.round(Math.sin(2 * Math.PI * note * t) * envelope * 9000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + data.length, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

/** A 240x160 picture (a sunset over water) as an RGB PNG. */
function picture(): Buffer {
  const width = 240;
  const height = 160;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y += 1) {
    const row = y * (width * 3 + 1);
    rows[row] = 0;
    for (let x = 0; x < width; x += 1) {
      const sky = y < 100;
      const dx = x - 150;
      const dy = y - 92;
      const sun = dx * dx + dy * dy < 26 * 26 && sky;
      const k = sky ? y / 100 : (y - 100) / 60;
      const shimmer = !sky && Math.abs(x - 150) < 30 - (y - 100) / 3 && (y + x) % 7 < 3;
      const [r, g, b] = sun
        ? [255, 214, 120]
        : sky
          ? [250 - 40 * k, 150 + 40 * k, 120 + 60 * k]
          : shimmer
            ? [255, 200, 130]
            : [40 + 20 * k, 70 + 20 * k, 120 - 20 * k];
      rows[row + 1 + x * 3] = r;
      rows[row + 2 + x * 3] = g;
      rows[row + 3 + x * 3] = b;
    }
  }
  const chunk = (type: string, body: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(body.length);
    const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(typed));
    return Buffer.concat([length, typed, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.writeUInt8(8, 8);
  ihdr.writeUInt8(2, 9);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
