import { describe, expect, it } from 'vitest';
import { unclosedTags } from './wellFormed.ts';

describe('the markup check', () => {
  it('accepts nested, self-closing and text content', () => {
    expect(unclosedTags('<svg a="1"><g><line x="2"/><text>1 &lt; 2</text></g></svg>')).toEqual([]);
  });

  it('names what is left open or closed out of order', () => {
    expect(unclosedTags('<svg><g><text>x</text>')).toEqual(['svg', 'g']);
    expect(unclosedTags('<svg><g></svg>')).toEqual(['svg', 'g', 'unexpected </svg>']);
  });
});
