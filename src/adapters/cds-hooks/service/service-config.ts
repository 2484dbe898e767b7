import * as z from 'zod';
import { parsePrefix } from './fhir-allowlist.js';
import { parseUrl } from './url.js';

/**
 * The security configuration of the CDS Hooks service: who may call it (each EHR's issuer, its
 * keys, and the FHIR servers it may point the service at), the URL the EHRs call it by, and the
 * browser origins allowed by CORS. `serve --config <file>` reads {@link ServiceConfigSchema};
 * `createCdsService` validates the same settings with {@link ServiceAuthOptionsSchema}.
 *
 * URL rule for keys and for `publicUrl`: https, except plain http on a loopback host (127.0.0.0/8,
 * `::1`, `localhost`), which is how tests and local sandboxes run.
 */

/** Whether a host name (as in `URL.hostname`, or a `--host` value) is a loopback address. */
export const isLoopbackHost = (host: string): boolean => {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
};

/** Whether a URL may be used to fetch keys or as the public URL: https, or http on loopback. */
export const isHttpsOrLoopbackHttp = (value: string): boolean => {
  const url = parseUrl(value);
  if (url === undefined || url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
};

const HTTPS_RULE = 'https, or http only on a loopback host (127.0.0.1, ::1, localhost), without user info';

const KeyUrlSchema = z.string().refine(isHttpsOrLoopbackHttp, { error: `A key URL must be an absolute URL: ${HTTPS_RULE}`, params: { code: 'invalid_key_url' } });

const PublicUrlSchema = z
  .string()
  .refine((value) => isHttpsOrLoopbackHttp(value) && parseUrl(value)?.search === '' && parseUrl(value)?.hash === '', {
    error: `publicUrl must be the absolute base URL the EHRs call (no query or fragment): ${HTTPS_RULE}`,
    params: { code: 'invalid_public_url' },
  })
  .transform((value) => value.replace(/\/+$/, ''));

// The same rule as the allowlist that reads it: an entry it would never match is refused here.
const FhirServerSchema = z.string().refine(
  (value) => {
    const url = parseUrl(value);
    return (
      url !== undefined &&
      (url.protocol === 'https:' || url.protocol === 'http:') &&
      url.username === '' &&
      url.password === '' &&
      url.search === '' &&
      url.hash === '' &&
      parsePrefix(value) !== undefined
    );
  },
  { error: 'A fhirServers entry must be an absolute http(s) base URL without user info, query, fragment or dot segments', params: { code: 'invalid_fhir_server' } },
);

const OriginSchema = z.string().refine(
  (value) => {
    const url = parseUrl(value);
    return url !== undefined && (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  },
  { error: 'A CORS origin must be a scheme, host and optional port only, e.g. "https://sandbox.cds-hooks.org" (no path, no trailing slash, no "*")', params: { code: 'invalid_origin' } },
);

/** A public JSON Web Key: asymmetric (EC, RSA or OKP), without private parts. */
const PublicJwkSchema = z
  .looseObject({ kty: z.enum(['EC', 'RSA', 'OKP'], { error: 'kty must be "EC", "RSA" or "OKP": keys are asymmetric (no "oct" secrets)' }) })
  .refine((jwk) => !['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((part) => part in jwk), {
    error: 'The key holds private key material ("d" and the like); configure public keys only',
    params: { code: 'private_key_material' },
  });

/** A JSON Web Key Set of public keys. */
export const JwksSchema = z.looseObject({ keys: z.array(PublicJwkSchema).min(1, { error: 'keys must hold at least one key' }) });

const clientShape = {
  iss: z.string().min(1, { error: 'iss must name the issuer the EHR puts in its tokens' }).describe('The issuer (iss claim) of the tokens of this EHR.'),
  jwks: JwksSchema.optional().describe('The public keys of the EHR, inline (a JSON Web Key Set).'),
  jwksUrl: KeyUrlSchema.optional().describe('Where the EHR publishes its public keys: https (http only on a loopback host). Fetched with a timeout and cached.'),
  jkuAllowlist: z.array(KeyUrlSchema).optional().describe('The only jku URLs a token of this EHR may name; a token with any other jku is refused without fetching it.'),
  fhirServers: z.array(FhirServerSchema, { error: 'fhirServers must list the FHIR base URLs this client may name (it may be empty)' }).describe('The FHIR base URLs this EHR may send as fhirServer.'),
};

const KEY_SOURCES = ['jwks', 'jwksFile', 'jwksUrl'] as const;

const oneKeySource =
  (allowed: readonly string[]) =>
  (client: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void => {
    const given = KEY_SOURCES.filter((key) => client[key] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `A client needs exactly one of ${allowed.map((k) => `"${k}"`).join(', ')} for its keys; found ${given.length === 0 ? 'none' : given.join(' and ')}`,
        path: [],
        params: { code: 'key_source' },
      });
    }
  };

/** One trusted EHR in the configuration file: `jwks`, `jwksFile` (relative to the file) or `jwksUrl`. */
export const ClientConfigSchema = z
  .strictObject({ ...clientShape, jwksFile: z.string().min(1).optional().describe('A file holding the public keys of the EHR (a JSON Web Key Set), relative to this configuration file.') })
  .superRefine(oneKeySource(KEY_SOURCES))
  .describe('One EHR allowed to call: exactly one of jwks, jwksFile and jwksUrl.');

/** One trusted EHR given to `createCdsService`: `jwks` or `jwksUrl` (read a key file yourself). */
export const ClientOptionsSchema = z.strictObject(clientShape).superRefine(oneKeySource(['jwks', 'jwksUrl']));

/** A trusted EHR as `createCdsService` takes it. */
export type ClientOptions = z.output<typeof ClientOptionsSchema>;

const CorsSchema = z.strictObject({ origins: z.array(OriginSchema) });
const FeedbackSettingsSchema = z.strictObject({
  logUserComment: z.boolean({ error: 'logUserComment must be true or false' }).optional(),
});

const uniqueIssuers = (config: { readonly clients?: readonly { readonly iss: string }[] | undefined; readonly publicUrl?: string | undefined }, ctx: z.RefinementCtx): void => {
  if (config.clients !== undefined && config.publicUrl === undefined) {
    ctx.addIssue({ code: 'custom', message: 'publicUrl is required with clients: tokens are checked against {publicUrl}/cds-services/{id}', path: ['publicUrl'], params: { code: 'missing_public_url' } });
  }
  const seen = new Set<string>();
  for (const [i, client] of (config.clients ?? []).entries()) {
    if (seen.has(client.iss)) ctx.addIssue({ code: 'custom', message: `Issuer "${client.iss}" is configured twice`, path: ['clients', i, 'iss'], params: { code: 'duplicate_issuer' } });
    seen.add(client.iss);
  }
};

/** The configuration file of `sclerotherapy-cds serve --config <file>`. */
export const ServiceConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    publicUrl: PublicUrlSchema.optional().describe('The base URL the EHRs call the service by, e.g. https://cds.example.org; token audiences are {publicUrl}/cds-services[/{id}[/feedback]]. https (http only on a loopback host).'),
    clients: z.array(ClientConfigSchema).min(1, { error: 'clients must list at least one EHR; leave it out only with --insecure-no-auth' }).optional().describe('The EHRs allowed to call. Required unless serve runs with --insecure-no-auth.'),
    cors: CorsSchema.optional().describe('Browser origins allowed to call the service (CORS); off when left out.'),
    feedback: FeedbackSettingsSchema.optional().describe('logUserComment: write free-text override comments to the log (default false).'),
    screeningLaunchUrl: z
      .string()
      .refine(isHttpsOrLoopbackHttp, { error: `screeningLaunchUrl must be the absolute SMART launch URL of the screening form: ${HTTPS_RULE}`, params: { code: 'invalid_screening_launch_url' } })
      .optional()
      .describe('The SMART launch URL of the pre-sclerotherapy screening form: cards that ask for screening answers carry a smart link to it.'),
  })
  .superRefine(uniqueIssuers);

