/**
 * The IPC channel names between the preload script and the main process. Each side spells its constants out and
 * types them with this interface, so the compiler catches a rename on one side only: the sandboxed preload
 * cannot import a shared module at runtime.
 */
export interface IpcChannels {
  /** invoke(method, input) → Result */
  call: 'phototag:call';
  /** invoke() → string | null */
  pickFolder: 'phototag:pick-folder';
  /** main → UI: ApiEvent */
  event: 'phototag:event';
  /** main → UI: MenuCommand */
  menu: 'phototag:menu';
}
