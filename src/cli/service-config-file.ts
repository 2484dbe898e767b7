/// <reference types="node" />
import { dirname, resolve } from 'node:path';
import type { CdsClientOptions, CdsServiceOptions } from '../adapters/cds-hooks/service/create-cds-service.js';
import { JwksSchema, ServiceConfigSchema } from '../adapters/cds-hooks/service/service-config.js';
import { fromZodIssues } from '../model/parse-request.js';
import { formatPath } from '../model/issues.js';
import type { CliIo } from './io.js';

/** The security settings `serve --config` hands to `createCdsService`. */
export type ServiceConfigOptions = Pick<CdsServiceOptions, 'publicUrl' | 'clients' | 'cors' | 'feedback' | 'screeningLaunchUrl'>;

const listed = (issues: readonly { readonly path: readonly (string | number)[]; readonly message: string; readonly code: string }[]): string =>
  issues.map((i) => `  ${formatPath(i.path)}: ${i.message} [${i.code}]`).join('\n');

/**
 * Reads and validates the configuration file of `serve --config`, and reads each client's
 * `jwksFile` (relative to the configuration file).
 * @param path - the configuration file
 * @param io - where to read
 * @returns the settings, or a message saying what is wrong, with paths into the file
 */
export const loadServiceConfig = async (path: string, io: CliIo): Promise<ServiceConfigOptions | { readonly error: string }> => {
  let value: unknown;
  try {
    value = JSON.parse(await io.readFile(path)) as unknown;
  } catch (error) {
    return { error: `Cannot read the service configuration "${path}": ${error instanceof Error ? error.message : String(error)}` };
  }
  const parsed = ServiceConfigSchema.safeParse(value);
  if (!parsed.success) return { error: `The service configuration "${path}" is invalid:\n${listed(fromZodIssues(parsed.error.issues))}` };
  const config = parsed.data;
  const clients: CdsClientOptions[] = [];
  for (const [i, client] of (config.clients ?? []).entries()) {
    const { jwksFile, ...rest } = client;
    if (jwksFile === undefined) {
      clients.push(rest);
      continue;
    }
    const file = resolve(dirname(path), jwksFile);
    let jwks: unknown;
    try {
      jwks = JSON.parse(await io.readFile(file)) as unknown;
    } catch (error) {
      return { error: `The service configuration "${path}" is invalid:\n  clients[${i}].jwksFile: cannot read "${file}": ${error instanceof Error ? error.message : String(error)} [unreadable_jwks_file]` };
    }
    const keys = JwksSchema.safeParse(jwks);
    if (!keys.success) return { error: `The JWKS file "${file}" of clients[${i}] is invalid:\n${listed(fromZodIssues(keys.error.issues))}` };
    clients.push({ ...rest, jwks: keys.data });
  }
  return {
    ...(config.publicUrl === undefined ? {} : { publicUrl: config.publicUrl }),
    ...(config.clients === undefined ? {} : { clients }),
    ...(config.cors === undefined ? {} : { cors: config.cors }),
    ...(config.feedback === undefined ? {} : { feedback: config.feedback }),
    ...(config.screeningLaunchUrl === undefined ? {} : { screeningLaunchUrl: config.screeningLaunchUrl }),
  };
};
