import { describe, expect, it } from 'vitest';
import { isCompleteShortcut } from './shortcuts.ts';

const press = (
  code: string,
  modifiers: Partial<Record<'alt' | 'ctrl' | 'meta' | 'shift', boolean>>,
) => ({
  code,
  altKey: modifiers.alt ?? false,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  shiftKey: modifiers.shift ?? false,
});

describe('isCompleteShortcut', () => {
  it('is Alt and the C key, whatever character the layout makes of it', () => {
    expect(isCompleteShortcut(press('KeyC', { alt: true }))).toBe(true);
  });

  it('is not C alone, as a typed barcode or name may hold one, nor another chord with C', () => {
    expect(isCompleteShortcut(press('KeyC', {}))).toBe(false);
    expect(isCompleteShortcut(press('KeyC', { alt: true, ctrl: true }))).toBe(false);
    expect(isCompleteShortcut(press('KeyC', { alt: true, shift: true }))).toBe(false);
    expect(isCompleteShortcut(press('Enter', { alt: true }))).toBe(false);
  });
});
