import { describe, expect, it } from 'vitest';
import { safeName } from '../../../src/cli/commands/download.js';

describe('safeName', () => {
  it('keeps an ordinary filename', () => {
    expect(safeName('MEDIA_ID.jpg', 'MEDIA_ID')).toBe('MEDIA_ID.jpg');
  });

  it('drops any directory part, including Windows-style and traversal', () => {
    expect(safeName('../../etc/passwd', 'M')).toBe('passwd');
    expect(safeName('C:\\Users\\x\\evil.png', 'M')).toBe('evil.png');
  });

  it('replaces unusual characters and refuses hidden or empty names', () => {
    expect(safeName('a b;$(rm).png', 'M')).toBe('a_b___rm_.png');
    expect(safeName('.bashrc', 'M')).toBe('bashrc');
    expect(safeName('..', 'M-1')).toBe('M-1.bin');
    expect(safeName('', 'a/b')).toBe('a_b.bin');
  });
});
