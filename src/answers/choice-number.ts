/**
 * A choice picked by its position: "2", "#3", "option 2", "the second one",
 * "no. 1", "2nd", "the last one". Returns the 1-based position, or null when the
 * message is anything more than a position. The caller checks the range.
 */

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  '1st': 1, '2nd': 2, '3rd': 3, '4th': 4, '5th': 5, '6th': 6, '7th': 7, '8th': 8, '9th': 9,
};
const CARDINALS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const NOUN = '(?:one|option|choice|answer|button|item)';
const LEAD = `(?:(?:i (?:would |will )?(?:choose|pick|go for|say|select)|(?:let us|lets) go (?:for|with)|go (?:for|with)|pick|choose|select|i think|probably|definitely|it is|its|it s) )?`;

const NUMBERED = new RegExp(`^${LEAD}(?:the )?(?:${NOUN} |number |no |num |#)?#?(\\d{1,2}|one|two|three|four|five|six|seven|eight|nine)(?: please)?$`);
const ORDINAL = new RegExp(`^${LEAD}(?:the )?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|\\d(?:st|nd|rd|th)|last)(?: ${NOUN})?(?: please)?$`);

/** `compacted`: normalised text without clause marks (see normalise.ts). */
export function choicePosition(compacted: string, choiceCount: number): number | null {
  const numbered = NUMBERED.exec(compacted);
  if (numbered) return Number(numbered[1]) || CARDINALS[numbered[1]] || null;
  const ordinal = ORDINAL.exec(compacted);
  if (ordinal) return ordinal[1] === 'last' ? choiceCount : ORDINALS[ordinal[1]] ?? null;
  return null;
}
