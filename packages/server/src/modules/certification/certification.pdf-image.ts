// Reads the QR code back out of a certificate PDF: finds the colour image pdfkit embedded, rebuilds its
// pixels and decodes them with jsQR. Used by the tests and the e2e journey to prove the QR verifies.
import { inflateSync } from 'node:zlib';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

/** The first image XObject of a PDF (pdfkit's layout), as RGBA pixels for jsQR. */
export function pdfImage(pdf: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  const text = pdf.toString('latin1');
  // the colour image (a PNG with alpha is split into the image and a grey /SMask; skip the mask)
  let at = -1;
  let dict = '';
  let streamAt = -1;
  for (let from = 0; ; from = at + 1) {
    at = text.indexOf('/Subtype /Image', from);
    if (at < 0) throw new Error('no colour image in the PDF');
    streamAt = text.indexOf('stream', at);
    dict = text.slice(text.lastIndexOf('<<', at), streamAt);
    if (dict.includes('/DeviceRGB') || dict.includes('/SMask')) break;
  }
  const num = (key: string) => Number(new RegExp(`/${key} (\\d+)`).exec(dict)?.[1]);
  const width = num('Width');
  const height = num('Height');
  const length = num('Length');
  const start = streamAt + 'stream'.length + (text[streamAt + 6] === '\r' ? 2 : 1);
  const data = pdf.subarray(start, start + length);
  const colors = dict.includes('/DeviceGray') ? 1 : 3;
  if (dict.includes('/Predictor')) {
    // PNG-filtered rows (pdfkit passes a PNG's IDAT through): wrap them in a PNG again and decode.
    const chunk = (type: string, body: Buffer) => {
      const len = Buffer.alloc(4);
      len.writeUInt32BE(body.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type), body])) >>> 0);
      return Buffer.concat([len, Buffer.from(type), body, crc]);
    };
    const ihdr = Buffer.alloc(13);
    ihdr.writeUInt32BE(width, 0);
    ihdr.writeUInt32BE(height, 4);
    ihdr[8] = 8;
    ihdr[9] = colors === 1 ? 0 : 2;
    const png = Buffer.concat([
      Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
      chunk('IHDR', ihdr),
      chunk('IDAT', data),
      chunk('IEND', Buffer.alloc(0)),
    ]);
    const decoded = PNG.sync.read(png);
    return { width, height, rgba: new Uint8ClampedArray(decoded.data) };
  }
  const raw = inflateSync(data);
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const r = raw[i * colors] ?? 0;
    rgba[i * 4] = r;
    rgba[i * 4 + 1] = colors === 1 ? r : (raw[i * colors + 1] ?? 0);
    rgba[i * 4 + 2] = colors === 1 ? r : (raw[i * colors + 2] ?? 0);
    rgba[i * 4 + 3] = 255;
  }
  return { width, height, rgba };
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c;
}

/** The text of the first QR code in a PDF, or undefined when none decodes. */
export function readQrFromPdf(pdf: Buffer): string | undefined {
  const image = pdfImage(pdf);
  return jsQR(image.rgba, image.width, image.height)?.data;
}
