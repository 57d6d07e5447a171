import { Marked } from 'marked';
import { markedTerminal } from 'marked-terminal';

/**
 * The bot's markdown (bold, lists, links, the italic disclaimer) drawn for a
 * terminal by marked-terminal: styles where the terminal shows them, plain
 * text with links spelled out where it does not (a pipe, a file).
 */
export function terminalMarkdown(width = Math.min(process.stdout.columns || 80, 100)): (text: string) => string {
  const marked = new Marked(markedTerminal({ reflowText: true, width: width - 6, tab: 2 }) as never);
  return (text) => (marked.parse(text, { async: false }) as string).replace(/\n+$/, '');
}
