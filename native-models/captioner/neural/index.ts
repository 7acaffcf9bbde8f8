/** The neural caption pack: what the rest of Phototag may use. */
export { CaptionPackError } from './CaptionPackError.js';
export type { CaptionPackProblem } from './CaptionPackError.js';
export { loadCaptionPack } from './loadCaptionPack.js';
export type { CaptionOptions, CaptionPack, LoadCaptionPackOptions, NeuralCaption } from './loadCaptionPack.js';
export type { CaptionPackManifest } from './manifest.js';
