import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Whether an optional package is in node_modules at all; its absence is the common case, not an error. */
export function isModuleInstalled(specifier: string): boolean {
  try {
    require.resolve(`${specifier}/package.json`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why CUDA cannot be used here, or null when an NVIDIA driver is visible. Checked before loading tfjs-node-gpu,
 * whose native library otherwise loads, prints CUDA errors and quietly runs on the CPU.
 */
export function cudaUnavailableReason(): string | null {
  if (process.platform !== 'linux' && process.platform !== 'win32') return `no CUDA device (CUDA is not available on ${process.platform})`;
  if (process.platform === 'linux' && !fs.existsSync('/proc/driver/nvidia/version') && !fs.existsSync('/dev/nvidia0')) {
    return 'no CUDA device (no /proc/driver/nvidia/version or /dev/nvidia0)';
  }
  if (process.env.CUDA_VISIBLE_DEVICES === '' || process.env.CUDA_VISIBLE_DEVICES === '-1') return 'no CUDA device (CUDA_VISIBLE_DEVICES hides every GPU)';
  return null;
}
