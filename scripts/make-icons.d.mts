// Types for scripts/make-icons.mjs, which scripts/electron-builder-config.test.ts imports.
export declare const LINUX_SIZES: readonly number[];
export declare const ICO_SIZES: readonly number[];
export declare const ICNS_SIZES: readonly number[];
/** The icon drawn at `size` px square, edge to edge, as PNG. */
export declare function renderIcon(size: number): Promise<Buffer>;