/** A parsed configuration file. */
export type ServiceConfig = z.output<typeof ServiceConfigSchema>;

/** The security settings `createCdsService` validates when it is created. */
export const ServiceAuthOptionsSchema = z
  .looseObject({
    publicUrl: PublicUrlSchema.optional(),
    clients: z.array(ClientOptionsSchema).min(1, { error: 'clients must list at least one EHR' }).optional(),
    insecureNoAuth: z.literal(true, { error: 'insecureNoAuth can only be true (or left out)' }).optional(),
    cors: CorsSchema.optional(),
    feedback: FeedbackSettingsSchema.optional(),
  })
  .superRefine((options, ctx) => {
    uniqueIssuers(options, ctx);
    if (options.clients === undefined && options.insecureNoAuth !== true) {
      ctx.addIssue({
        code: 'custom',
        message: 'Configure clients (each EHR allowed to call, with its keys) and publicUrl; or set insecureNoAuth: true for a local demo without authentication',
        path: ['clients'],
        params: { code: 'no_authentication' },
      });
    }
    if (options.clients !== undefined && options.insecureNoAuth === true) {
      ctx.addIssue({ code: 'custom', message: 'insecureNoAuth cannot be combined with clients', path: ['insecureNoAuth'], params: { code: 'conflicting_auth' } });
    }
  });

/** The validated security settings. */
export type ServiceAuthOptions = z.output<typeof ServiceAuthOptionsSchema>;
