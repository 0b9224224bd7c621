/** The Electron build and packaging configuration: outputs, installers, fuses. */
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagedFuseConfig } from '../../electron/main/policy/fuses';
import electronViteConfig from '../../electron.vite.config';

const repo = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/** The bits of the electron-vite config this test reads. */
interface BuildSection {
  outDir?: string;
  externalizeDeps?: boolean;
  rolldownOptions?: { input?: unknown; output?: { format?: string; entryFileNames?: string } };
}
const config = electronViteConfig as {
  main: { build: BuildSection };
  preload: { build: BuildSection };
  renderer: {
    root: string;
    plugins: unknown[];
    worker: { format: string };
    build: BuildSection;
  };
};

describe('electron.vite.config.ts', () => {
  it('emits main as an ES module at out/main/index.js (package.json "main", "type": "module")', () => {
    const { build } = config.main;
    expect(build.outDir).toBe(path.join(repo, 'out/main'));
    expect(build.rolldownOptions?.input).toEqual({ index: path.join(repo, 'electron/main/index.ts') });
    expect(build.rolldownOptions?.output).toMatchObject({ format: 'es', entryFileNames: '[name].js' });
    expect(build.externalizeDeps).toBe(false);
  });

  it('emits the sandboxed preload as CommonJS at out/preload/index.cjs with everything bundled', () => {
    const { build } = config.preload;
    expect(build.outDir).toBe(path.join(repo, 'out/preload'));
    expect(build.rolldownOptions?.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs' });
    expect(build.externalizeDeps).toBe(false);
  });

  it('builds the renderer from renderer/index.html into out/renderer with React', () => {
    expect(config.renderer.root).toBe(path.join(repo, 'renderer'));
    expect(config.renderer.build.outDir).toBe(path.join(repo, 'out/renderer'));
    expect(config.renderer.build.rolldownOptions?.input).toBe(path.join(repo, 'renderer/index.html'));
    const names = config.renderer.plugins.flat(3).map((plugin) => (plugin as { name?: string }).name ?? '');
    expect(names.some((name) => name.includes('react'))).toBe(true);
    expect(config.renderer.worker.format).toBe('es');
  });

});

describe('electron-builder.yml', () => {
  /** electron-builder's own loader and schema check (offline; no Electron download). */
  async function loadBuilderConfig(): Promise<Record<string, unknown>> {
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      getConfig(projectDir: string, configPath: string | null, options: null): Promise<Record<string, unknown>>;
      validateConfiguration(config: Record<string, unknown>, logger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const loaded = await getConfig(repo, null, null);
    await validateConfiguration(loaded, { isEnabled: false, add() {} });
    return loaded;
  }

  it('passes electron-builder\'s schema and packages out/** only, in an asar, with no publishing', async () => {
    const builder = await loadBuilderConfig();
    expect(builder.appId).toBe('org.msvariationworkbench.app');
    expect(builder.asar).toBe(true);
    expect(builder.publish).toBeNull();
    expect(JSON.stringify(builder.files)).toContain('out/**');
    expect(JSON.stringify(builder.files)).toContain('!node_modules/**');
    expect(builder.afterPack).toBe('./build/after-pack.mjs');
  });

  it('targets AppImage and deb on Linux, NSIS and portable on Windows, dmg on macOS', async () => {
    const builder = (await loadBuilderConfig()) as Record<string, { target?: string[] }>;
    expect(builder.linux.target).toEqual(['AppImage', 'deb']);
    expect(builder.win.target).toEqual(['nsis', 'portable']);
    expect(builder.mac.target).toEqual(['dmg']);
  });

  it('the afterPack hook flips exactly the tested fuse wire', async () => {
    const { default: afterPack } = await import('../../build/after-pack.mjs');
    const flipped: unknown[] = [];
    const context = { appOutDir: '/tmp/out', packager: { addElectronFuses: async (_context: unknown, fuses: unknown) => void flipped.push(fuses) } };
    await afterPack(context);
    expect(flipped).toEqual([packagedFuseConfig()]);
  });
});
