export function installedElectronBinary(): string | null;
