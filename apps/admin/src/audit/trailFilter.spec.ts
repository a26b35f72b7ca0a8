/// <reference types="jest" />
import { trailFilterOf } from './trailFilter';

describe(trailFilterOf.name, () => {
  it('sends a kind of actor chosen in the 実行者 filter as actorKind, a person as actorId, and the rest as it is', () => {
    expect(trailFilterOf({ actorId: 'SYSTEM', policyKey: 'myna.facilities' })).toEqual({ actorKind: 'SYSTEM', policyKey: 'myna.facilities' });
    expect(trailFilterOf({ actorId: 'ANONYMOUS' })).toEqual({ actorKind: 'ANONYMOUS' });
    const person = { actorId: '16ec5662-7a3e-4c1b-9d2f-0a1b2c3d4e5f', action: 'auth.login' };
    expect(trailFilterOf(person)).toEqual(person);
    expect(trailFilterOf({})).toEqual({});
  });
});
