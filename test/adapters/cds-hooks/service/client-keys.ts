import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/** A CDS client (an EHR) for tests: a key pair made with jose at test time, and a token minter. */
export interface TestClient {
  readonly iss: string;
  readonly kid: string;
  readonly alg: string;
  /** The public key set, as the service is configured with it. */
  readonly jwks: { readonly keys: readonly JWK[] };
  readonly privateKey: CryptoKey;
  /** Signs a token for `aud`: valid by default (exp now + 300 s, iat now, a fresh jti). */
  readonly mint: (aud: string, options?: MintOptions) => Promise<string>;
}

/** What to change in a minted token. */
export interface MintOptions {
  /** The signer's "now"; default the system clock. */
  readonly now?: Date;
  /** Seconds from now to exp; default 300. */
  readonly expiresIn?: number;
  readonly jti?: string;
  /** Claims to set or override (e.g. iss). */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Claims to leave out (e.g. "exp"). */
  readonly omit?: readonly string[];
  /** Header parameters to set or override (e.g. jku, kid). */
  readonly header?: Readonly<Record<string, unknown>>;
  /** Sign with another key (e.g. one the service does not know). */
  readonly key?: CryptoKey;
}

/**
 * Makes a test client with a fresh key pair.
 * @param iss - its issuer
 * @param alg - its signature algorithm
 * @param kid - its key id
 * @returns the client
 */
export const createTestClient = async (iss = 'https://ehr.example.org', alg = 'ES384', kid = `${alg.toLowerCase()}-test-key`): Promise<TestClient> => {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  const mint = async (aud: string, options: MintOptions = {}): Promise<string> => {
    const nowSeconds = Math.floor((options.now ?? new Date()).getTime() / 1000);
    const all: Record<string, unknown> = { iss, aud, iat: nowSeconds, exp: nowSeconds + (options.expiresIn ?? 300), jti: options.jti ?? randomUUID(), sub: 'cds-client-1', ...options.claims };
    const claims = Object.fromEntries(Object.entries(all).filter(([name]) => !(options.omit ?? []).includes(name)));
    return new SignJWT(claims).setProtectedHeader({ alg, kid, typ: 'JWT', ...options.header } as { alg: string }).sign(options.key ?? privateKey);
  };
  return { iss, kid, alg, jwks: { keys: [jwk] }, privateKey, mint };
};

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * An unsigned (`alg: none`) token, which jose refuses to make.
 * @param claims - its claims
 * @returns the token
 */
export const unsignedToken = (claims: Readonly<Record<string, unknown>>): string => `${base64url({ alg: 'none', typ: 'JWT', kid: 'k' })}.${base64url(claims)}.`;
