import {
  createLocalJWKSet,
  createRemoteJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  errors,
  jwtVerify,
  type JWTVerifyGetKey,
  type JWSHeaderParameters,
  type JWTPayload,
} from 'jose';
import type { AuthenticatedClient } from './call-context.js';
import type { ExpiringKeyStore } from './replay-cache.js';
import type { ClientOptions } from './service-config.js';
import { parseUrl } from './url.js';

/**
 * Client authentication per CDS Hooks 2.0 "Trusting CDS Clients": the EHR signs a short-lived JWT
 * for each call with an asymmetric key; the service checks the header, the issuer, the signature,
 * the audience, the times and the token id, with `jose` doing all JWT parsing and cryptography.
 */

/** The signature algorithms accepted: asymmetric only (never `none`, never HMAC). */
export const ACCEPTED_ALGORITHMS = ['ES256', 'ES384', 'ES512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'] as const;

/** Why a token was refused: the reason class the 401 body carries. */
export type AuthFailureReason =
  | 'missing_token'
  | 'malformed_token'
  | 'unsupported_alg'
  | 'missing_kid'
  | 'unknown_issuer'
  | 'jku_not_allowed'
  | 'unknown_key'
  | 'keys_unavailable'
  | 'bad_signature'
  | 'bad_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'exp_too_far'
  | 'bad_iat'
  | 'missing_claim'
  | 'replayed';

/** The outcome of checking one call's `Authorization` header. */
export type AuthResult =
  | { readonly ok: true; readonly client: AuthenticatedClient }
  | { readonly ok: false; readonly reason: AuthFailureReason; readonly detail: string; readonly iss?: string; readonly sub?: string };

/** Checks the bearer token of a call against the audience it must name. */
export type ClientVerifier = (authorization: string | undefined, audience: string) => Promise<AuthResult>;

/** What {@link createClientVerifier} needs. */
export interface ClientVerifierSettings {
  readonly clients: readonly ClientOptions[];
  /** The clock. */
  readonly now: () => Date;
  /** Where token ids are remembered until their token expires. */
  readonly replayStore: ExpiringKeyStore;
  /** How long a JWKS fetch may take; default 5 s. */
  readonly jwksTimeoutMs?: number;
}

/** Tolerated difference between the EHR's clock and the service's, in seconds. */
export const CLOCK_SKEW_SECONDS = 60;
/** The latest `exp` accepted, in seconds after now (CDS Hooks: at most 5 minutes). */
export const MAX_LIFETIME_SECONDS = 300;
const MAX_TOKEN_CHARS = 16 * 1024;
// A remote JWKS is fetched again at most every 30 s (for a new kid), and kept 10 minutes.
const JWKS_COOLDOWN_MS = 30_000;
const JWKS_MAX_AGE_MS = 10 * 60_000;

// `iss` is the claimed issuer; `sub` is given only once the signature has verified.
const fail = (reason: AuthFailureReason, detail: string, iss?: string, sub?: string): AuthResult => ({
  ok: false,
  reason,
  detail,
  ...(iss === undefined ? {} : { iss }),
  ...(sub === undefined ? {} : { sub }),
});

// Errors of the key source (fetch failures, timeouts, bad JWKS documents) are told apart from
// verification failures by wrapping the key getter.
class KeySourceError extends Error {}

type JwksUrl = Parameters<typeof createRemoteJWKSet>[0];

const remoteKeys = (url: string, timeoutMs: number): JWTVerifyGetKey =>
  createRemoteJWKSet(parseUrl(url) as unknown as JwksUrl, { timeoutDuration: timeoutMs, cooldownDuration: JWKS_COOLDOWN_MS, cacheMaxAge: JWKS_MAX_AGE_MS });

const guardedKeys =
  (keys: JWTVerifyGetKey): JWTVerifyGetKey =>
  async (header, token) => {
    try {
      return await keys(header, token);
    } catch (error) {
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      throw new KeySourceError(error instanceof Error ? error.message : String(error));
    }
  };

