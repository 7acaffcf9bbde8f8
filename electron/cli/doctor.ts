import fs from 'node:fs';
import sharp from 'sharp';
import { libraryPaths } from '../core/config/dataDir.js';
import { checkHeifDecoder } from '../core/imaging/heif.js';
import { checkModels } from '../core/models/checkModels.js';

export interface DoctorCheck {
  name: string;
  ok: boolean;
  required: boolean;
  detail: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
}

function gpuCheck(): DoctorCheck {
  const hasDriver = fs.existsSync('/proc/driver/nvidia/version') || fs.existsSync('/dev/nvidia0');
  if (!hasDriver && process.platform === 'linux') {
    return { name: 'gpu', ok: false, required: false, detail: 'no NVIDIA GPU found (no /proc/driver/nvidia, no /dev/nvidia0); models run on the CPU' };
  }
  if (process.platform !== 'linux' && process.platform !== 'win32') {
    return { name: 'gpu', ok: false, required: false, detail: `CUDA is not available on ${process.platform}; models run on the CPU` };
  }
  return { name: 'gpu', ok: true, required: false, detail: 'an NVIDIA driver is present; the model backend decides whether CUDA can be used' };
}

/** What this machine can do for Phototag, and why not where it cannot. */
export async function runDoctor(dataDir: string): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const formats = sharp.format;
  const readable = ['jpeg', 'png', 'webp', 'gif', 'tiff', 'heif'].filter((f) => (formats as unknown as Record<string, { input?: { buffer?: boolean } }>)[f]?.input?.buffer);
  checks.push({ name: 'decoder sharp', ok: true, required: true, detail: `sharp ${sharp.versions.sharp} with libvips ${sharp.versions.vips}; reads ${readable.join(', ')} (heif = AVIF only in the prebuilt)` });
  const heif = await checkHeifDecoder();
  checks.push({ name: 'decoder heic', ok: heif.ok, required: false, detail: heif.detail });
  const paths = libraryPaths(dataDir);
  let writable = true;
  try {
    fs.mkdirSync(paths.dataDir, { recursive: true });
    fs.accessSync(paths.dataDir, fs.constants.W_OK);
  } catch {
    writable = false;
  }
  checks.push({ name: 'data dir', ok: writable, required: true, detail: writable ? `${paths.dataDir} is writable` : `${paths.dataDir} is not writable; pass --data-dir <dir>` });
  checks.push(gpuCheck());
  checks.push(...(await checkModels()));
  return { checks };
}
