/**
 * Image tokens (reference/formats.md §4.4): dimensions come from the data URL's own header (PNG IHDR,
 * JPEG SOFn, WebP VP8/VP8L/VP8X); remote URLs are never fetched and count as unknown.
 */
import type { VisionMethod } from "./models.js";

export interface ImageSize {
  width: number;
  height: number;
}

const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,/i;

/** Decodes enough of a base64 data URL to read the image header; undefined when it is not one. */
export function dataUrlBytes(url: string, maxChars = 96 * 1024): Buffer | undefined {
  const m = DATA_URL.exec(url);
  if (!m) return undefined;
  const start = m[0].length;
  let end = Math.min(url.length, start + maxChars);
  end -= (end - start) % 4;
  return Buffer.from(url.slice(start, end), "base64");
}

/** Width and height from a PNG, JPEG or WebP header, or undefined when unreadable. */
export function imageSize(b: Buffer): ImageSize | undefined {
  if (b.length >= 24 && b.readUInt32BE(0) === 0x89504e47 && b.toString("latin1", 12, 16) === "IHDR") {
    return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) {
        i++;
        continue;
      }
      const marker = b[i + 1]!;
      if (marker === 0xff) {
        i++;
        continue;
      }
      // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        i += 2;
        continue;
      }
      i += 2 + b.readUInt16BE(i + 2);
    }
    return undefined;
  }
  if (b.length >= 30 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") {
    const chunk = b.toString("latin1", 12, 16);
    if (chunk === "VP8X") return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
    if (chunk === "VP8 ") return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
    if (chunk === "VP8L") {
      const bits = b.readUInt32LE(21);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
  }
  return undefined;
}

/** Size of the image in a data URL (decoding more of it when a JPEG's frame header comes late). */
export function dataUrlImageSize(url: string): ImageSize | undefined {
  const head = dataUrlBytes(url);
  if (!head) return undefined;
  const size = imageSize(head);
  if (size || head.length * 4 >= url.length * 3 - 16) return size;
  const whole = dataUrlBytes(url, url.length);
  return whole ? imageSize(whole) : undefined;
}

/**
 * Tokens of one image. Tile models: `detail: "low"` costs the base; otherwise fit in 2048×2048,
 * scale the shortest side down to 768, count 512-px tiles: base + tile × tiles (1024² → 765 on
 * gpt-4o). Patch models: 32-px patches, at most 1536 (downscaled to fit), × the model's multiplier.
 */
export function imageTokens(method: VisionMethod, size: ImageSize | undefined, detail: string | undefined): number | undefined {
  if (method.kind === "tile") {
    if (detail === "low") return method.base;
    if (!size) return undefined;
    let { width: w, height: h } = size;
    if (Math.max(w, h) > 2048) {
      const s = 2048 / Math.max(w, h);
      w *= s;
      h *= s;
    }
    if (Math.min(w, h) > 768) {
      const s = 768 / Math.min(w, h);
      w *= s;
      h *= s;
    }
    const tiles = Math.ceil(w / 512) * Math.ceil(h / 512);
    return method.base + method.tile * tiles;
  }
  if (!size) return undefined;
  const { width: w, height: h } = size;
  let patches = Math.ceil(w / 32) * Math.ceil(h / 32);
  if (patches > 1536) {
    const shrink = Math.sqrt((32 * 32 * 1536) / (w * h));
    const adjusted = shrink * Math.min(Math.floor((w * shrink) / 32) / ((w * shrink) / 32), Math.floor((h * shrink) / 32) / ((h * shrink) / 32));
    // The epsilon keeps 33.0000000001 (floating-point noise) from becoming 34 patches.
    patches = Math.min(1536, Math.ceil((w * adjusted) / 32 - 1e-9) * Math.ceil((h * adjusted) / 32 - 1e-9));
  }
  return Math.ceil(patches * method.multiplier);
}
