import type { StaffErrorMessages } from './staff-error-messages-type.ts';

const detectedZh: Record<string, string> = {
  svg: 'SVG 矢量图可能携带脚本，不能上传',
  pdf: '这是 PDF 文件，不是图片',
  heic: '这是 HEIC 格式（苹果手机默认格式），暂不支持',
};
const detectedEn: Record<string, string> = {
  svg: 'SVG drawings can carry script and are not accepted',
  pdf: 'This is a PDF document, not an image',
  heic: 'This is HEIC (the iPhone camera format), which is not supported yet',
};

export const messages: StaffErrorMessages = {
  zh: {
    image_missing: '没有收到图片：请选择一张照片后再上传（表单字段名为 file）。',
    image_unsupported_type: (p) =>
      `${detectedZh[String(p.detected)] ?? '这个文件不是可识别的图片'}。请上传 JPEG、PNG、WebP、AVIF 或 GIF 格式的照片（在手机或电脑上“导出为 JPEG”即可）。`,
    image_unreadable: '图片文件已损坏或不完整，无法读取。请重新导出或重新拍摄后再上传。',
    image_too_large: (p) =>
      `图片文件超过 ${String(p.maxMegabytes ?? 10)} MB。请压缩或缩小尺寸后再上传。`,
    image_too_many_pixels: (p) =>
      `图片像素过多（上限约 ${String(p.maxMegapixels ?? 40)} 百万像素）。请把长边缩小到 6000 像素以内后再上传。`,
    image_too_small: (p) =>
      `图片太小（${String(p.width)}×${String(p.height)} 像素），最短边至少需要 ${String(p.minSide)} 像素，否则在手机上会模糊。请换一张更清晰的照片。`,
  },
  en: {
    image_missing:
      'No image was received: choose a photo and upload it again (the form field is named “file”).',
    image_unsupported_type: (p) =>
      `${detectedEn[String(p.detected)] ?? 'This file is not an image we recognise'}. Upload a JPEG, PNG, WebP, AVIF or GIF photo (“Export as JPEG” on a phone or computer will do).`,
    image_unreadable:
      'The image file is damaged or incomplete and cannot be read. Export or take it again, then upload it.',
    image_too_large: (p) =>
      `The image file is larger than ${String(p.maxMegabytes ?? 10)} MB. Compress or shrink it, then upload it again.`,
    image_too_many_pixels: (p) =>
      `The image has too many pixels (at most about ${String(p.maxMegapixels ?? 40)} megapixels). Shrink its longer side to under 6000 pixels, then upload it again.`,
    image_too_small: (p) =>
      `The image is too small (${String(p.width)}×${String(p.height)} pixels): its shorter side needs at least ${String(p.minSide)} pixels, or it looks blurred on phones. Choose a sharper photo.`,
  },
};
