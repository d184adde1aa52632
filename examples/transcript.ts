/**
 * Prints a simulator chat as terminal lines, for `npm run demo`: what the user typed, what the
 * bot sent (text, cards, and what a card hands to `bindcontact`), and WeChat's own notices.
 */
import type { ChatEntry } from 'wechat-customer-service/simulator';

const indent = (text: string, prefix: string) => text.split('\n').join(`\n${' '.repeat(prefix.length)}`);

/** The lines that show one chat entry. */
export function describeEntry(entry: ChatEntry): string[] {
  if (entry.from === 'user') {
    const user = '  user › ';
    if (entry.kind === 'text') return [user + indent(entry.text, user)];
    if (entry.kind === 'image') return [`${user}[image]`];
    return [`${user}[mini-program card] "${entry.title}" (${entry.pagePath})`];
  }
  if (entry.from === 'bot') {
    const bot = '  bot  ‹ ';
    switch (entry.kind) {
      case 'text':
        return [bot + indent(entry.text, bot)];
      case 'image':
        return [`${bot}[image]`];
      case 'link':
        return [`${bot}[link] "${entry.title}" → ${entry.url}`];
      case 'miniprogrampage':
        return [
          `${bot}[mini-program card] "${entry.title}" → ${entry.pagePath}`,
          `         tapping it returns to the mini program: bindcontact gets path "${entry.contact.path}", query ${JSON.stringify(entry.contact.query)}`,
        ];
      default:
        return [`${bot}[${entry.msgtype}]`];
    }
  }
  switch (entry.kind) {
    case 'enter':
      return [
        `  ·  the user opens the chat from <button open-type="contact" session-from="${entry.sessionFrom}">`,
      ];
    case 'notice':
      return [`  ·  WeChat shows "${entry.text}" (${entry.problem})`];
    default:
      return ['  ·  WeChat hands the user to a human agent (transfer_customer_service)'];
  }
}
