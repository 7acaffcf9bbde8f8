import fs from 'node:fs';
import { createRequire } from 'node:module';
import { PhotoDecodeError } from './errors.js';
import { assertWithinPixelLimit } from './pixelLimit.js';

/**
 * HEIC decoding through libheif-js's WebAssembly build. sharp's prebuilt libvips carries libheif without an
 * HEVC decoder (patents), so it reads HEIC headers but not pixels; AVIF it decodes itself.
 */

interface HeifEnum {
  value: number;
}

interface HeifError {
  code: HeifEnum;
  message: string;
}

interface HeifChannel {
  id: HeifEnum;
  width: number;
  height: number;
  stride: number;
  data: Uint8Array;
}

interface HeifDecodedImage {
  image: object;
  channels: HeifChannel[];
}

/** The slice of the Emscripten module that is used here; the package ships no usable typings for it. */
interface LibHeif {
  heif_get_version(): string;
  heif_context_alloc(): object | null;
  heif_context_free(context: object): void;
  heif_context_read_from_memory(context: object, data: Uint8Array): HeifError;
  heif_js_context_get_primary_image_handle(context: object): object | HeifError | null;
  heif_image_handle_get_width(handle: object): number;
  heif_image_handle_get_height(handle: object): number;
  heif_image_handle_has_alpha_channel(handle: object): number;
  heif_js_decode_image2(handle: object, colorspace: HeifEnum, chroma: HeifEnum): HeifDecodedImage | HeifError | null;
  heif_image_release(image: object): void;
  heif_image_handle_release(handle: object): void;
  heif_colorspace: { heif_colorspace_RGB: HeifEnum };
  heif_chroma: { heif_chroma_interleaved_RGB: HeifEnum; heif_chroma_interleaved_RGBA: HeifEnum };
  heif_channel: { heif_channel_interleaved: HeifEnum };
  heif_error_code: { heif_error_Unsupported_feature: HeifEnum; heif_error_Unsupported_filetype: HeifEnum; heif_error_Memory_allocation_error: HeifEnum };
  HEAPU8: Uint8Array;
}

/**
 * WebAssembly memory only grows. After a decode leaves more than this reserved, the module is dropped so the
 * garbage collector can return the memory; the next HEIC pays about 30 ms to load a fresh one.
 */
const maxRetainedHeapBytes = 512 * 1024 * 1024;

let loading: Promise<LibHeif> | null = null;

/**
 * Loads the wasm build once, on first use, so that libraries without HEIC never pay for it. The package's own
 * `libheif-js/wasm` entry reads the .wasm relative to the process's working directory, so the binary is
 * located beside the module and handed over instead.
 */
function loadLibheif(): Promise<LibHeif> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const modulePath = require.resolve('libheif-js/libheif-wasm/libheif.js');
    const wasmBinary = await fs.promises.readFile(modulePath.replace(/libheif\.js$/, 'libheif.wasm'));
    const factory = require(modulePath) as (options: { wasmBinary: Uint8Array }) => LibHeif | Promise<LibHeif>;
    // Emscripten instantiates synchronously when given the binary; awaiting also covers builds that return a promise.
    return await factory({ wasmBinary });
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

export interface HeifPixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 3 | 4;
}

/**
 * Decodes the primary image of a HEIF file to interleaved 8-bit RGB(A). libheif applies the file's own
 * transforms (irot/imir/clap), so the result is already upright: the EXIF orientation must not be applied again.
 * The size is checked against `maxPixels` before any pixel is decoded. This blocks the calling thread for
 * seconds on a 12 MP photo: the library calls it in a worker (heifDecoder.ts).
 */
