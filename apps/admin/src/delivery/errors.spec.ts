import { deliveryErrorMessage, fieldErrorsOf } from './errors';

const translate = (key: string) => key;
const refused = (message: string) => ({ status: 400, body: { code: 'BAD_USER_INPUT', errors: { url: message } } });

describe('webhook form errors in the user’s words', () => {
  it('says a private target is refused as such, not that the URL is malformed', () => {
    const error = refused(
      'a webhook URL must not point at a private, loopback or link-local address (10.20.30.40 is a private address); the operator can allow such targets with WEBHOOK_ALLOW_PRIVATE=1',
    );
    expect(fieldErrorsOf(error, translate)).toEqual({ url: 'delivery.errors.urlPrivate' });
    expect(deliveryErrorMessage(error, translate)).toBe('delivery.errors.urlPrivate');
  });

  it('gives the general advice for a URL refused for its form', () => {
    expect(fieldErrorsOf(refused('a webhook URL must start with https:// or http://'), translate)).toEqual({ url: 'delivery.errors.fields.url' });
  });
});
