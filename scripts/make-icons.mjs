// Draws the toolbar icon (a green notebook with a yellow highlight stroke) as PNGs. Run once by hand
// when the design changes; the PNGs are committed so the build needs no image tools.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

function crc32(buf) {
  let c, crc = 0xffffffff;
  for (const b of buf) {
    c = (crc ^ b) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) {
      const u = x / size, v = y / size;
      let px = [0, 0, 0, 0];
      const inBook = u > 0.12 && u < 0.88 && v > 0.06 && v < 0.94;
      if (inBook) px = [47, 111, 79, 255];
      if (inBook && u > 0.12 && u < 0.22) px = [31, 77, 54, 255];
      if (inBook && u > 0.3 && u < 0.8 && [0.3, 0.48, 0.66].some((l) => Math.abs(v - l) < 0.045)) px = [255, 255, 255, 255];
      if (inBook && u > 0.3 && u < 0.8 && Math.abs(v - 0.48) < 0.075 && Math.abs(v - 0.48) >= 0.045) px = [255, 214, 10, 255];
      row.push(...px);
    }
    rows.push(Buffer.from(row));
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0)),
  ]);
}
mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
