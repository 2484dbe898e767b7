// Test tokens for a local sclerotherapy-cds service, made with jose: the JWTs an EHR signs for
// each CDS Hooks call. For trying the service out; a real EHR signs its own tokens.
//
//   node docs/examples/mint-test-token.mjs init <dir>
//       makes an ES384 key pair in <dir> (ehr-key.json, private; ehr-jwks.json, public) and a
//       <dir>/service.json that trusts it, for a service called at http://127.0.0.1:3000
//   node docs/examples/mint-test-token.mjs <dir> <url>
//       prints a token for a call to <url> (its aud), valid for 5 minutes, usable once
/* global process, console */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, importJWK } from 'jose';

const ISSUER = 'https://ehr.example.org';
const PUBLIC_URL = 'http://127.0.0.1:3000';
const [command, arg] = process.argv.slice(2);

if (command === 'init' && arg !== undefined) {
  const { privateKey, publicKey } = await generateKeyPair('ES384', { extractable: true });
  const kid = randomUUID();
  mkdirSync(arg, { recursive: true });
  writeFileSync(join(arg, 'ehr-key.json'), JSON.stringify({ ...(await exportJWK(privateKey)), kid, alg: 'ES384' }), { mode: 0o600 });
  writeFileSync(join(arg, 'ehr-jwks.json'), JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid, alg: 'ES384', use: 'sig' }] }, null, 2));
  const config = { publicUrl: PUBLIC_URL, clients: [{ iss: ISSUER, jwksFile: 'ehr-jwks.json', fhirServers: [] }] };
  writeFileSync(join(arg, 'service.json'), `${JSON.stringify(config, null, 2)}\n`);
  console.log(`wrote ${join(arg, 'service.json')}`);
} else if (command !== undefined && arg !== undefined) {
  const jwk = JSON.parse(readFileSync(join(command, 'ehr-key.json'), 'utf8'));
  const key = await importJWK(jwk, 'ES384');
  const token = await new SignJWT({ jti: randomUUID() })
    .setProtectedHeader({ alg: 'ES384', kid: jwk.kid, typ: 'JWT' })
    .setIssuer(ISSUER)
    .setSubject('test-ehr-client')
    .setAudience(arg)
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
  console.log(token);
} else {
  console.error('usage: mint-test-token.mjs init <dir> | mint-test-token.mjs <dir> <url>');
  process.exit(2);
}
