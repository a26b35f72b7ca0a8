import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AUDIT_SIGNING_KEY_FILE, AuditSigner, AuditSigningKeyError, checkpointSigningText, loadAuditSigner } from './audit-signing';

const silent = () => ({ log: jest.fn(), warn: jest.fn() });

describe(loadAuditSigner.name, () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'audit-key-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates a key in DATA_DIR on first start in embedded mode, readable by the owner only, and keeps it', () => {
    const first = loadAuditSigner({ dataDir, embedded: true, production: true }, silent());
    const file = join(dataDir, AUDIT_SIGNING_KEY_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const second = loadAuditSigner({ dataDir, embedded: true, production: true }, silent());
    expect(second.keyId).toBe(first.keyId);
    expect(second.source).toBe('data-dir');
  });

  it('takes AUDIT_SIGNING_KEY as PKCS#8 PEM or as base64 of the DER bytes, the same key either way', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
    const fromPem = loadAuditSigner({ key: pem, embedded: false, production: true }, silent());
    const fromDer = loadAuditSigner({ key: der, embedded: false, production: true }, silent());
    expect(fromPem.keyId).toBe(fromDer.keyId);
    expect(fromPem.source).toBe('configured');
  });

  it('refuses a key that is not Ed25519, or not a key', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadAuditSigner({ key: rsa, embedded: false, production: false }, silent())).toThrow(/Ed25519/);
    expect(() => loadAuditSigner({ key: 'not a key', embedded: false, production: false }, silent())).toThrow(AuditSigningKeyError);
  });

  it('refuses to start with DATABASE_URL and no key in production, and warns of a per-process key elsewhere', () => {
    expect(() => loadAuditSigner({ embedded: false, production: true }, silent())).toThrow(/AUDIT_SIGNING_KEY is required/);
    const log = silent();
    expect(loadAuditSigner({ embedded: false, production: false }, log).source).toBe('process');
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('per-process key'));
  });
});

describe(AuditSigner.name, () => {
  const signer = new AuditSigner(generateKeyPairSync('ed25519').privateKey, 'process');
  const fields = { lastId: '42', headHash: 'a'.repeat(64), at: new Date('2026-11-27T03:00:00Z'), keyId: signer.keyId };

  it('signs a fixed text whose form is pinned', () => {
    expect(checkpointSigningText(fields)).toBe(
      `policy-cms audit checkpoint v1\n{"at":"2026-11-27T03:00:00.000Z","headHash":"${'a'.repeat(64)}","keyId":"${signer.keyId}","lastId":"42"}`,
    );
  });

  it('verifies its own signature and nothing else', () => {
    const signature = signer.sign(checkpointSigningText(fields));
    expect(signer.verify(checkpointSigningText(fields), signature)).toBe(true);
    expect(signer.verify(checkpointSigningText({ ...fields, lastId: '43' }), signature)).toBe(false);
    expect(signer.verify(checkpointSigningText(fields), signature.slice(0, -4))).toBe(false);
    expect(signer.verify(checkpointSigningText(fields), 'not base64!')).toBe(false);
  });
});
