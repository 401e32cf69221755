#!/usr/bin/env node
// Renders every app icon from assets/icon.svg:
//
//   assets/icons/NxN.png   Linux, N = 16 24 32 48 64 128 256 512 1024 (electron-builder's linux.icon
//                          folder; the size is read from the file name)
//   assets/icon.ico        Windows: 16 24 32 48 64 128 256
//   assets/icon.icns       macOS: 16 32 64 128 256 512 1024 (the @2x sizes included)
//
// Run `node scripts/make-icons.mjs` after changing the SVG, and commit what it writes. sharp renders
// the SVG (librsvg, inside its prebuilt libvips) once per size, so small sizes are rasterised at
// their own size rather than shrunk from a large bitmap; icon-gen packs those PNGs into .ico and
// .icns unchanged. Both install from npm with their binaries; nothing is downloaded when this runs.
//
// Two things differ by size and target:
// - Below 64 px the SVG's "fine" details are hidden and its "bold" key shown (see assets/icon.svg).
// - macOS icons follow Apple's grid: the artwork is 824 of 1024 px, centred, so the icon sits in
//   the Dock at the same size as its neighbours. Linux and Windows draw it edge to edge.
import { mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import icongen from 'icon-gen';
import sharp from 'sharp';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const assets = join(root, 'assets');
const source = readFileSync(join(assets, 'icon.svg'), 'utf8');

export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
export const ICNS_SIZES = [16, 32, 64, 128, 256, 512, 1024];
const BOLD_BELOW = 64;
const MAC_ARTWORK = 824 / 1024;

/** The SVG drawn `size` px square, with one of its two keys hidden. */
function svgFor(size) {
  const hidden = size < BOLD_BELOW ? 'fine' : 'bold';
  const sized = source.replace('width="1024" height="1024"', `width="${size}" height="${size}"`);
  if (!source.includes('width="1024" height="1024"') || !source.includes(`class="${hidden}"`)) {
    throw new Error('assets/icon.svg must be width="1024" height="1024" and have "fine" and "bold" elements');
  }
  return Buffer.from(sized.replace('</defs>', `</defs>\n  <style>.${hidden} { display: none }</style>`));
}

/** The artwork drawn at `size` px square, edge to edge, as PNG. */
export function renderIcon(size) {
  return sharp(svgFor(size)).png({ compressionLevel: 9 }).toBuffer();
}

/** The artwork on Apple's grid: drawn at 824/1024 of `size`, centred on a transparent square. */
async function renderForMac(size) {
  const inner = Math.round(size * MAC_ARTWORK);
  const offset = Math.floor((size - inner) / 2);
  // The size of the artwork decides its level of detail, not the size of the canvas.
  const artwork = await renderIcon(inner);
  return sharp({ create: { width: size, height: size, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: artwork, left: offset, top: offset }])
    .png({ compressionLevel: 9 })
    .toBuffer();
}

async function main() {
  const linuxFolder = join(assets, 'icons');
  rmSync(linuxFolder, { recursive: true, force: true });
  mkdirSync(linuxFolder, { recursive: true });
  for (const size of LINUX_SIZES) writeFileSync(join(linuxFolder, `${size}x${size}.png`), await renderIcon(size));

  // icon-gen takes a folder of N.png files and packs the sizes it is told to.
  const work = mkdtempSync(join(tmpdir(), 'keystash-icons-'));
  try {
    const edgeToEdge = join(work, 'edge-to-edge');
    const appleGrid = join(work, 'apple-grid');
    mkdirSync(edgeToEdge);
    mkdirSync(appleGrid);
    for (const size of ICO_SIZES) writeFileSync(join(edgeToEdge, `${size}.png`), await renderIcon(size));
    for (const size of ICNS_SIZES) writeFileSync(join(appleGrid, `${size}.png`), await renderForMac(size));

    await icongen(edgeToEdge, work, { report: false, ico: { name: 'icon', sizes: ICO_SIZES } });
    await icongen(appleGrid, work, { report: false, icns: { name: 'icon', sizes: ICNS_SIZES } });
    renameSync(join(work, 'icon.ico'), join(assets, 'icon.ico'));
    renameSync(join(work, 'icon.icns'), join(assets, 'icon.icns'));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`make-icons: wrote assets/icons/ (${LINUX_SIZES.join(', ')} px), assets/icon.ico and assets/icon.icns`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
