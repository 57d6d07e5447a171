import type { AnswerValue } from '../../scoping/questions';
import { answer, fact, hide, type QuestionLexicon } from '../rules';
import { AI, EU_PLACES, hedge, hedges, mixed, polarity } from './common';

const PEOPLE =
  '(?:customers?|clients?|users?|offices?|operations?|staff|employees|subsidiar(?:y|ies)|branch(?:es)?|sales|partners?|people|patients|members|buyers|teams?|business|presence|entity|entities|markets?|contracts?)';
const UK = '(?:uk|u k|united kingdom|britain|great britain|gb|england|scotland|wales|northern ireland|home nations)';

/** eu_exposure: yes · no · unsure. Denials before mentions; any real EU use wins over "mostly UK". */
export const EU_EXPOSURE: QuestionLexicon<AnswerValue<'eu_exposure'>> = {
  rules: [
    ...hedges<AnswerValue<'eu_exposure'>>('unsure'),
    mixed<AnswerValue<'eu_exposure'>>(),
    answer('unsure', `\\b(?:maybe|possibly|perhaps|potentially|might be|might|could be|it depends|depends|not that we know|not as far as (?:i|we) know|probably not|probably|unclear)\\b`),
    fact('no', `\\b(?:not|never) (?:\\w+ ){0,2}?(?:in|into|to|within|across|from|inside|used in) (?:the )?(?:eu|e u|european union|europe)\\b`),
    fact('no', `\\b(?:no|zero|without|not any|do not have any|do not have) (?:eu|e u|european|europe|international|overseas|foreign) ?${PEOPLE}?\\b`),
    fact('no', `\\b(?:no|zero|not any|do not have any|do not have) ${PEOPLE} (?:\\w+ ){0,2}?(?:in|from|across) (?:the )?(?:eu|e u|european union|europe|abroad|overseas)\\b`),
    fact('no', `\\b(?:do|does) not (?:sell|operate|trade|work|deal|do business|have (?:any )?${PEOPLE}) (?:\\w+ ){0,2}?(?:in|into|to|with|across|outside|beyond) (?:the )?(?:eu|e u|european union|europe|${UK}|abroad|overseas)\\b`),
    fact('no', `\\b(?:${UK} only|only (?:in |within |inside )?(?:the )?${UK}|(?:just|solely|purely|entirely|exclusively|wholly) (?:in |within )?(?:the )?${UK}|(?:entirely|purely|exclusively|only) (?:domestic|uk based)|domestic only|not outside (?:the )?${UK}|(?:only|solely|just|exclusively) (?:operate|trade|sell|work|do business)(?: \\w+)? (?:in|within|inside) (?:the )?${UK})\\b`),
    hide('\\bnorthern ireland\\b'),
    answer('no', `\\b(?:${UK} (?:based|focused|centric|customers|market)|domestic|nowhere else|not abroad|not (?:used )?overseas|internal only|only internal(?:ly)?|in house only)\\b`),
    fact('yes', `\\b${PEOPLE} (?:\\w+ ){0,3}?(?:in|across|throughout|from|based in|located in|all over|around) (?:the )?(?:rest of )?${EU_PLACES}\\b`),
    fact('yes', `\\b(?:sell|sells|selling|operate|operates|operating|trade|trading|expand\\w*|used|use|deployed|available) (?:\\w+ ){0,2}?(?:in|into|across|throughout|to) (?:the )?${EU_PLACES}\\b`),
    fact('yes', `\\b(?:eu|european|pan european|eu wide|europe wide|continental) (?:${PEOPLE}|wide)\\b`),
    answer('yes', `\\b(?:${EU_PLACES}|international(?:ly)?|global(?:ly)?|worldwide|overseas|abroad|across borders)\\b`),
    ...polarity<AnswerValue<'eu_exposure'>>('yes', 'no'),
  ],
  overrides: [['yes', 'no']],
};

const ASK = '(?:asks?|asking|asked|request|requests|requesting|requested|require|requires|requiring|required|mention|mentions|want|wants|demand|demands|query|queries|questions?)';
const AI_GOV = `(?:${AI} (?:governance|policy|policies|assurance|evidence|ethics|risk|risks|use|usage|controls|management)|responsible ${AI}|42001|ai act|how we (?:use|govern|manage) ${AI})`;
const SECURITY = '(?:security|infosec|information security|cyber ?security|cyber|27001|cyber essentials(?: plus)?|soc ?2|pen ?tests?|penetration tests?|gdpr|data protection|ddq|due diligence)';

