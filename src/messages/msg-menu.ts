import { ValidationError } from '../errors.js';
import type { OutgoingMessage, SendPayload } from './message.js';
import { checkObject, checkOptionalString, checkString } from './validate.js';

export interface MsgMenuOption {
  /** Comes back as `bizmsgmenuid` when the user taps the option. */
  id: string;
  content: string;
}

export interface MsgMenuOptions {
  headContent?: string;
  list: readonly MsgMenuOption[];
  tailContent?: string;
}

/** A menu of tappable replies (official accounts), e.g. a satisfaction survey. */
export class MsgMenu implements OutgoingMessage<'msgmenu'> {
  readonly type = 'msgmenu';
  readonly headContent: string | undefined;
  readonly list: readonly Readonly<MsgMenuOption>[];
  readonly tailContent: string | undefined;

  constructor(options: MsgMenuOptions) {
    checkObject('msgmenu', options);
    if (!Array.isArray(options.list) || options.list.length === 0) {
      throw new ValidationError('msgmenu.list', 'must be a non-empty array of { id, content }');
    }
    this.headContent = checkOptionalString('msgmenu.head_content', options.headContent);
    this.tailContent = checkOptionalString('msgmenu.tail_content', options.tailContent);
    this.list = Object.freeze(
      options.list.map((option, i) =>
        Object.freeze({
          id: checkString(`msgmenu.list[${i}].id`, option?.id),
          content: checkString(`msgmenu.list[${i}].content`, option?.content),
        }),
      ),
    );
    Object.freeze(this);
  }

  toPayload(): SendPayload {
    return {
      msgtype: 'msgmenu',
      msgmenu: {
        ...(this.headContent === undefined ? {} : { head_content: this.headContent }),
        list: this.list.map(({ id, content }) => ({ id, content })),
        ...(this.tailContent === undefined ? {} : { tail_content: this.tailContent }),
      },
    };
  }
}
