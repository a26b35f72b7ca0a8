import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KeyObject, createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify } from 'node:crypto';
import { canonicalJson } from '@policy-cms/canonical-json';

/** Where the generated key is kept inside DATA_DIR (embedded mode only). */
export const AUDIT_SIGNING_KEY_FILE = 'audit-signing-key.pem';

/** Injection token of AuditSigningOptions; without it the AuditModule signs with a per-process key. */
export const AUDIT_SIGNING_OPTIONS = Symbol('AUDIT_SIGNING_OPTIONS');

export interface AuditSigningOptions {
  /** AUDIT_SIGNING_KEY: an Ed25519 private key, PKCS#8, as PEM or as base64 of the DER bytes. */
  key?: string;
  /** DATA_DIR, where the embedded mode keeps a generated key. */
  dataDir?: string;
  /** The embedded database is used (no DATABASE_URL): a key is generated once and kept in dataDir. */
  embedded: boolean;
  /** NODE_ENV=production: without a configured key the API refuses to start. */
  production: boolean;
}

export interface SigningLog {
  log(message: string): void;
  warn(message: string): void;
}

export class AuditSigningKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditSigningKeyError';
  }
}

/** The fields a checkpoint's signature covers. */
export interface CheckpointFields {
  lastId: string | null;
  headHash: string | null;
  at: Date;
  keyId: string;
}

/**
 * The exact text that is signed: a tag naming the format, a newline, then the canonical JSON of the fields with `at`
 * as ISO-8601 UTC with milliseconds. An auditor rebuilds it from a saved checkpoint to check the signature offline.
 */
export function checkpointSigningText(fields: CheckpointFields): string {
  return `policy-cms audit checkpoint v1\n${canonicalJson({
    at: fields.at.toISOString(),
    headHash: fields.headHash,
    keyId: fields.keyId,
    lastId: fields.lastId,
  })}`;
}

/** Signs checkpoints with one Ed25519 key and checks signatures against it. */
export class AuditSigner {
  readonly publicKey: KeyObject;
  /** sha256 (hex) of the public key in SPKI DER form. */
  readonly keyId: string;
  readonly publicKeyPem: string;

  constructor(
    private readonly privateKey: KeyObject,
    /** Where the key came from, for the log and the README's promise. */
    readonly source: 'configured' | 'data-dir' | 'process',
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') {
      throw new AuditSigningKeyError(`AUDIT_SIGNING_KEY must be an Ed25519 key, not ${privateKey.asymmetricKeyType ?? 'unknown'}`);
    }
    this.publicKey = createPublicKey(privateKey);
    this.keyId = createHash('sha256').update(this.publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
    this.publicKeyPem = this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Ed25519 signs the message itself (no separate digest), so `null` is the algorithm. */
  sign(text: string): string {
    return sign(null, Buffer.from(text, 'utf8'), this.privateKey).toString('base64');
  }

  verify(text: string, signature: string): boolean {
    const bytes = Buffer.from(signature, 'base64');
    // Ed25519 signatures are 64 bytes; anything else is not one (and base64 decoding is lenient).
    if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
    return verify(null, Buffer.from(text, 'utf8'), this.publicKey, bytes);
  }
}

/** Reads AUDIT_SIGNING_KEY: PEM, or base64 of the PKCS#8 DER bytes. */
export function parseSigningKey(text: string): KeyObject {
  try {
    const trimmed = text.trim();
    if (trimmed.startsWith('-----BEGIN')) return createPrivateKey(trimmed);
    return createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  } catch (error) {
    throw new AuditSigningKeyError(`AUDIT_SIGNING_KEY is not a PKCS#8 private key (PEM or base64 DER): ${(error as Error).message}`);
  }
}

/**
 * The checkpoint signer for this process:
 * - AUDIT_SIGNING_KEY when set;
 * - in embedded mode, the key in DATA_DIR, generated (mode 0600) on first start;
 * - with DATABASE_URL and no key: refused when NODE_ENV=production, because a key that dies with the process makes
 *   every checkpoint an auditor saved unverifiable after a restart, which looks exactly like tampering; elsewhere a
 *   per-process key, with a warning.
 */
export function loadAuditSigner(options: AuditSigningOptions, log: SigningLog): AuditSigner {
  if (options.key) return new AuditSigner(parseSigningKey(options.key), 'configured');
  if (options.embedded && options.dataDir) {
    const file = join(options.dataDir, AUDIT_SIGNING_KEY_FILE);
    mkdirSync(options.dataDir, { recursive: true });
    try {
      // 'wx': never overwrite a key that exists (a second start, or a race with one).
      writeFileSync(file, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      log.log(`audit checkpoints: generated an Ed25519 signing key in ${file}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if ((statSync(file).mode & 0o077) !== 0) {
      log.warn(`audit checkpoints: ${file} was readable by others; its mode is now 0600`);
      chmodSync(file, 0o600);
    }
    return new AuditSigner(parseSigningKey(readFileSync(file, 'utf8')), 'data-dir');
  }
  if (options.production) {
    throw new AuditSigningKeyError(
      'AUDIT_SIGNING_KEY is required with DATABASE_URL when NODE_ENV=production: checkpoints signed with a per-process key cannot be verified after a restart',
    );
  }
  log.warn('audit checkpoints are signed with a per-process key (no AUDIT_SIGNING_KEY): they cannot be verified after a restart');
  return new AuditSigner(generateKeyPairSync('ed25519').privateKey, 'process');
}
