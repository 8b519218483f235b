// Draws the lab's installer icon: packaging/icon.svg (the source, the app's logo mark — the network in
// the window's navigation rail — at icon size) rendered by sharp to packaging/icon.png, 512×512, which
// electron-builder turns into each platform's icon (it reads `directories.buildResources`).
//
//   node scripts/make-icon.mjs      run again after changing the drawing; both files are committed

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = 512;
const ACCENT = '#3d5afe'; // --accent of the light theme (renderer/app/theme.css)

// The rail's mark is drawn on a 32-unit grid; here it sits on a 512 canvas with the margin desktop icon
// guidelines leave around the tile (about a tenth of the side), scaled by 13.
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${SIZE}" height="${SIZE}" viewBox="0 0 ${SIZE} ${SIZE}">
  <rect x="48" y="48" width="416" height="416" rx="96" fill="${ACCENT}"/>
  <g transform="translate(48 48) scale(13)">
    <g stroke="#ffffff" stroke-width="1.6" stroke-linecap="round" opacity="0.85" fill="none">
      <path d="M9 10.5 16 16M9 10.5 16 9M9 21.5 16 16M9 21.5 16 23M16 9l7 7M16 16h7M16 23l7-7"/>
    </g>
    <g fill="#ffffff">
      <circle cx="9" cy="10.5" r="2.4"/>
      <circle cx="9" cy="21.5" r="2.4"/>
      <circle cx="16" cy="9" r="2.2"/>
      <circle cx="16" cy="16" r="2.2"/>
      <circle cx="16" cy="23" r="2.2"/>
      <circle cx="23" cy="16" r="2.6"/>
    </g>
  </g>
</svg>
`;

writeFileSync(join(root, 'packaging', 'icon.svg'), svg);
await sharp(Buffer.from(svg))
  .resize(SIZE, SIZE)
  .png()
  .toFile(join(root, 'packaging', 'icon.png'));
process.stdout.write(`packaging/icon.png: ${SIZE}×${SIZE}\n`);
