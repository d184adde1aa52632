import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { UploadInput } from '../../api/media.js';
import type { MediaType } from '../../options.js';
import { expectPositionals } from '../args.js';
import { ExitCode } from '../command.js';
import { apiApplication } from '../config.js';
import { defineCommand } from '../define.js';
import { UsageError } from '../failure.js';

const TYPES: readonly MediaType[] = ['image', 'voice', 'video', 'thumb'];

/** `wechat-cs upload <file>`: uploads temporary media and prints its media_id (SPEC §6.1). */
export const uploadCommand = defineCommand({
  name: 'upload',
  summary: 'upload a temporary media file and print its media_id',
  usage: `Usage: wechat-cs upload <file|-> [--type image|voice|video|thumb]

Uploads a file as temporary media (valid 3 days) and prints its media_id on stdout, so that
  wechat-cs send <openid> --image "$(wechat-cs upload cat.png)"
works. "-" reads the file from stdin. The format is checked from the file's bytes; mini programs
can upload images only (PNG, JPEG, GIF; 2 MB).

Options:
  --type <type>       image (default), voice, video or thumb (official accounts)
  --filename <name>   the name WeChat sees; default the file's name`,
  options: {
    type: { type: 'string', default: 'image' },
    filename: { type: 'string' },
  },
  async run({ values, positionals, io, out, config }) {
    expectPositionals(positionals, { required: ['file'] });
    const [file = ''] = positionals;
    const type = values.type as MediaType;
    if (!TYPES.includes(type)) {
      throw new UsageError(`--type must be image, voice, video or thumb, got ${JSON.stringify(values.type)}`);
    }
    const input = await uploadInput(file, io.stdin);
    const app = apiApplication('upload', config, out);
    const result = await app.media.upload(input, { type, filename: values.filename });
    if (out.json) {
      out.printJson({ ok: true, ...result });
    } else {
      out.print(result.media_id);
      out.note(
        `uploaded ${file === '-' ? 'stdin' : file} as ${result.type}; the media_id is valid for 3 days`,
      );
    }
    return ExitCode.ok;
  },
});

/** A path (checked here, for a clear message) or stdin. */
async function uploadInput(file: string, stdin: NodeJS.ReadableStream | undefined): Promise<UploadInput> {
  if (file === '-') {
    if (stdin === undefined) throw new UsageError('no stdin to read the file from');
    return Readable.from(stdin);
  }
  const info = await stat(file).catch(() => undefined);
  if (info === undefined) throw new UsageError(`cannot read ${JSON.stringify(file)}: no such file`);
  if (!info.isFile()) throw new UsageError(`${JSON.stringify(file)} is not a file`);
  return { path: file };
}
