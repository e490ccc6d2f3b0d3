import { listServices, parseCatalog, servicesView } from '../../../shared/verifications/catalog';

describe('services catalog', () => {
  it('offers at least the ten reference services, each priced, 15 minutes by default', () => {
    const ids = listServices().map((s) => s.id);
    for (const id of [
      'telegram',
      'whatsapp',
      'google',
      'microsoft',
      'instagram',
      'facebook',
      'tiktok',
      'uber',
      'amazon',
      'discord',
    ]) {
      expect(ids).toContain(id);
    }
    for (const service of listServices()) {
      expect(Number.isInteger(service.priceCents)).toBe(true);
      expect(service.priceCents).toBeGreaterThan(0);
      expect(service.lifetimeMinutes).toBeGreaterThan(0);
    }
    expect(listServices().find((s) => s.id === 'telegram')?.lifetimeMinutes).toBe(15);
  });

  it('public view: id, name, priceCents (and lifetime)', () => {
    expect(servicesView()[0]).toEqual({
      id: 'telegram',
      name: 'Telegram',
      priceCents: 25,
      lifetimeMinutes: 15,
    });
  });

  it('an override replaces the list, with defaults filled in', () => {
    expect(parseCatalog('[{"id":"acme","name":"Acme","priceCents":5,"countries":["US"]}]')).toEqual([
      { id: 'acme', name: 'Acme', priceCents: 5, lifetimeMinutes: 15, countries: ['US'] },
    ]);
  });

  it.each([
    'not json',
    '[]',
    '[{"id":"a","name":"A","priceCents":5}]',
    '[{"id":"acme","name":"Acme","priceCents":-1}]',
    '[{"id":"acme","name":"Acme","priceCents":5},{"id":"acme","name":"Again","priceCents":5}]',
    '[{"id":"acme","name":"Acme","priceCents":5,"surprise":1}]',
  ])('a broken override fails fast: %s', (json) => {
    expect(() => parseCatalog(json)).toThrow(/VERIFICATION_SERVICES/);
  });
});
