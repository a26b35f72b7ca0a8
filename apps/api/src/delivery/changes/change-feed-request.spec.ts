import { DomainError } from '@policy-cms/common';
import { changesQuestion, streamStart } from './change-feed-request';

function refusal(run: () => unknown): { code: string; field: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe(changesQuestion.name, () => {
  it('reads after and limit, leaving out what is not given', () => {
    expect(changesQuestion('after=42&limit=10', ['after', 'limit'])).toEqual({ after: '42', limit: 10 });
    expect(changesQuestion('', ['after', 'limit'])).toEqual({ after: null, limit: null });
  });

  it.each([
    ['limit=1e2', 'limit'],
    ['limit=', 'limit'],
    ['limit=%201', 'limit'],
    ['after=01', 'after'],
    ['afer=1', 'afer'],
    ['limit=1&limit=2', 'limit'],
  ])('refuses %s as BAD_USER_INPUT on %s', (query, field) => {
    expect(refusal(() => changesQuestion(query, ['after', 'limit']))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  it('refuses limit on the stream, which takes after only', () => {
    expect(refusal(() => changesQuestion('limit=5', ['after']))).toEqual({ code: 'BAD_USER_INPUT', field: 'limit' });
  });
});

describe(streamStart.name, () => {
  it('starts after Last-Event-ID before after, and at the current end (null) with neither', () => {
    expect(streamStart('7', '3')).toEqual({ after: '7', field: 'Last-Event-ID' });
    expect(streamStart(undefined, '3')).toEqual({ after: '3', field: 'after' });
    expect(streamStart('', null)).toEqual({ after: null, field: 'after' });
    expect(streamStart(undefined, null)).toEqual({ after: null, field: 'after' });
  });

  it('refuses a Last-Event-ID this feed did not hand out', () => {
    expect(refusal(() => streamStart('x1', null))).toEqual({ code: 'BAD_USER_INPUT', field: 'Last-Event-ID' });
  });
});
