import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

describe('npm run classify (scripts/classify.ts)', () => {
  it('prints one JSON line {text, intent, confidence} per input line and nothing else', () => {
    const input = ['how long does certifcation take', 'tell me a joke', 'hello'].join('\n') + '\n';
    const run = spawnSync('npx', ['tsx', 'scripts/classify.ts'], { cwd: ROOT, input, encoding: 'utf8' });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { text: 'how long does certifcation take', intent: 'faq.timeline', confidence: expect.any(Number) },
      { text: 'tell me a joke', intent: null, confidence: expect.any(Number) },
      { text: 'hello', intent: 'chat.greeting', confidence: expect.any(Number) },
    ]);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['text', 'intent', 'confidence']);
      expect(line.confidence).toBeGreaterThanOrEqual(0);
      expect(line.confidence).toBeLessThanOrEqual(1);
    }
  });
});
