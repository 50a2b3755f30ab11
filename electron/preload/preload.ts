// Exposes window.api: one function per contract channel, and nothing else (see api.ts).
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './api';

contextBridge.exposeInMainWorld('api', buildApi((channel, input) => ipcRenderer.invoke(channel, input)));
