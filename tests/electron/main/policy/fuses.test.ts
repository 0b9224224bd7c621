import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { packagedFuseConfig } from '../../../../electron/main/policy/fuses';

describe('packagedFuseConfig: the packaged binary cannot be repurposed', () => {
  const config = packagedFuseConfig();

  it('switches off Node runtime modes and inspection', () => {
    expect(config[FuseV1Options.RunAsNode]).toBe(false);
    expect(config[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(config[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
  });

  it('only runs the integrity-checked app.asar and encrypts cookies', () => {
    expect(config[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(config[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(config[FuseV1Options.EnableCookieEncryption]).toBe(true);
  });

  it('gives file:// pages no extra privileges (the UI is served from app://)', () => {
    expect(config[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('decides every fuse @electron/fuses knows, so a new one fails the build', () => {
    expect(config.version).toBe(FuseVersion.V1);
    expect(config.strictlyRequireAllFuses).toBe(true);
    const fuseIndexes = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    for (const fuse of fuseIndexes) expect(typeof config[fuse]).toBe('boolean');
  });
});
