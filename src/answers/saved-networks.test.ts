import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { NeuralNetwork } from '@nlpjs/neural';
import { QUESTION_ORDER } from '../scoping/questions';
import { folderModelCache } from '../intents/model-cache';
import { trainClassifier } from './classifier';
import { createReader, TRAINING_STEPS, type Reader } from './reader';

/**
 * The reader's trained networks are kept in the intents' model cache: a reader
 * that loads them must read every text exactly as a freshly trained one does,
 * and a change to the examples must never load the old network.
 */

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'answer-models-'))));
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

const texts = [
  "we've got ChatGPT pilots but nothing live",
  'about 40 models in production',
  'working towards 27001, audit in march',
  'our controls are patchy',
  'it decides who gets a mortgage',
  'we are a housing association',
  'some of our users are in Germany',
  'enterprise customers send us security questionnaires, nobody asked about AI yet',
  'go back',
  'can I book a call',
  'dunno',
  'the second one',
];

/** Everything the trained parts decide about a text, for every question. */
function readingsOf(reader: Reader) {
  return texts.map((text) => ({
    notAnAnswer: reader.isNotAnAnswer(text),
    byQuestion: QUESTION_ORDER.map((question) => reader.context(question, text)),
  }));
}

function trainAll(reader: Reader): Reader {
  for (const step of TRAINING_STEPS) reader.train(step);
  return reader;
}

describe('saved answer-reader networks', () => {
  it('are written on the first training, then loaded without training, and read every text as a fresh reader does', () => {
    const fresh = readingsOf(trainAll(createReader()));
    trainAll(createReader({ models: folderModelCache({ readFrom: [], writeTo: dir }) }));
    const saved = fs.readdirSync(dir).sort();
    expect(saved).toHaveLength(TRAINING_STEPS.length);
    for (const step of TRAINING_STEPS) expect(saved.some((file) => new RegExp(`^answers-${step}-[0-9a-f]{32}\\.json$`).test(file))).toBe(true);

    const training = jest.spyOn(NeuralNetwork.prototype, 'train');
    const loaded = trainAll(createReader({ models: folderModelCache({ readFrom: [dir] }) }));
    expect(training).not.toHaveBeenCalled();
    expect(readingsOf(loaded)).toEqual(fresh);
  });

  const examples = (extra: string[] = []) =>
    new Map([
      ['yes', ['we are certified', 'we hold the certificate', ...extra]],
      ['no', ['not certified', 'we have nothing like that']],
    ]);
  const prepare = (text: string) => text;

  it('are never loaded for different examples: a changed example trains and keeps a network of its own', () => {
    const models = folderModelCache({ readFrom: [dir], writeTo: dir });
    trainClassifier(examples(), prepare, {}, { models, name: 'answers-test' });
    const training = jest.spyOn(NeuralNetwork.prototype, 'train');
    trainClassifier(examples(), prepare, {}, { models, name: 'answers-test' });
    expect(training).not.toHaveBeenCalled();
    const changed = trainClassifier(examples(['certificate on the wall']), prepare, {}, { models, name: 'answers-test' });
    expect(training).toHaveBeenCalledTimes(1);
    expect(fs.readdirSync(dir)).toHaveLength(2);
    expect(changed.classify('certificate on the wall')[0].label).toBe('yes');
  });

  it('trains as if nothing were saved when a saved file is not a network', () => {
    const models = folderModelCache({ readFrom: [dir], writeTo: dir });
    trainClassifier(examples(), prepare, {}, { models, name: 'answers-test' });
    const [file] = fs.readdirSync(dir);
    fs.writeFileSync(path.join(dir, file), JSON.stringify({ settings: {}, features: ['a'], intents: ['yes'], perceptrons: [[1]] }));
    const training = jest.spyOn(NeuralNetwork.prototype, 'train');
    const classifier = trainClassifier(examples(), prepare, {}, { models, name: 'answers-test' });
    expect(training).toHaveBeenCalledTimes(1);
    expect(classifier.classify('we are certified')[0].label).toBe('yes');
  });
});