const normalisedUrl = (value: string): string | undefined => parseUrl(value)?.href;

interface Issuer {
  readonly client: ClientOptions;
  readonly keys: JWTVerifyGetKey;
  readonly jku: ReadonlyMap<string, JWTVerifyGetKey>;
}

const claimFailure = (error: errors.JWTClaimValidationFailed): { reason: AuthFailureReason; detail: string } => {
  if (error.reason === 'missing') return { reason: 'missing_claim', detail: `The token has no "${error.claim}" claim` };
  switch (error.claim) {
    case 'aud':
      return { reason: 'bad_audience', detail: 'The aud claim is not the URL of the endpoint called' };
    case 'iss':
      return { reason: 'unknown_issuer', detail: 'The iss claim does not match the configured issuer' };
    case 'nbf':
      return { reason: 'not_yet_valid', detail: 'The token is not valid yet (nbf)' };
    case 'iat':
      return { reason: 'bad_iat', detail: `The iat claim is not acceptable: ${error.message}` };
    default:
      return { reason: 'malformed_token', detail: `The ${error.claim} claim is not acceptable: ${error.message}` };
  }
};

const verificationFailure = (error: unknown): { reason: AuthFailureReason; detail: string } => {
  if (error instanceof KeySourceError) return { reason: 'keys_unavailable', detail: `The issuer's keys could not be read: ${error.message}` };
  if (error instanceof errors.JWTExpired) return { reason: 'expired', detail: error.claim === 'iat' ? 'The token was issued too long ago' : 'The token has expired' };
  if (error instanceof errors.JWTClaimValidationFailed) return claimFailure(error);
  if (error instanceof errors.JWSSignatureVerificationFailed) return { reason: 'bad_signature', detail: 'The signature does not verify with the issuer key' };
  if (error instanceof errors.JWKSNoMatchingKey) return { reason: 'unknown_key', detail: 'No key of the issuer matches the token kid and alg' };
  if (error instanceof errors.JWKSMultipleMatchingKeys) return { reason: 'unknown_key', detail: 'Several keys of the issuer match the token kid' };
  if (error instanceof errors.JOSEAlgNotAllowed) return { reason: 'unsupported_alg', detail: 'The token alg is not accepted' };
  if (error instanceof errors.JOSEError) return { reason: 'malformed_token', detail: `The token is not a valid JWS: ${error.code}` };
  return { reason: 'malformed_token', detail: 'The token could not be verified' };
};

const tokenOf = (authorization: string | undefined): string | AuthResult => {
  if (authorization === undefined || authorization.trim() === '') return fail('missing_token', 'The call has no Authorization header');
  const match = /^Bearer[ ]+([A-Za-z0-9_.-]+)$/i.exec(authorization.trim());
  if (match?.[1] === undefined) return fail('malformed_token', 'The Authorization header is not "Bearer <JWT>"');
  if (match[1].length > MAX_TOKEN_CHARS) return fail('malformed_token', `The token is longer than ${MAX_TOKEN_CHARS} characters`);
  return match[1];
};

const headerOf = (token: string): JWSHeaderParameters | AuthResult => {
  try {
    return decodeProtectedHeader(token) as JWSHeaderParameters;
  } catch {
    return fail('malformed_token', 'The token header cannot be decoded');
  }
};

const unverifiedClaims = (token: string): JWTPayload | AuthResult => {
  try {
    return decodeJwt(token);
  } catch {
    return fail('malformed_token', 'The token payload cannot be decoded');
  }
};

const isResult = (value: unknown): value is AuthResult => typeof value === 'object' && value !== null && 'ok' in value && (value as { ok: unknown }).ok === false;

/**
 * Builds the verifier of client tokens for the configured issuers. Remote key sets (a `jwksUrl`, or
 * a `jku` on the issuer's allowlist) are fetched by `jose` with a timeout, cached and never
 * followed through redirects.
 * @param settings - the trusted clients, the clock, the replay store and the JWKS timeout
 * @returns the verifier; it never throws
 */
