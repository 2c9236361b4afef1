import { PermanentError } from '../../../lib/errors';
import {
  NO_SUBJECT,
  checkMailKey,
  cutText,
  singleLine,
  titleText,
} from '../../../lib/sharepoint/columnText';

describe('cutText', () => {
  it('when the cut falls between the halves of an emoji, then the whole emoji goes', () => {
    expect(cutText('ab😀', 3)).toBe('ab');
    expect(cutText('a😀b', 3)).toBe('a😀');
  });
  it('when a lone half of a pair sits at the cut, then it is kept as a character of its own', () => {
    expect(cutText('ab\uD83Dc', 3)).toBe('ab\uD83D');
    expect(cutText('ab\uDE00c', 3)).toBe('ab\uDE00');
  });
});

describe('singleLine', () => {
  it('when text holds line breaks, tabs and C0 or C1 controls, then each run is one space', () => {
    expect(singleLine(' Printer\r\n\tbroken\u0007\u0085 again ')).toBe('Printer broken again');
  });
});

describe('titleText', () => {
  it('when the title is blank, then it says there was no subject', () => {
    expect(titleText(' \t')).toBe(NO_SUBJECT);
  });
});

describe('checkMailKey', () => {
  it('when the key is empty or longer than the column, then it is refused for good', () => {
    for (const key of ['', 'k'.repeat(256)]) {
      expect(() => checkMailKey(key)).toThrow(PermanentError);
    }
    expect(() => checkMailKey('k'.repeat(255))).not.toThrow();
  });
});
