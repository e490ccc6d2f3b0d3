import { mentionedUsernames, resolveMentions } from '../../../shared/conversations/mentions';

const participants = [
  { userId: 'usr_a', username: 'alice' },
  { userId: 'usr_b', username: 'bob_2' },
  { phoneNumber: '+14155550123' },
];

describe('mentions', () => {
  it('finds @usernames at word starts, case-insensitively, once each', () => {
    expect(mentionedUsernames('@Alice hi, (@bob_2) and @alice again')).toEqual(['alice', 'bob_2']);
  });

  it('ignores email addresses and too-short names', () => {
    expect(mentionedUsernames('mail alice@example.com or @al')).toEqual([]);
  });

  it('does not take a longer name for a shorter one', () => {
    expect(resolveMentions('@alicex', participants)).toEqual([]);
  });

  it('resolves only participants', () => {
    expect(resolveMentions('@alice @mallory @BOB_2!', participants)).toEqual([
      { userId: 'usr_a', username: 'alice' },
      { userId: 'usr_b', username: 'bob_2' },
    ]);
  });
});
