/**
 * Renders public/icon.svg into the PNG app icons and public/favicon.ico, offline, with the Chromium the
 * browser tests use (CHROMIUM_PATH, default /usr/bin/chromium). Run after editing the SVG:
 * `npx tsx scripts/render-icons.ts`. The outputs are committed; nothing runs this at build time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright';

const publicDir = path.resolve(__dirname, '../public');
const svg = readFileSync(path.join(publicDir, 'icon.svg'), 'utf8');
const PNGS: [string, number][] = [
  ['apple-touch-icon.png', 180],
  ['icon-192.png', 192],
  ['icon-512.png', 512],
];

/** An .ico holding one PNG image (allowed since Windows Vista and read by every current browser). */
function icoOf(png: Buffer, size: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt8(0, 8); // no palette
  header.writeUInt8(0, 9);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // the image follows the header
  return Buffer.concat([header, png]);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const render = async (size: number): Promise<Buffer> => {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
      const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      await page.close();
      return png;
    };
    for (const [name, size] of PNGS) writeFileSync(path.join(publicDir, name), await render(size));
    writeFileSync(path.join(publicDir, 'favicon.ico'), icoOf(await render(32), 32));
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
