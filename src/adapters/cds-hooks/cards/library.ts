import { version as LIBRARY_VERSION } from '../../../../package.json';

/** The library's name and version, as cards name their source. */
export const LIBRARY = { name: 'sclerotherapy-cds', version: LIBRARY_VERSION } as const;
