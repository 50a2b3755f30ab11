// Exposes window.api (one function per contract channel) and window.desktop (print to PDF, choose a folder,
// the connection setting), and nothing else (see api.ts). A window onto the office server has its own
// preload, preload-office.ts.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi, buildDesktop } from './api';

const invoke = (channel: string, input: unknown) => ipcRenderer.invoke(channel, input);
contextBridge.exposeInMainWorld('api', buildApi(invoke));
contextBridge.exposeInMainWorld('desktop', buildDesktop(invoke));
