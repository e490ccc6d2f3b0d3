import { createRouter } from '../../../local/gateway/router';

const routes = [
  { method: 'GET', path: '/v1/numbers/{phoneNumber}', id: 'getNumber' },
  { method: 'DELETE', path: '/v1/numbers/{phoneNumber}', id: 'releaseNumber' },
  { method: 'GET', path: '/v1/numbers/available', id: 'listAvailable' },
  { method: 'POST', path: '/v1/conversations/{id}/messages', id: 'sendMessage' },
];

describe('createRouter', () => {
  const router = createRouter(routes);

  it('extracts URL-decoded path parameters', () => {
    const match = router.match('GET', '/v1/numbers/%2B14155550123');

    expect(match).toEqual({ kind: 'match', item: routes[0], params: { phoneNumber: '+14155550123' } });
  });

  it('prefers a literal segment over a parameter', () => {
    const match = router.match('GET', '/v1/numbers/available');

    expect(match.kind === 'match' && match.item.id).toBe('listAvailable');
  });

  it('reports the allowed methods of a known path', () => {
    expect(router.match('PUT', '/v1/numbers/+1415')).toEqual({
      kind: 'method_not_allowed',
      allow: ['DELETE', 'GET'],
    });
  });

  it('matches one segment per parameter, never an empty one', () => {
    expect(router.match('POST', '/v1/conversations/a/b/messages').kind).toBe('not_found');
    expect(router.match('POST', '/v1/conversations//messages').kind).toBe('not_found');
    expect(router.match('GET', '/v1/numbers/').kind).toBe('not_found');
  });

  it('flags a malformed percent-encoding instead of throwing', () => {
    expect(router.match('GET', '/v1/numbers/%E0%A4%A')).toEqual({ kind: 'bad_path' });
  });
});
