// Exposes window.api: one function per contract channel; and window.desktop.printToPDF for 打印 (issue 11).
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from '../../shared/contract/channels';

const api = Object.fromEntries(CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)]));
contextBridge.exposeInMainWorld('api', api);
contextBridge.exposeInMainWorld('desktop', { printToPDF: (fileName: string) => ipcRenderer.invoke('desktop:printToPDF', String(fileName)) });
