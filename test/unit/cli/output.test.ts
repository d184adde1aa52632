import { describe, expect, it } from 'vitest';
import { describeContext, Output } from '../../../src/cli/output.js';
import { memoryIo } from './memory-io.js';

describe('the CLI logger', () => {
  it('prints an SDK retry warning as one human line, not JSON', () => {
    const io = memoryIo();
    const out = new Output(io.io, false);
    out
      .logger()
      .warn(
        { path: '/cgi-bin/stable_token', retry: 1, delayMs: 184, error: 'connect ECONNREFUSED 127.0.0.1:9' },
        'retrying a WeChat API call',
      );
    expect(io.stderr()).toBe(
      'warning: retrying a WeChat API call (retry 1 in 184 ms, path /cgi-bin/stable_token): connect ECONNREFUSED 127.0.0.1:9\n',
    );
    expect(io.stdout()).toBe('');
  });

  it('redacts registered secrets from the line', () => {
    const io = memoryIo();
    const out = new Output(io.io, false);
    out.addSecret('s3cr3t-value');
    out.logger().error({ err: new Error('bad s3cr3t-value') }, 'failed');
    expect(io.stderr()).toBe('error: failed: bad [redacted]\n');
  });

  it('describes any context', () => {
    expect(describeContext({})).toBe('');
    expect(describeContext({ openid: 'o1', count: 2 })).toBe(' (openid o1, count 2)');
    expect(describeContext({ retry: 2 })).toBe(' (retry 2)');
    expect(describeContext({ error: new Error('boom') })).toBe(': boom');
  });
});
