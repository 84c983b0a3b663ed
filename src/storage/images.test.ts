import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { imageSize, imageVariant, imageWorkerPid, setImageWorkerIdleMs } from './images.js';

const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 30, g: 160, b: 90 } } })
    .png()
    .toBuffer();

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const until = async (check: () => boolean, ms: number) => {
  for (const end = Date.now() + ms; Date.now() < end && !check(); ) await new Promise((r) => setTimeout(r, 50));
  return check();
};

afterAll(() => setImageWorkerIdleMs(10_000));

describe('the picture worker', () => {
  it('decodes and re-encodes in a process of its own', async () => {
    const bytes = await png(900, 600);
    expect(await imageSize(bytes)).toEqual({ width: 900, height: 600 });
    const pid = imageWorkerPid();
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);

    const variant = await imageVariant(bytes, { width: 300, square: false, maxPixels: 1_000_000 });
    expect(variant).toMatchObject({ width: 300, height: 200 });
    const meta = await sharp(variant!.data).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 300, 200]);

    const square = await imageVariant(bytes, { width: 120, square: true, maxPixels: 1_000_000 });
    expect([square?.width, square?.height]).toEqual([120, 120]);
  });

  it('answers undefined for pixels that do not decode or are too many, and goes on', async () => {
    const bytes = await png(400, 400);
    expect(await imageSize(Buffer.from('not a picture at all'))).toBeUndefined();
    const cut = bytes.subarray(0, Math.floor(bytes.length / 2));
    expect(await imageVariant(cut, { width: 100, square: false, maxPixels: 1_000_000 })).toBeUndefined();
    expect(await imageVariant(bytes, { width: 100, square: false, maxPixels: 1000 })).toBeUndefined();
    expect(await imageSize(bytes)).toEqual({ width: 400, height: 400 });
  });

  it('a worker that dies fails its job, and the next picture starts another', async () => {
    const bytes = await png(50, 50);
    await imageSize(bytes);
    const first = imageWorkerPid()!;
    const asked = imageVariant(bytes, { width: 20, square: false, maxPixels: 1_000_000 });
    process.kill(first, 'SIGKILL');
    await asked; // settled either way: answered before the kill, or failed by it
    expect(await until(() => !alive(first), 5000)).toBe(true);
    expect(await imageSize(bytes)).toEqual({ width: 50, height: 50 });
    expect(imageWorkerPid()).not.toBe(first);
  });

  it('goes away when no picture has come for a while', async () => {
    setImageWorkerIdleMs(300);
    await imageSize(await png(10, 10));
    const pid = imageWorkerPid()!;
    expect(alive(pid)).toBe(true);
    expect(await until(() => !alive(pid), 10_000)).toBe(true);
    expect(imageWorkerPid()).toBeUndefined();
  });
});
