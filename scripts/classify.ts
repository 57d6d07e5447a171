/**
 * `npm run --silent classify < file`: one JSON line per input line,
 * {"text","intent","confidence"}, from exactly the recogniser the bot uses.
 * Only those lines go to stdout; problems go to stderr.
 */
import readline from 'node:readline';
import { loadIntentContent } from '../src/intents/content';
import { createRecogniser } from '../src/intents/recogniser';
import { runMain } from './run-main';

async function main(): Promise<number> {
  const content = loadIntentContent();
  if (!content.ok) {
    content.errors.forEach((e) => console.error(e));
    return 1;
  }
  const recogniser = await createRecogniser(content.content);
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.replace(/^\uFEFF/, '');
    const match = await recogniser.recognise(text);
    process.stdout.write(`${JSON.stringify({ text, intent: match.contract, confidence: match.confidence })}\n`);
  }
  return 0;
}

runMain(main);
