import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { AllCommunityModule, ModuleRegistry } from 'ag-grid-community';
import { App } from './App';
import { desktop } from './api';
import { ConnectionStartPage } from './panels/ConnectionPanel';
import type { DesktopConnection } from '../../shared/contract/desktop';
import './styles.css';

ModuleRegistry.registerModules([AllCommunityModule]);

/** The desktop app asks first how this seat works (本机数据库 / 连接单位服务器) until it is chosen; a browser never does. */
async function connectionToChoose(): Promise<DesktopConnection | null> {
  if (!desktop?.connection) return null;
  const answer = await desktop.connection();
  return answer.ok && answer.data.mode === null ? answer.data : null;
}

void connectionToChoose().then((choose) => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {choose ? <ConnectionStartPage current={choose} /> : <App />}
    </StrictMode>,
  );
});
