import {
  assertAcceptable,
  MAX_ATTACHMENT_BYTES,
  normalizeContentType,
  objectKeyOf,
} from '../../../shared/conversations/attachments';

describe('attachment rules', () => {
  it('normalises declared content types', () => {
    expect(normalizeContentType(' Text/Plain; charset=utf-8')).toBe('text/plain');
    expect(normalizeContentType('IMAGE/PNG')).toBe('image/png');
  });

  it('accepts the allowed types up to 10 MB', () => {
    for (const type of [
      'image/png',
      'image/jpeg',
      'image/gif',
      'image/webp',
      'application/pdf',
      'text/plain',
      'text/csv',
    ]) {
      expect(() => assertAcceptable(type, MAX_ATTACHMENT_BYTES)).not.toThrow();
    }
  });

  it('answers 413 file_too_large over 10 MB, before looking at the type', () => {
    expect(() => assertAcceptable('application/zip', MAX_ATTACHMENT_BYTES + 1)).toThrow(
      expect.objectContaining({ name: 'TooLarge', code: 'file_too_large' }),
    );
  });

  it('answers 415 unsupported_type for anything else', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/octet-stream', 'application/x-sh']) {
      expect(() => assertAcceptable(type, 10)).toThrow(
        expect.objectContaining({ name: 'UnsupportedMedia', code: 'unsupported_type' }),
      );
    }
  });

  it('keys objects under their conversation, by attachment id only', () => {
    expect(objectKeyOf('conv_1', 'att_2')).toBe('conversations/conv_1/attachments/att_2');
  });
});
