import type { Command } from '../command.js';
import { checkCommand } from './check.js';
import { downloadCommand } from './download.js';
import { sendCommand } from './send.js';
import { simulateCommand } from './simulate.js';
import { tokenCommand } from './token.js';
import { typingCommand } from './typing.js';
import { uploadCommand } from './upload.js';

/** Every `wechat-cs` subcommand, in the order `wechat-cs --help` lists them. */
export const COMMANDS: readonly Command[] = [
  simulateCommand,
  sendCommand,
  typingCommand,
  uploadCommand,
  downloadCommand,
  tokenCommand,
  checkCommand,
];
