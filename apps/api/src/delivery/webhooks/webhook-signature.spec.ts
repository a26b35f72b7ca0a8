import { createHmac } from 'node:crypto';
import { SECRET_PREFIX, newWebhookSecret, signatureHeader, webhookSignature } from './webhook-signature';

describe(webhookSignature.name, () => {
  it('gives the Standard Webhooks specification’s known answer', () => {
    // The specification's example, also what the `standardwebhooks` npm package (1.1.1) signs for it.
    const signature = webhookSignature(
      'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      'msg_p5jXN8AQM9LWM0D4loKWxJek',
      1614265330,
      '{"test": 2432232314}',
    );
    expect(signature).toBe('v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  it('changes with any part of the signed text', () => {
    const secret = newWebhookSecret();
    const base = webhookSignature(secret, 'id', 1, '{}');
    expect(webhookSignature(secret, 'id2', 1, '{}')).not.toBe(base);
    expect(webhookSignature(secret, 'id', 2, '{}')).not.toBe(base);
    expect(webhookSignature(secret, 'id', 1, '{ }')).not.toBe(base);
    expect(webhookSignature(newWebhookSecret(), 'id', 1, '{}')).not.toBe(base);
  });
});

describe(signatureHeader.name, () => {
  it('lists one signature per secret, current first, separated by a space', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const header = signatureHeader([current, previous], 'msg', 1700000000, 'body');
    expect(header.split(' ')).toEqual([webhookSignature(current, 'msg', 1700000000, 'body'), webhookSignature(previous, 'msg', 1700000000, 'body')]);
  });
});

describe(newWebhookSecret.name, () => {
  it('is whsec_ and the base64 of 32 random bytes, different every time', () => {
    const secret = newWebhookSecret();
    expect(secret.startsWith(SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64')).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
    // The key is the decoded bytes, not the text.
    const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
    expect(webhookSignature(secret, 'a', 1, 'b')).toBe(`v1,${createHmac('sha256', key).update('a.1.b').digest('base64')}`);
  });
});
