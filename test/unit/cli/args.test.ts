import { describe, expect, it } from 'vitest';
import { expectPositionals, parse, positiveInteger, wantsHelp } from '../../../src/cli/args.js';
import { UsageError } from '../../../src/cli/failure.js';

const options = { json: { type: 'boolean' }, output: { type: 'string', short: 'o' } } as const;

describe('parse', () => {
  it('returns typed flags and positionals', () => {
    const { values, positionals } = parse(['o_user', '-o', 'file.png', 'hi', '--json'], options);
    expect(values).toEqual({ json: true, output: 'file.png' });
    expect(positionals).toEqual(['o_user', 'hi']);
  });

  it('treats everything after -- as positionals', () => {
    expect(parse(['--', '--json'], options).positionals).toEqual(['--json']);
  });

  it('turns an unknown flag into a UsageError with the first sentence of the reason', () => {
    expect(() => parse(['--bogus'], options)).toThrow(UsageError);
    expect(() => parse(['--bogus'], options)).toThrow("Unknown option '--bogus'");
  });

  it('turns a missing flag value into a UsageError', () => {
    expect(() => parse(['--output'], options)).toThrow(UsageError);
  });
});

describe('wantsHelp', () => {
  it('finds --help and -h before --, even beside bad flags', () => {
    expect(wantsHelp(['--bogus', '--help'])).toBe(true);
    expect(wantsHelp(['-h'])).toBe(true);
    expect(wantsHelp(['send', '--', '--help'])).toBe(false);
    expect(wantsHelp(['o_user', 'help'])).toBe(false);
  });
});

describe('expectPositionals', () => {
  it('names the missing arguments', () => {
    expect(() => expectPositionals([], { required: ['openid'] })).toThrow('missing <openid>');
  });

  it('refuses extra arguments unless rest is allowed', () => {
    expect(() => expectPositionals(['a', 'b'], { required: ['openid'] })).toThrow('unexpected argument "b"');
    expect(() => expectPositionals(['a', 'b', 'c'], { required: ['openid'], rest: true })).not.toThrow();
  });
});

describe('positiveInteger', () => {
  it('parses positive integers and refuses anything else', () => {
    expect(positiveInteger('timeout', undefined)).toBeUndefined();
    expect(positiveInteger('timeout', '5000')).toBe(5000);
    for (const bad of ['0', '-1', '1.5', '1e3', 'abc', '']) {
      expect(() => positiveInteger('timeout', bad)).toThrow(UsageError);
    }
  });
});
