// Reads a QR image on a screen the way a phone camera would: its pixels, decoded by jsQR.
import jsQR from "jsqr";
import type { Page } from "playwright-core";

export async function decodeQr(page: Page, selector: string, size = 400): Promise<string | null> {
  const qr = page.locator(selector);
  await qr.waitFor();
  const { data } = await qr.evaluate(async (img: HTMLImageElement, side: number) => {
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = side;
    canvas.height = side;
    const ctx = canvas.getContext("2d")!;
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = "#fff";
    ctx.fillRect(0, 0, side, side);
    ctx.drawImage(img, 0, 0, side, side);
    return { data: Array.from(ctx.getImageData(0, 0, side, side).data) };
  }, size);
  return jsQR(Uint8ClampedArray.from(data), size, size)?.data ?? null;
}
