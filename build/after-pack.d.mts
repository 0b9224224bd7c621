/** Types for the electron-builder afterPack hook (build/after-pack.mjs). */
export interface FuseFlippingContext {
  packager: { addElectronFuses(context: FuseFlippingContext, fuses: unknown): Promise<unknown> };
}

/** Flip the packaged binary's fuses to the wire in electron/main/policy/fuses.ts. */
export default function afterPack(context: FuseFlippingContext): Promise<void>;
