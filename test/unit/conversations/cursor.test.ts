import * as z from 'zod';
import { decodeCursor, encodeCursor } from '../../../shared/conversations/cursor';
import { MESSAGE_ID } from '../../../shared/conversations/ids';
import { DomainError } from '../../../shared/platform/errors';

const shape = { m: z.string().regex(MESSAGE_ID) };
const id = 'msg_01J9Z3Q5V6W7X8Y9Z0ABCDEFGH';

function expect400(run: () => unknown) {
  let error: unknown;
  try {
    run();
  } catch (caught) {
    error = caught;
  }
  expect(error).toBeInstanceOf(DomainError);
  expect(error).toMatchObject({ code: 'validation_failed' });
}

describe('cursors', () => {
  it('round-trips a position', () => {
    const cursor = encodeCursor('messages', { m: id });
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('messages', cursor, shape)).toEqual({ m: id });
  });

  it('passes undefined through (first page)', () => {
    expect(decodeCursor('messages', undefined, shape)).toBeUndefined();
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc$%'],
    ['base64 of garbage', Buffer.from('\u0001\u0002not json').toString('base64url')],
    ['JSON of the wrong kind', encodeCursor('search', { m: id })],
    ['JSON with a bad id', encodeCursor('messages', { m: 'msg_../../etc' })],
    [
      'JSON with extra fields',
      Buffer.from(JSON.stringify({ k: 'messages', m: id, x: 1 })).toString('base64url'),
    ],
    ['a JSON array', Buffer.from('[1,2]').toString('base64url')],
    ['JSON null', Buffer.from('null').toString('base64url')],
    ['too long', 'A'.repeat(2000)],
  ])('rejects %s with a 400', (_name, raw) => {
    expect400(() => decodeCursor('messages', raw, shape));
  });
});
