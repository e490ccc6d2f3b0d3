import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { verifyWebhook, WebhookVerificationError } from '../../../sdk/webhooks';
import { newWebhookSecret, signatureHeader } from '../../../shared/webhooks/signing';

const body = JSON.stringify({ id: 'evt_1', type: 'ping', createdAt: '2026-12-04T00:00:00.000Z', data: {} });

describe('webhook signatures', () => {
  it('signs t.rawBody with HMAC-SHA256, Stripe style', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const header = signatureHeader([secret], 1_700_000_000, body);
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifyWebhook accepts a fresh signature and returns the event', () => {
    const secret = newWebhookSecret();
    const t = 1_700_000_000;
    const event = verifyWebhook(secret, signatureHeader([secret], t, body), body, { now: t + 10 });
    expect(event).toMatchObject({ id: 'evt_1', type: 'ping' });
  });

  it('accepts either secret during a rotation (two v1 values)', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const header = signatureHeader([current, previous], 100, body);
    expect(verifyWebhook(previous, header, body, { now: 100 })).toMatchObject({ id: 'evt_1' });
    expect(verifyWebhook(current, header, body, { now: 100 })).toMatchObject({ id: 'evt_1' });
  });

  it('rejects old timestamps, wrong secrets, altered bodies and malformed headers', () => {
    const secret = newWebhookSecret();
    const header = signatureHeader([secret], 1000, body);
    const reject = (fn: () => unknown) => expect(fn).toThrow(WebhookVerificationError);
    reject(() => verifyWebhook(secret, header, body, { now: 1000 + 301 }));
    reject(() => verifyWebhook(secret, header, body, { now: 1000 - 301 }));
    reject(() => verifyWebhook(newWebhookSecret(), header, body, { now: 1000 }));
    reject(() => verifyWebhook(secret, header, `${body} `, { now: 1000 }));
    reject(() => verifyWebhook(secret, undefined, body, { now: 1000 }));
    reject(() => verifyWebhook(secret, 'v1=abc', body, { now: 1000 }));
    reject(() => verifyWebhook(secret, 't=1000', body, { now: 1000 }));
    expect(verifyWebhook(secret, header, body, { now: 1290, toleranceSeconds: 300 })).toBeDefined();
    reject(() => verifyWebhook(secret, header, body, { now: 1100, toleranceSeconds: 60 }));
  });

  it('round-trips any body (property)', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 2_000_000_000 }), (text, t) => {
        const secret = 'whsec_property';
        const raw = JSON.stringify({ text });
        expect(
          verifyWebhook(secret, signatureHeader([secret], t, raw), Buffer.from(raw), { now: t }),
        ).toEqual({
          text,
        });
      }),
    );
  });
});
