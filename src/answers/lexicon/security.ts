import type { AnswerValue } from '../../scoping/questions';
import { answer, fact, hide, type QuestionLexicon } from '../rules';
import { hedge, hedges, mixed, polarity } from './common';

/** Other certifications, which say nothing about ISO 27001 ("we're 9001 certified"). */
const OTHER_STANDARD =
  '(?:9001|14001|45001|22301|20000|27701|42001|cyber essentials(?: plus)?|ce plus|soc ?2(?: type (?:1|2|i|ii))?|pci(?: dss)?|iasme|dspt|dsp toolkit|nist|hitrust|gdpr)';
const CERT = '(?:certified|certificated|certification|certificate|cert|certs|accredited|accreditation)';
const IT = '(?:27001|it|one|that|iso|the standard|the certificate|the cert|certification|a certificate|a cert)';

/** certification: certified · in-progress · none. */
export const CERTIFICATION: QuestionLexicon<AnswerValue<'certification'>> = {
  rules: [
    hedge(null),
    mixed<AnswerValue<'certification'>>(),
    hide(`\\b${OTHER_STANDARD}(?: and ${OTHER_STANDARD})*(?: (?:\\w+ ){0,2}?${CERT})?\\b`),
    hide(`\\b(?:compliant|compliance|aligned|align|aligning|following|follow|based on|mapped to|in line) (?:with |to )?27001\\b|\\b27001 (?:aligned|compliant|based)\\b`),
    // none: lapsed, never, not, don't have
    fact('none', `\\b(?:certificat\\w* |cert |27001 )?(?:has |have |had )?(?:lapsed|expired|let (?:it|them) (?:lapse|expire)|no longer (?:certified|have it|hold it|have 27001)|not (?:certified )?any ?more|used to (?:be certified|have it|have 27001|hold it|hold 27001))\\b`),
    fact('none', `\\b(?:not|never|nor) (?:\\w+ ){0,2}?(?:27001 )?(?:certified|certificated|accredited)\\b`),
    fact('none', `\\b(?:do|does|did) not (?:yet |currently |actually |even )?(?:have|hold|got)(?: an?| any| the)? (?:27001|iso|certification|27001 certification)\\b`),
    fact('none', `\\bno (?:27001|iso 27001|27001 certification)\\b|\\bnot (?:yet )?27001\\b`),
    answer('none', `\\b(?:do|does|did) not (?:yet |currently |actually |even )?(?:have|hold|got)(?: an?| any| the)? ${IT}\\b`),
    answer('none', `\\b(?:no|zero|without) ${CERT}\\b|\\bno iso\\b`),
    answer('none', `\\b(?:have not|has not|never) (?:even )?(?:got|achieved|started|begun|done|gained|obtained|pursued|looked|bothered|tried)\\b|\\bnot (?:yet|at the moment|currently|at present|right now)\\b`),
    answer('none', `^ (?:none|nothing|nil|n a|never|not (?:really|at all))\\b`),
    fact('certified', `\\b(?:passed|completed|cleared) (?:our |the )?(?:27001 )?(?:stage (?:2|two)|certification audit|certification|audit)\\b|\\b(?:27001 )?(?:surveillance audits?|recertif\\w*)\\b`),
    // in-progress: working towards it
    fact('in-progress', `\\b(?:working|work|going|moving|aiming|heading) (?:towards?|for|on|through) (?:getting |achieving |gaining )?(?:27001|iso|certification)\\b`),
    fact('in-progress', `\\b(?:pursuing|preparing for|implementing|building|getting) (?:an? |our |the )?(?:27001|isms)\\b|\\b27001 (?:project|programme|implementation|is in progress|in progress|audit (?:is )?(?:booked|scheduled|planned|next))\\b`),
    fact('in-progress', `\\b(?:about|hoping|aiming|planning|due|expect\\w*|going|set) to (?:be |get |achieve |gain )?(?:27001 )?certified\\b|\\bwill be (?:27001 )?certified\\b`),
    answer('in-progress', `\\b(?:working|aiming|going|hoping|planning|preparing|on track|due|expect\\w*) (?:towards?|for|to) (?:being |getting |becoming |become |be |get )(?:27001 )?(?:certified|certification)\\b`),
    answer('in-progress', `\\b(?:working (?:towards?|toward|on)|in progress|underway|under way|going (?:for|through)|pursuing|preparing|prep|implementing|implementation|part ?way|halfway|half way|nearly|almost|getting there|getting certified|on (?:the|our) way|in the process|started (?:the )?(?:process|work|journey)|started|begun|gap analysis|readiness|building (?:an|our|the) isms|some way along)\\b`),
    answer('in-progress', `\\b(?:stage (?:1|2|one|two)|certification audit|audit (?:is )?(?:booked|scheduled|planned|next|soon|coming)|by (?:the end of )?(?:next|this) (?:year|quarter|month|spring|summer|autumn|winter))\\b`),
    // certified
    fact('certified', `\\b27001 (?:${CERT}|holders?|accredited)\\b|\\b${CERT} (?:to|for|against|with|under|in) 27001\\b`),
    fact('certified', `\\b(?:have|hold|holding|got|gained|achieved|obtained|passed|renewed|maintain|maintained) (?:had )?(?:an? |the |our )?(?:27001|27001 certification)\\b`),
    fact('certified', `\\b(?:27001 )?(?:surveillance audit|recertif\\w*)\\b`),
    answer('certified', `\\b(?:already |fully |recently |yes )?(?:certified|certificated|accredited)\\b`),
    answer('certified', `\\b(?:have|hold|got|gained|achieved|obtained|passed) (?:it|one|that|the cert\\w*|our cert\\w*|certification|a certificate|the audit|our audit|stage 2)\\b|\\bcertificate\\b`),
    ...polarity<AnswerValue<'certification'>>('certified', 'none'),
  ],
  overrides: [
    ['in-progress', 'none'],
    ['certified', 'in-progress'],
  ],
};