export const createClientVerifier = (settings: ClientVerifierSettings): ClientVerifier => {
  const timeoutMs = settings.jwksTimeoutMs ?? 5_000;
  const issuers = new Map<string, Issuer>(
    settings.clients.map((client) => {
      const keys = client.jwks !== undefined ? createLocalJWKSet(client.jwks as Parameters<typeof createLocalJWKSet>[0]) : remoteKeys(client.jwksUrl ?? '', timeoutMs);
      const jku = new Map((client.jkuAllowlist ?? []).flatMap((url) => (normalisedUrl(url) === undefined ? [] : [[normalisedUrl(url) ?? '', guardedKeys(remoteKeys(url, timeoutMs))] as const])));
      return [client.iss, { client, keys: guardedKeys(keys), jku }];
    }),
  );

  return async (authorization, audience) => {
    const token = tokenOf(authorization);
    if (typeof token !== 'string') return token;
    const header = headerOf(token);
    if (isResult(header)) return header;
    if (typeof header.alg !== 'string' || !(ACCEPTED_ALGORITHMS as readonly string[]).includes(header.alg)) {
      return fail('unsupported_alg', `alg ${JSON.stringify(header.alg ?? null)} is not accepted; use one of ${ACCEPTED_ALGORITHMS.join(', ')}`);
    }
    if (typeof header.kid !== 'string' || header.kid === '') return fail('missing_kid', 'The token header has no kid');
    const claims = unverifiedClaims(token);
    if (isResult(claims)) return claims;
    const claimedIss = typeof claims.iss === 'string' ? claims.iss : undefined;
    const issuer = claimedIss === undefined ? undefined : issuers.get(claimedIss);
    if (issuer === undefined) return fail('unknown_issuer', claimedIss === undefined ? 'The token has no iss claim' : 'The iss claim is not a configured client', claimedIss);
    let keys = issuer.keys;
    if (header.jku !== undefined) {
      const allowed = typeof header.jku === 'string' ? issuer.jku.get(normalisedUrl(header.jku) ?? '') : undefined;
      if (allowed === undefined) return fail('jku_not_allowed', "The token jku is not on the issuer's jkuAllowlist", claimedIss);
      keys = allowed;
    }
    const now = settings.now();
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        algorithms: [...ACCEPTED_ALGORITHMS],
        issuer: issuer.client.iss,
        audience,
        requiredClaims: ['exp', 'iat', 'jti'],
        clockTolerance: CLOCK_SKEW_SECONDS,
        maxTokenAge: MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS,
        currentDate: now,
      }));
    } catch (error) {
      const failure = verificationFailure(error);
      return fail(failure.reason, failure.detail, claimedIss);
    }
    // Verified from here on.
    const sub = typeof payload.sub === 'string' ? payload.sub : undefined;
    if (typeof payload.aud !== 'string' && !(Array.isArray(payload.aud) && payload.aud.length === 1)) {
      return fail('bad_audience', 'The aud claim must name exactly the endpoint called', claimedIss, sub);
    }
    const nowSeconds = Math.floor(now.getTime() / 1000);
    const exp = payload.exp ?? 0;
    if (exp > nowSeconds + MAX_LIFETIME_SECONDS + CLOCK_SKEW_SECONDS) {
      return fail('exp_too_far', `exp is more than ${MAX_LIFETIME_SECONDS} s ahead`, claimedIss, sub);
    }
    if (typeof payload.jti !== 'string' || payload.jti === '') return fail('missing_claim', 'The jti claim must be a non-empty string', claimedIss, sub);
    const fresh = await settings.replayStore.add(`jti|${issuer.client.iss}|${payload.jti}`, (exp + CLOCK_SKEW_SECONDS) * 1000);
    if (!fresh) return fail('replayed', 'This jti was already used', claimedIss, sub);
    return {
      ok: true,
      client: { iss: issuer.client.iss, ...(sub === undefined ? {} : { sub }), fhirServers: issuer.client.fhirServers },
    };
  };
};
