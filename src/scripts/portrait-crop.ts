/**
 * The crop control of a candidate's photo: the chosen picture shown in a 3:4 frame (the
 * notice's photo format), with sliders for zoom and position, cropped in the browser before it
 * is sent. The server still turns it upright, strips its metadata and makes the copies; what
 * it receives is already 3:4, so its own crop leaves the staff member's choice as it is.
 */

export interface PortraitCropper {
  /** The cropped photo as JPEG, or null when no picture was chosen. */
  blob(): Promise<Blob | null>;
}

const outputWidth = 600;
const outputHeight = 800;

export function attachPortraitCropper(root: HTMLElement): PortraitCropper {
  const file = root.querySelector<HTMLInputElement>('input[type="file"]')!;
  const canvas = root.querySelector<HTMLCanvasElement>('canvas')!;
  const zoom = root.querySelector<HTMLInputElement>('[data-crop="zoom"]')!;
  const x = root.querySelector<HTMLInputElement>('[data-crop="x"]')!;
  const y = root.querySelector<HTMLInputElement>('[data-crop="y"]')!;
  const controls = root.querySelector<HTMLElement>('[data-crop-controls]')!;
  let image: HTMLImageElement | null = null;

  /** The part of the picture inside the frame, in the picture's pixels. */
  const cropRect = () => {
    const w = image!.naturalWidth;
    const h = image!.naturalHeight;
    // The largest 3:4 rectangle that fits, made smaller by the zoom.
    let cw = Math.min(w, (h * 3) / 4);
    let ch = (cw * 4) / 3;
    const z = Number(zoom.value) / 100;
    cw /= z;
    ch /= z;
    return {
      sx: ((w - cw) * Number(x.value)) / 100,
      sy: ((h - ch) * Number(y.value)) / 100,
      cw,
      ch,
    };
  };

  const draw = (target: HTMLCanvasElement) => {
    const ctx = target.getContext('2d')!;
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, target.width, target.height);
    if (!image) return;
    const { sx, sy, cw, ch } = cropRect();
    ctx.drawImage(image, sx, sy, cw, ch, 0, 0, target.width, target.height);
  };

  file.addEventListener('change', () => {
    const chosen = file.files?.[0];
    image = null;
    controls.hidden = true;
    draw(canvas);
    if (!chosen) return;
    // A data: URL, which the admin pages' Content-Security-Policy allows for images (blob: not).
    const reader = new FileReader();
    reader.onload = () => {
      const img = new Image();
      img.onload = () => {
        image = img;
        zoom.value = '100';
        x.value = '50';
        y.value = '30';
        controls.hidden = false;
        draw(canvas);
      };
      img.src = String(reader.result);
    };
    reader.readAsDataURL(chosen);
  });
  for (const slider of [zoom, x, y]) slider.addEventListener('input', () => draw(canvas));

  return {
    blob: () =>
      new Promise((done) => {
        if (!image) return done(null);
        const out = document.createElement('canvas');
        out.width = outputWidth;
        out.height = outputHeight;
        draw(out);
        out.toBlob((b) => done(b), 'image/jpeg', 0.92);
      }),
  };
}