/** infosec_maturity: weak · reasonable · unsure. Negated adjectives first ("not bad", "not great"). */
export const INFOSEC_MATURITY: QuestionLexicon<AnswerValue<'infosec_maturity'>> = {
  rules: [
    ...hedges<AnswerValue<'infosec_maturity'>>('unsure'),
    answer('unsure', `\\b(?:never (?:been )?(?:assessed|audited|checked|reviewed|tested)|not (?:been )?(?:assessed|audited|checked|reviewed)|no (?:assessment|audit|idea how)|maybe|possibly|depends|it varies|could go either way|somewhere in between)\\b`),
    answer('reasonable', `\\bnot (?:too |that |so |all that |particularly )?(?:bad|weak|poor|terrible|awful|immature)\\b`),
    answer('weak', `\\bnot (?:very |that |particularly |especially |too |so |all that |great|good )?(?:strong|mature|good|great|robust|solid|reasonable|decent|brilliant|ideal|where (?:we|it) should be)\\b|\\bnot great\\b`),
    fact('weak', `\\b(?:our |the )?(?:information |info |cyber )?security (?:controls |posture |policies |maturity )?(?:is |are )?(?:very |quite |pretty |fairly |rather )?(?:weak|poor|immature|basic|patchy|lacking|minimal|informal|ad hoc|non existent|inadequate)\\b`),
    fact('weak', `\\bno (?:formal )?(?:security (?:policies|controls|team|function)|isms|information security (?:policies|controls))\\b`),
    answer('weak', `\\b(?:weak|weaker|poor|poorly|immature|basic|patchy|lacking|limited|minimal|informal|ad hoc|non existent|nonexistent|inadequate|bad|terrible|awful|shaky|chaotic|messy|a mess|behind|low|needs? (?:\\w+ ){0,3}?(?:work|improvement|improving|attention)|could be better|room for improvement|early days|starting from scratch|from scratch|nothing (?:formal|in place|written down)|not much|very little|gaps?|no (?:formal )?(?:policies|controls|processes))\\b`),
    fact('reasonable', `\\b(?:our |the )?(?:information |info |cyber )?security (?:controls |posture |policies |maturity )?(?:is |are )?(?:very |quite |pretty |fairly |reasonably )?(?:good|strong|solid|mature|robust|decent|reasonable|in (?:good|decent|reasonable) shape)\\b`),
    answer('reasonable', `\\b(?:reasonable|reasonably|decent|good|solid|strong|mature|robust|ok|okay|fine|fair|fairly good|pretty good|adequate|sound|established|well (?:run|managed|established|documented|controlled)|in (?:good|decent|reasonable|ok|okay) shape|under control|on top of it|sorted|moderate|average|medium|alright|all right|competent|tight)\\b`),
    answer('reasonable', `\\b(?:cyber essentials(?: plus)?|soc ?2|aligned (?:to|with) 27001|27001 aligned|(?:policies|controls) (?:are )?in place|follow 27001|nist)\\b`),
    answer<AnswerValue<'infosec_maturity'>>(null, `\\b(?:information security|infosec|security|controls?)\\b`),
  ],
  overrides: [],
};
