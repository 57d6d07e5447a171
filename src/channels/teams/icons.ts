import { PNG } from 'pngjs';

/**
 * The app's two icons, drawn rather than stored: a shield with a tick (the
 * firm checks governance) in the accent colour. Teams wants a 192×192 colour
 * icon and a 32×32 outline icon that is white on a transparent background.
 * Edges are anti-aliased by sampling each pixel 4×4 times.
 */

type Rgb = [number, number, number];

/** Half-width of the shield at height v (0 top, 1 tip), in units of the shield's height. */
function shieldHalfWidth(v: number): number {
  if (v < 0 || v > 1) return -1;
  const shoulder = 0.45;
  if (v <= shoulder) return 0.4;
  const t = (v - shoulder) / (1 - shoulder);
  return 0.4 * Math.sqrt(Math.max(0, 1 - t * t));
}

/** Inside a shield centred at (cx, top) of the given height, inset by `inset` (same units as height). */
function inShield(x: number, y: number, cx: number, top: number, height: number, inset = 0): boolean {
  const h = height - 2 * inset;
  const v = (y - top - inset * 0.8) / h;
  return Math.abs(x - cx) <= shieldHalfWidth(v) * h - inset * 0.2;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The tick, in unit coordinates of the icon. */
function inTick(x: number, y: number, thickness: number): boolean {
  return distanceToSegment(x, y, 0.36, 0.5, 0.46, 0.6) <= thickness || distanceToSegment(x, y, 0.46, 0.6, 0.65, 0.38) <= thickness;
}

function draw(size: number, paint: (x: number, y: number) => [Rgb, number] | null): Buffer {
  const png = new PNG({ width: size, height: size });
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const hit = paint((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          if (!hit) continue;
          const [[cr, cg, cb], ca] = hit;
          r += cr * ca;
          g += cg * ca;
          b += cb * ca;
          a += ca;
        }
      }
      const i = (py * size + px) * 4;
      const n = samples * samples;
      png.data[i] = a > 0 ? Math.round(r / a) : 0;
      png.data[i + 1] = a > 0 ? Math.round(g / a) : 0;
      png.data[i + 2] = a > 0 ? Math.round(b / a) : 0;
      png.data[i + 3] = Math.round((a / n) * 255);
    }
  }
  return PNG.sync.write(png);
}

function hex(colour: string): Rgb {
  const n = parseInt(colour.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

const WHITE: Rgb = [255, 255, 255];

/** 192×192: accent background, white shield, accent tick. */
export function colorIcon(accent: string): Buffer {
  const bg = hex(accent);
  return draw(192, (x, y) => {
    if (inShield(x, y, 0.5, 0.16, 0.7)) return inTick(x, y, 0.045) ? [bg, 1] : [WHITE, 1];
    return [bg, 1];
  });
}

/** 32×32: white shield outline and tick on transparent. */
export function outlineIcon(): Buffer {
  return draw(32, (x, y) => {
    const ring = inShield(x, y, 0.5, 0.06, 0.88) && !inShield(x, y, 0.5, 0.06, 0.88, 0.08);
    return ring || inTick(x, y, 0.05) ? [WHITE, 1] : null;
  });
}
