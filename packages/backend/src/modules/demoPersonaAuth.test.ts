import { personaFromHeader } from './demoPersonaAuth';

describe('personaFromHeader', () => {
  it('accepts a catalog user name', () => {
    expect(personaFromHeader('tomas.silva')).toBe('tomas.silva');
  });

  it.each([
    undefined,
    '',
    'user:default/guest',
    'Guest',
    '../admin',
    'a'.repeat(64),
  ])('refuses %j', value => {
    expect(() => personaFromHeader(value)).toThrow('x-demo-persona header');
  });
});
