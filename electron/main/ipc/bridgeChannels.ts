import type { IpcChannels } from '../../preload/ipcChannels.js';

/** The main process's spelling of the preload's channels; typed, so the two cannot disagree. */
export const ipcChannels: IpcChannels = { call: 'phototag:call', pickFolder: 'phototag:pick-folder', event: 'phototag:event', menu: 'phototag:menu' };
