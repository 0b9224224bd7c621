/**
 * electron-builder afterPack hook: flip the Electron fuses of the packaged binary before it is
 * signed. The fuse wire is defined (and unit-tested) in electron/main/policy/fuses.ts; tsx loads
 * that TypeScript file here so there is one source of truth.
 */
import { tsImport } from 'tsx/esm/api';

/** @param {import('app-builder-lib').AfterPackContext} context */
export default async function afterPack(context) {
  const { packagedFuseConfig } = await tsImport('../electron/main/policy/fuses.ts', import.meta.url);
  await context.packager.addElectronFuses(context, packagedFuseConfig());
}
