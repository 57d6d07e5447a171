import { gazetteer } from '../entities/places';
import type { Rule } from './verdict';

/**
 * eu_exposure rules, from the places a message names (entities/places.ts):
 * - an EU place where outputs are used or customers are → yes: "customers in
 *   Cork", "our Lisbon warehouse runs on the forecasts", "Dutch clients";
 * - an EU place only in a denied clause ("nothing in the EU", "none of our
 *   customers are in Europe"), or only places outside the EU → no;
 * - an EU place only on the supplying side ("our suppliers are in Ireland")
 *   says nothing about where outputs are used: with "used here" or a UK place
 *   it is no, confirmed first; otherwise left to the classifier.
 * A hedge ("not sure", "there might be") leaves it to the unsure reading.
 */
const SUPPLY_SIDE = /\b(?:suppliers?|supplier|vendors?|providers?|hosted|hosting|servers?|data ?cent(?:re|er)s?|developers?|devs|engineers?|outsourc\w*|offshore|manufactur\w*|built|made|headquarter\w*|hq|contractors?|factory|call cent(?:re|er) staff)\b/;

export const euExposureRule: Rule = (context) => {
  if (context.hedged || context.tentative) return null;
  const places = gazetteer();
  let euUsed = false;
  let euSupplyOnly = false;
  let euDenied = false;
  let elsewhere = false;
  const found = places.find(context.text);
  for (const part of context.parts) {
    const words = ` ${part.words.join(' ')} `;
    for (const place of found.filter((p) => p.start >= part.start && p.end <= part.end)) {
      if (place.region !== 'eu') {
        // "we don't sell outside the UK" names the only place, denial and all.
        if (!part.negated || /\boutside (?:of )?(?:the )?$/.test(context.text.slice(part.start, place.start).toLowerCase())) elsewhere = true;
      } else if (part.negated) euDenied = true;
      else if (SUPPLY_SIDE.test(words)) euSupplyOnly = true;
      else euUsed = true;
    }
    if (!part.negated && places.home.some((h) => words.includes(` ${h} `))) elsewhere = true;
  }
  if (euUsed) {
    const check = euDenied ? 'negation' : context.contrast ? 'contrast' : null;
    return { value: 'yes', confidence: check ? 0.75 : 0.92, check };
  }
  if (euSupplyOnly) return elsewhere ? { value: 'no', confidence: 0.7, check: 'contrast' } : null;
  if (euDenied) return { value: 'no', confidence: 0.85, check: context.contrast ? 'contrast' : null };
  if (elsewhere) return { value: 'no', confidence: 0.85 };
  return null;
};