const BUYERS = '(?:customers?|clients?|buyers?|tenders?|rfps?|procurement teams?|questionnaires?|prospects?|frameworks?)';
/** Asking, as a buyer does (not "we want to know"). */
const BUYER_ASKS = '(?:asks?|asking|asked|requests?|requesting|requested|requires?|requiring|required|demands?|include|including|cover|covers|expects?|questions?)';

/** procurement: ai-governance · security-only · none. Any real ask about AI wins. */
export const PROCUREMENT: QuestionLexicon<AnswerValue<'procurement'>> = {
  rules: [
    hedge(null),
    fact('none', `\\b(?:no ?one|nobody|none of (?:them|our (?:customers|clients))|no (?:customers?|clients?|buyers?|tenders?)|(?:customers?|clients?|buyers?|they|tenders?) (?:do|does|did) not|never) (?:\\w+ ){0,3}?${ASK} (?:\\w+ ){0,3}?(?:(?:about |for |on )?(?:either|anything|any of (?:that|this|it)|${AI} or ${SECURITY}|${SECURITY} or ${AI}))\\b`),
    hide(`\\b(?:not|never|no|nothing|rarely|hardly ever|do not ${ASK}|does not ${ASK}) (?:\\w+ ){0,3}?(?:about |on |for |regarding |around )?(?:${AI_GOV}|${AI})\\b`),
    fact('security-only', `\\b(?:only|just|mainly|mostly|purely|simply) (?:\\w+ ){0,3}?${SECURITY}\\b`),
    fact('security-only', `\\b${SECURITY} (?:questionnaires?|evidence|certification|certificates?|assurance|requirements|questions|reviews?|audits?|checks?) (?:only|is all|and nothing else)\\b`),
    fact('ai-governance', `\\b${BUYERS} (?:\\w+ ){0,4}?${BUYER_ASKS} (?:\\w+ ){0,3}?(?:about |for |on |regarding |around |how )?(?:${AI_GOV})\\b`),
    answer('ai-governance', `\\b(?:${ASK}|asking us|ask us|tenders?|rfps?|bids?|questionnaires?|procurement|buyers?|customers?|clients?) (?:\\w+ ){0,4}?(?:about |for |on |regarding |around |how )?(?:${AI_GOV})\\b`),
    fact('ai-governance', `\\b${AI_GOV} (?:questions?|sections?|requirements?|clauses?|evidence|questionnaires?) (?:in|from|on) (?:\\w+ ){0,2}?(?:tenders?|rfps?|bids?|procurement|customers?|clients?|contracts?)\\b`),
    answer('ai-governance', `\\b(?:${AI_GOV}|${AI}|both|ai and security|security and ai|all of (?:it|that|the above))\\b`),
    fact('none', `\\b(?:no ?one|nobody|none of (?:them|our (?:customers|clients))|(?:customers?|clients?|buyers?) (?:do|does|did) not|never (?:been )?) (?:\\w+ ){0,3}?${ASK}\\b`),
    answer('none', `\\b(?:do|does|did) not (?:\\w+ ){0,2}?(?:${ASK}|come up|bid|tender)\\b|\\b(?:never|not) (?:really )?(?:comes? up|came up|been asked|an issue|a thing|required|asked)\\b`),
    answer('none', `\\b(?:no (?:requests?|requirements?|questions?|demand|pressure|tenders?|questionnaires?)|we do not do tenders|no one|nobody|nothing|none|neither|not yet|not really|not at the moment|not currently|rarely|n a)\\b`),
    answer('security-only', `\\b(?:${SECURITY}(?: questionnaires?| evidence| certification| assurance| requirements| questions| reviews?)?|questionnaires?)\\b`),
    ...polarity<AnswerValue<'procurement'>>('ambiguous', 'none'),
  ],
  overrides: [
    ['ai-governance', 'security-only'],
    ['ai-governance', 'none'],
    ['security-only', 'none'],
  ],
};
