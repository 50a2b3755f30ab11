// Exposes window.api: one function per contract channel, and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../../shared/contract/channels';

const api = Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]));
contextBridge.exposeInMainWorld('api', api);
