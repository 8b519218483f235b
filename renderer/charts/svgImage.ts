// A chart as a PNG: the chart's SVG is cloned with the computed styles written into it (theme
// variables and stylesheet rules do not travel with a lone SVG), drawn on a canvas under a header with
// the chart's title and legend (the legend is HTML beside the SVG), and encoded by the canvas.
// The styles go in as presentation attributes, not a style attribute: the lab's Content-Security-Policy
// (style-src 'self') refuses style attributes set from script.

const STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-opacity',
  'stroke-dasharray',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
  'display',
] as const;

/** The SVG as standalone markup, its look frozen from the live document's computed styles. */
export function standaloneSvg(svg: SVGSVGElement): { markup: string; width: number; height: number } {
  const box = svg.getBoundingClientRect();
  const width = Math.round(box.width);
  const height = Math.round(box.height);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [clone, ...Array.from(clone.querySelectorAll('*'))];
  originals.forEach((element, i) => {
    const copy = copies[i] as SVGElement | undefined;
    if (!copy) return;
    const computed = getComputedStyle(element);
    copy.removeAttribute('style');
    for (const property of STYLE_PROPERTIES) {
      const value = computed.getPropertyValue(property);
      if (value) copy.setAttribute(property, value);
    }
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return { markup: new XMLSerializer().serializeToString(clone), width, height };
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
    image.src = src;
  });
}

/** A colour as the canvas understands it: theme variables ("var(--series-1)") resolved on `where`. */
export function resolveColor(color: string, where: Element): string {
  const match = /^var\((--[\w-]+)\)$/.exec(color.trim());
  return match ? getComputedStyle(where).getPropertyValue(match[1]!).trim() || '#888888' : color;
}

export interface PngHeader {
  title: string;
  legend?: { name: string; color: string }[];
}

/** Renders the chart's SVG, with a title and legend above it, to a PNG blob at `scale`× resolution. */
export async function chartToPng(svg: SVGSVGElement, header: PngHeader, scale = 2): Promise<Blob> {
  const { markup, width, height } = standaloneSvg(svg);
  const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(markup)}`);
  const styles = getComputedStyle(svg);
  const background = styles.getPropertyValue('--surface').trim() || '#ffffff';
  const text = styles.getPropertyValue('--text').trim() || '#1a1d23';
  const font = styles.getPropertyValue('font-family') || 'sans-serif';
  const pad = 16;
  const legend = header.legend ?? [];
  const canvas = document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This computer cannot draw the chart as an image.');
  // Lay the legend out first, wrapping onto as many lines as the chart's width needs.
  ctx.font = `13px ${font}`;
  const placed: { name: string; color: string; x: number; line: number }[] = [];
  let x = pad;
  let line = 0;
  for (const item of legend) {
    const itemWidth = 20 + ctx.measureText(item.name).width + 18;
    if (x > pad && x + itemWidth > pad + width) {
      x = pad;
      line++;
    }
    placed.push({ name: item.name, color: resolveColor(item.color, svg), x, line });
    x += itemWidth;
  }
  const headerHeight = 40 + (legend.length ? 24 * (line + 1) : 0);
  canvas.width = Math.round((width + pad * 2) * scale);
  canvas.height = Math.round((height + headerHeight + pad) * scale);
  ctx.scale(scale, scale);
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, width + pad * 2, height + headerHeight + pad);
  ctx.fillStyle = text;
  ctx.font = `600 16px ${font}`;
  ctx.textBaseline = 'middle';
  ctx.fillText(header.title, pad, 24);
  ctx.font = `13px ${font}`;
  for (const item of placed) {
    const y = 50 + item.line * 24;
    ctx.fillStyle = item.color;
    ctx.fillRect(item.x, y, 14, 4);
    ctx.fillStyle = text;
    ctx.fillText(item.name, item.x + 20, y + 2);
  }
  ctx.drawImage(image, pad, headerHeight, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart image could not be encoded.'))), 'image/png'),
  );
}
