/**
 * Writes the app's icons from build/icon.svg: build/icon.png (1024 x 1024: Linux, and the
 * installers' source) and build/icon.ico (16 to 256: Windows, the NSIS installer and .dsw files).
 * Each size is drawn from the SVG by headless Chromium, so small sizes stay sharp. The files are
 * committed; run this after changing the SVG:
 *
 *   npx tsx scripts/write-app-icons.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import pngToIco from 'png-to-ico';

const root = resolve(import.meta.dirname, '..');

/** The sizes in the .ico: Windows picks one per place (title bar 16-24, taskbar 32-48, tiles 256). */
const icoSizes = [16, 24, 32, 48, 64, 128, 256] as const;

/** Draws the SVG at each size (transparent around it) and writes icon.png and icon.ico. */
export async function writeAppIcons(buildDir = join(root, 'build')): Promise<void> {
  const svg = await readFile(join(buildDir, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const draw = async (size: number): Promise<Buffer> => {
      const page = await browser.newPage({ viewport: { width: size, height: size } });
      const sized = svg.replace(/width="1024" height="1024"/, `width="${size}" height="${size}"`);
      await page.setContent(
        `<!doctype html><html><body style="margin:0;background:transparent">${sized}</body></html>`,
      );
      const png = await page.screenshot({ omitBackground: true });
      await page.close();
      return png;
    };
    await writeFile(join(buildDir, 'icon.png'), await draw(1024));
    const pngs: Buffer[] = [];
    for (const size of icoSizes) pngs.push(await draw(size));
    await writeFile(join(buildDir, 'icon.ico'), await pngToIco(pngs));
  } finally {
    await browser.close();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  await writeAppIcons();
  process.stdout.write('wrote build/icon.png and build/icon.ico\n');
}
