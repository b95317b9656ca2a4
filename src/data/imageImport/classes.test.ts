import { describe, expect, it } from 'vitest';
import { assignClasses, folderOf, isJunkPath } from './classes';

describe('classes from folders', () => {
  it('names each image by its folder, sorted as people count, same names merged', () => {
    const paths = ['d/10/a.png', 'd/2/b.png', 'd/2/c.png', 'train/3/x.png', 'test/3/y.png'];
    expect(assignClasses(paths, 'd', 26)).toEqual({ classes: ['2', '3', '10'], labels: [2, 0, 0, 1, 1], tooMany: 0 });
  });

  it('makes one class of images all in one folder, or of loose files', () => {
    expect(assignClasses(['digits/a.png', 'digits/b.png'], 'digits', 26)).toEqual({ classes: ['digits'], labels: [0, 0], tooMany: 0 });
    expect(assignClasses(['a.png', 'b.png'], 'images', 26).classes).toEqual(['images']);
  });

  it('falls back to one class when there are more folders than allowed', () => {
    const paths = Array.from({ length: 30 }, (_, i) => `d/c${i}/a.png`);
    const got = assignClasses(paths, 'd', 26);
    expect(got.classes).toEqual(['d']);
    expect(got.tooMany).toBe(30);
  });

  it('knows system clutter and folder parts', () => {
    expect(isJunkPath('d/.DS_Store')).toBe(true);
    expect(isJunkPath('__MACOSX/d/._a.png')).toBe(true);
    expect(isJunkPath('d/Thumbs.db')).toBe(true);
    expect(isJunkPath('d/3/a.png')).toBe(false);
    expect(folderOf('d/3/a.png')).toBe('d/3');
    expect(folderOf('a.png')).toBe('');
  });
});