export async function decodeHeifInThisThread(bytes: Buffer, maxPixels: number): Promise<HeifPixels> {
  let lib: LibHeif;
  try {
    lib = await loadLibheif();
  } catch (error) {
    throw new PhotoDecodeError('unreadable', `the HEIC decoder could not be loaded: ${(error as Error).message}`, { cause: error });
  }
  const context = lib.heif_context_alloc();
  if (!context) throw new PhotoDecodeError('unreadable', 'the HEIC decoder is out of memory');
  let handle: object | null = null;
  let decoded: HeifDecodedImage | null = null;
  try {
    const readError = lib.heif_context_read_from_memory(context, bytes);
    if (readError.code.value !== 0) throw heifFailure(lib, readError, 'damaged HEIC file');
    const primary = lib.heif_js_context_get_primary_image_handle(context);
    if (!primary || isHeifError(primary)) throw heifFailure(lib, primary, 'HEIC file has no primary image');
    handle = primary;
    const width = lib.heif_image_handle_get_width(handle);
    const height = lib.heif_image_handle_get_height(handle);
    assertWithinPixelLimit(width, height, maxPixels, 'HEIC image');
    const channels = lib.heif_image_handle_has_alpha_channel(handle) ? 4 : 3;
    const chroma = channels === 4 ? lib.heif_chroma.heif_chroma_interleaved_RGBA : lib.heif_chroma.heif_chroma_interleaved_RGB;
    const result = lib.heif_js_decode_image2(handle, lib.heif_colorspace.heif_colorspace_RGB, chroma);
    if (!result || isHeifError(result)) throw heifFailure(lib, result, 'HEIC image data could not be decoded');
    decoded = result;
    const plane = result.channels.find((c) => c.id.value === lib.heif_channel.heif_channel_interleaved.value);
    if (!plane || plane.width !== width || plane.height !== height) throw new PhotoDecodeError('corrupt', 'HEIC image decoded to an unexpected size');
    return { data: copyRows(plane, channels), width, height, channels };
  } catch (error) {
    if (error instanceof PhotoDecodeError) throw error;
    // A wasm trap (out of bounds, abort) can leave the module unusable: start from a fresh one next time.
    loading = null;
    throw new PhotoDecodeError('corrupt', `the HEIC decoder failed on this file: ${(error as Error).message}`, { cause: error });
  } finally {
    if (decoded) lib.heif_image_release(decoded.image);
    if (handle) lib.heif_image_handle_release(handle);
    lib.heif_context_free(context);
    if (lib.HEAPU8.buffer.byteLength > maxRetainedHeapBytes) loading = null;
  }
}

/** The plane is a view into wasm memory with padded rows; it must be copied out before the image is released. */
function copyRows(plane: HeifChannel, channels: number): Buffer {
  const rowBytes = plane.width * channels;
  if (plane.stride === rowBytes) return Buffer.from(plane.data.subarray(0, rowBytes * plane.height));
  const out = Buffer.allocUnsafe(rowBytes * plane.height);
  for (let y = 0; y < plane.height; y++) out.set(plane.data.subarray(y * plane.stride, y * plane.stride + rowBytes), y * rowBytes);
  return out;
}

function isHeifError(value: object): value is HeifError {
  const code = (value as { code?: unknown }).code;
  return typeof code === 'object' && code !== null && (code as HeifEnum).value !== 0;
}

function heifFailure(lib: LibHeif, error: HeifError | object | null, what: string): PhotoDecodeError {
  const heifError = error && isHeifError(error) ? error : null;
  const detail = heifError?.message ? `: ${heifError.message}` : '';
  const code = heifError?.code.value;
  if (code === lib.heif_error_code.heif_error_Unsupported_feature.value || code === lib.heif_error_code.heif_error_Unsupported_filetype.value) {
    return new PhotoDecodeError('unsupported', `HEIF variant Phototag cannot decode${detail}`);
  }
  if (code === lib.heif_error_code.heif_error_Memory_allocation_error.value) {
    return new PhotoDecodeError('too-large', `HEIC image needs more memory than the decoder may use${detail}`);
  }
  return new PhotoDecodeError('corrupt', `${what}${detail}`);
}

/** For `phototag doctor`: whether HEIC photos can be decoded on this machine, and by what. */
export async function checkHeifDecoder(): Promise<{ ok: boolean; detail: string }> {
  try {
    const lib = await loadLibheif();
    return { ok: true, detail: `libheif ${lib.heif_get_version()} (WebAssembly, libheif-js) decodes HEIC/HEIF; AVIF is decoded by sharp` };
  } catch (error) {
    return { ok: false, detail: `the HEIC decoder could not be loaded (${(error as Error).message}); HEIC photos will be listed as failed` };
  }
}
