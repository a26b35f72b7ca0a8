import { INPUT_LIMITS, findInputProblem, isUuid, textProblem } from './well-formed-input';

describe(textProblem.name, () => {
  it('accepts Japanese text and astral characters written as proper surrogate pairs', () => {
    expect(textProblem('マイナ免許証 𠮷野家 😀')).toBeNull();
  });

  it.each([
    ['NUL', 'a\u0000b', /NUL/],
    ['a lone high surrogate', 'x\ud800', /lone UTF-16 surrogate/],
    ['a lone low surrogate at the start', '\udc00x', /lone UTF-16 surrogate/],
    ['a reversed pair', '\udc00\ud800', /lone UTF-16 surrogate/],
    ['a high surrogate at the very end', 'ok\ud83d', /lone UTF-16 surrogate/],
  ])('refuses %s', (_name, text, message) => {
    expect(textProblem(text)).toMatch(message);
  });

  it('bounds the length', () => {
    expect(textProblem('a'.repeat(INPUT_LIMITS.maxStringLength))).toBeNull();
    expect(textProblem('a'.repeat(INPUT_LIMITS.maxStringLength + 1))).toMatch(/at most 100000 characters/);
    expect(textProblem('abc', 2)).toMatch(/at most 2 characters/);
  });
});

describe(findInputProblem.name, () => {
  it('names the path to the faulty value, keys and list items included', () => {
    expect(findInputProblem({ input: { content: { items: ['ok', 'b\u0000'] } } }, '')?.field).toBe('input.content.items[1]');
    expect(findInputProblem({ a: { ['k\ud800']: 1 } }, 'variables')?.field).toBe('variables.a.<invalid key>');
    expect(findInputProblem({ a: 1, b: [true, null, 2.5], c: '本文' }, '')).toBeNull();
  });

  it('refuses lists that are too long and nesting that is too deep', () => {
    expect(findInputProblem({ list: new Array(INPUT_LIMITS.maxListLength + 1).fill(0) }, '')?.field).toBe('list');
    let deep: unknown = 'leaf';
    for (let i = 0; i < INPUT_LIMITS.maxDepth + 1; i++) deep = [deep];
    expect(findInputProblem(deep, 'v')?.message).toMatch(/nested more than 32 levels/);
  });
});

describe(isUuid.name, () => {
  it('accepts UUIDs in either case and nothing else', () => {
    expect(isUuid('0b0e7c5e-8d1a-4f0e-9c39-2f5d7b1e6a42')).toBe(true);
    expect(isUuid('0B0E7C5E-8D1A-4F0E-9C39-2F5D7B1E6A42')).toBe(true);
    for (const bad of ['-'.repeat(36), '0b0e7c5e8d1a4f0e9c392f5d7b1e6a42', '0b0e7c5e-8d1a-4f0e-9c39-2f5d7b1e6a42 ', 42, null]) {
      expect(isUuid(bad)).toBe(false);
    }
  });
});
