import { describe, expect, it } from 'vitest';
import { safeFilename } from '../../../src/api/download-name.js';

describe('safeFilename', () => {
  it('keeps an ordinary name as it is', () => {
    expect(safeFilename('MEDIA_ID.jpg')).toBe('MEDIA_ID.jpg');
    expect(safeFilename('照片 1.png')).toBe('照片 1.png');
    expect(safeFilename('.profile')).toBe('.profile');
  });

  it('keeps the base name of a POSIX or Windows path', () => {
    expect(safeFilename('../../x')).toBe('x');
    expect(safeFilename('/etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Windows\\evil.exe')).toBe('evil.exe');
    expect(safeFilename('..\\../a.jpg')).toBe('a.jpg');
  });

  it('drops C0 and C1 control characters, including ones hiding a separator', () => {
    expect(safeFilename('a\r\nb\u0000c\u001b\u007f\u0085.jpg')).toBe('abc.jpg');
    expect(safeFilename('..\u0000/x.jpg')).toBe('x.jpg');
  });

  it('leaves nothing for a name that is only dots, separators, spaces or control characters', () => {
    for (const raw of ['', ' ', '.', '..', '...', '/', '../..', 'a/', '\t\r\n', '. .']) {
      expect(safeFilename(raw)).toBeUndefined();
    }
    expect(safeFilename(undefined)).toBeUndefined();
  });
});
