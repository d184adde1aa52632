import { writeFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { expectPositionals } from '../args.js';
import { ExitCode } from '../command.js';
import { apiApplication } from '../config.js';
import { defineCommand } from '../define.js';

/** `wechat-cs download <media_id>`: saves temporary media, e.g. an image a user sent (SPEC §6.2). */
export const downloadCommand = defineCommand({
  name: 'download',
  summary: 'download a temporary media file (e.g. an image a user sent)',
  usage: `Usage: wechat-cs download <media_id> [-o <file>|-] [--force]

Downloads temporary media (the MediaId of a user's image, valid 3 days) and saves it under the
name WeChat gives it in the current directory. An official account's video comes as a link,
which is printed instead.

Options:
  -o, --output <file> where to save it; "-" writes the bytes to stdout
  --force             overwrite an existing file`,
  options: {
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean' },
  },
  async run({ values, positionals, io, out, config }) {
    expectPositionals(positionals, { required: ['media_id'] });
    const [mediaId = ''] = positionals;
    const app = apiApplication('download', config, out);
    const file = await app.media.get(mediaId);
    const meta = { mediaId, contentType: file.contentType, bytes: file.data.length };
    if (file.video_url !== undefined) {
      if (out.json) out.printJson({ ok: true, ...meta, video_url: file.video_url });
      else out.print(file.video_url);
      return ExitCode.ok;
    }
    if (values.output === '-') {
      await out.writeBytes(file.data);
      return ExitCode.ok;
    }
    const path = resolve(io.cwd ?? process.cwd(), values.output ?? safeName(file.filename, mediaId));
    await save(path, file.data, values.force === true);
    if (out.json) out.printJson({ ok: true, ...meta, path });
    else out.print(`saved ${file.data.length} bytes (${file.contentType}) to ${path}`);
    return ExitCode.ok;
  },
});

/**
 * The server's filename reduced to a plain name in the current directory: no path, no control
 * or shell-unfriendly characters, not hidden (the name comes from a response header).
 */
export function safeName(filename: string, mediaId: string): string {
  const name = basename(filename.replaceAll('\\', '/'))
    .replace(/[^\w.-]/g, '_')
    .replace(/^\.+/, '');
  return name === '' ? `${mediaId.replace(/[^\w-]/g, '_')}.bin` : name;
}

async function save(path: string, data: Buffer, force: boolean): Promise<void> {
  try {
    await writeFile(path, data, { flag: force ? 'w' : 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new Error(`${path} exists; pass --force to overwrite it or -o to choose another name`);
    }
    throw error;
  }
}
