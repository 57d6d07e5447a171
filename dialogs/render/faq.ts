import type { Config } from '../../src/config/config';
import { fill, type Messages } from '../../src/content/copy';
import type { FaqEntry } from '../../src/intents/content';

/**
 * A curated answer as the visitor reads it: settings the firm controls filled
 * in ({callPrice}, {callFormat}), and the named primary source under any fact
 * the firm's article does not give.
 */
export function faqText(entry: FaqEntry, config: Config, messages: Messages): string {
  const price = config.booking.callPrice;
  const callPrice =
    price === null ? messages.callPrice.unknown : /^free\b/i.test(price) ? messages.callPrice.free : fill(messages.callPrice.priced, { price });
  const answer = fill(entry.answer, { callPrice, callFormat: messages.callFormat[config.booking.callFormat] });
  return entry.sources ? `${answer}\n\n_${fill(messages.faqSources, { sources: entry.sources.join('; ') })}_` : answer;
}
