#!/usr/bin/env node
// Writes the add-in's icons (icon-16/32/64/80/128.png) as small real PNGs with node:zlib: a rounded
// green tile with a white "R"-like bar chart, so the ribbon button is recognisable at 16 px.
// Deterministic: running it again gives the same bytes. `node assets/make-icons.js`
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const SIZES = [16, 32, 64, 80, 128];
const GREEN = [16, 124, 65, 255]; // Excel's green
const WHITE = [255, 255, 255, 255];
const CLEAR = [0, 0, 0, 0];

function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** The pixel at (x, y) of a size×size icon: a rounded tile with three rising white bars. */
function pixel(x, y, size) {
  const radius = size / 6;
  const cx = Math.min(Math.max(x + 0.5, radius), size - radius);
  const cy = Math.min(Math.max(y + 0.5, radius), size - radius);
  if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 > radius ** 2) return CLEAR;
  const unit = size / 8;
  const bars = [
    [1.5, 2.5, 5],
    [3.5, 4.5, 3.5],
    [5.5, 6.5, 2],
  ];
  for (const [from, to, top] of bars) {
    if (x >= Math.floor(from * unit) && x < Math.ceil(to * unit) && y >= Math.floor(top * unit) && y < Math.ceil(6.5 * unit)) {
      return WHITE;
    }
  }
  return GREEN;
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    const row = y * (size * 4 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < size; x += 1) raw.set(pixel(x, y, size), row + 1 + x * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

for (const size of SIZES) {
  fs.writeFileSync(path.join(__dirname, `icon-${size}.png`), png(size));
}
