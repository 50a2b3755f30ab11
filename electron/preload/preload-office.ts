// The preload of a window onto the office server (连接单位服务器): window.desktop with printing only, and no
// window.api — the page talks to its server over HTTP with the server's session and CSRF checks, as in any
// browser. No folder grant (backups are the server's) and no way for a page the server sent to change where
// this seat connects.
import { contextBridge, ipcRenderer } from 'electron';
import { buildDesktop } from './api';
import { OFFICE_DESKTOP_CHANNELS } from '../../shared/contract/desktop';

contextBridge.exposeInMainWorld('desktop', buildDesktop((channel, input) => ipcRenderer.invoke(channel, input), OFFICE_DESKTOP_CHANNELS));
