/** `npm run content:check`: validates content/faq and content/intents; exits non-zero on any problem. */
import { loadIntentContent } from '../src/intents/content';

const dir = process.argv[2];
const result = loadIntentContent(dir);
if (result.ok) {
  console.log('OK: intent content is valid');
} else {
  for (const error of result.errors) console.error(error);
  console.error(`${result.errors.length} problem(s) found`);
  process.exitCode = 1;
}
