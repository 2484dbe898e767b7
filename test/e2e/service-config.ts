/// <reference types="node" />
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Writes files (a service configuration, JWKS files) into a fresh temporary folder.
 * @param files - file name → JSON value
 * @returns the folder
 */
export const writeConfigFiles = (files: Readonly<Record<string, unknown>>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'sclerotherapy-cds-config-'));
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
  return dir;
};

/**
 * The audience a token for `url` must name, when the service's public URL is `publicUrl`: the
 * same path under the public base (as behind a proxy).
 * @param url - the URL the test calls, e.g. `http://127.0.0.1:40123/cds-services`
 * @param publicUrl - the configured public URL
 * @returns the audience
 */
export const audienceOf = (url: string, publicUrl: string): string => `${publicUrl}${new URL(url).pathname}`;
