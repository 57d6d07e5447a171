import type { AnswerValue } from '../../scoping/questions';
import { answer, fact, hide, type QuestionLexicon } from '../rules';
import { AI, AI_ANY, hedge, polarity } from './common';

/** ai_use: none · exploring · active. Negated and "not yet live" forms come first. */
export const AI_USE: QuestionLexicon<AnswerValue<'ai_use'>> = {
  rules: [
    hedge(null),
    hide(`\\b${AI} (?:governance|policy|policies|questions|ethics|regulation|act)\\b`),
    // "not in production yet", "nothing live" — below active, whatever else they said
    answer('exploring', `\\b(?:not|nothing|none) (?:\\w+ ){0,2}?(?:in production|live|deployed|rolled out)\\b`),
    fact('exploring', `\\b(?:planning|plan|plans|intend|intending|looking|hoping|about|going) to (?:start |begin )?(?:using |use |adopt |introduce |roll out |deploy |bring in |try |trial |pilot )(?:\\w+ ){0,2}?${AI_ANY}\\b`),
    answer('exploring', `\\b(?:planning|plan|plans|intend|intending|hoping) to (?:start|begin|use|adopt|introduce|try|trial|pilot)\\b`),
    fact('none', `\\b(?:do|does|did) not (?:currently |really |actually |yet |even )?(?:use|have|run|deploy|develop|build|rely on|do|touch)(?: any)? ${AI}\\b(?! governance| policy| questions)`),
    fact('none', `\\b(?:not|never) (?:currently |really |yet )?(?:using|used|use|doing|touching|deploying|developing|into) (?:any )?${AI}\\b(?! governance| policy)`),
    fact('none', `\\b(?:no|zero) ${AI} (?:at all|whatsoever|use|usage|systems|tools|in use|here)\\b`),
    fact('none', `\\b(?:use|using|have) no ${AI}\\b`),
    answer('none', `\\b(?:no|zero) ${AI}\\b(?! governance| policy| questions)`),
    answer('none', `^ (?:none|nothing|nil|zero|n a|not at all|not yet|not currently|no plans?|never|not (?:really|much)|we do not|we are not)\\b`),
    answer('none', `\\b(?:do|does) not (?:use|have|do) (?:it|any|them|that)\\b`),
    answer('none', `\\bnone (?:at all|yet|whatsoever)\\b`),
    // exploring: trials, pilots, AI inside bought tools
    fact('exploring', `\\b(?:trial\\w*|pilot\\w*|experiment\\w*|test\\w*|explor\\w*|play\\w*|dabbl\\w*|evaluat\\w*|tinker\\w*|research\\w*)(?: around| out)?(?: with)? (?:\\w+ ){0,2}?${AI_ANY}\\b`),
    fact('exploring', `\\b${AI_ANY} (?:\\w+ ){0,2}?(?:pilots?|trials?|experiments?|proofs? of concept|poc|prototypes?|sandbox)\\b`),
    fact('exploring', `\\b(?:some|a few|a couple of) (?:staff|people|colleagues|teams?|of us) (?:\\w+ ){0,2}?(?:use|using|uses|try|trying) ${AI_ANY}\\b`),
    fact('exploring', `\\b${AI_ANY} (?:features? |functionality )?(?:built into|inside|in|within|bundled with|that comes with) (?:our |the |some )?(?:\\w+ ){0,2}?(?:tools?|software|office|microsoft 365|m365|crm|products we buy|apps?)\\b`),
    answer('exploring', `\\b(?:trial\\w*|trail\\w*|pilot\\w*|experiment\\w*|testing|explor\\w*|playing|dabbl\\w*|evaluat\\w*|tinker\\w*|proofs? of concept|poc|prototyp\\w*|sandbox|hackathon|early (?:days|stages?)|just (?:starting|beginning|getting started)|dipping (?:our|a) toe|looking (?:at|into)|investigating|considering|a (?:bit|little)|off the shelf|bought tools?)\\b`),
    answer('exploring', `\\b(?:chat ?gpt|co ?pilot|copilot|gemini|claude|midjourney|grammarly)\\b`),
    // active: in production, a programme, our own models
    fact('active', `\\b${AI_ANY} (?:\\w+ ){0,3}?(?:in production|live|at scale|in (?:daily|everyday|widespread|heavy) use|across the (?:business|organisation|organization|company))\\b`),
    fact('active', `\\b(?:deployed|deploy|deploying|running|run|rolled out|embedded|ship|shipping|built|build|building|develop|developing|train|training) (?:our own |in house |several |many |multiple )?${AI_ANY}(?: models?| systems?| products?| features?)?\\b(?! pilots?| trials?| governance)`),
    fact('active', `\\b(?:an? |our )?(?:${AI}) (?:programme|program|strategy|team|platform|product|products|company|startup|first|native)\\b`),
    fact('active', `\\b(?:ai|ml) (?:powered|driven|based|enabled) (?:products?|platform|services?|systems?|solutions?)\\b`),
    answer('active', `\\b(?:in production|production|live|deployed|at scale|business as usual|bau|rolled out|embedded|heavily|extensively|widely|everywhere|across the (?:business|organisation|organization|company)|core (?:of|to) (?:our|the)|customer facing|our (?:own )?models?|own models?|in house models?)\\b`),
    answer('active', `\\b(?:ai|ml) (?:powered|driven|based|first|native)\\b`),
    answer<AnswerValue<'ai_use'>>('ambiguous', `^ (?:we )?(?:use|using|do use|have) (?:ai|it|some)(?: yes)? $`),
    ...polarity<AnswerValue<'ai_use'>>('ambiguous', 'none'),
  ],
  overrides: [
    ['active', 'exploring'],
    ['active', 'none'],
    ['exploring', 'none'],
  ],
};

/** ai_materiality: low · medium · high. */
export const AI_MATERIALITY: QuestionLexicon<AnswerValue<'ai_materiality'>> = {
  rules: [
    hedge(null),
    answer('medium', `\\b(?:important|significant|useful|valuable|material) but not (?:\\w+ )?(?:critical|essential|core|central|vital)\\b`),
    answer('low', `\\bnot (?:very |that |really |particularly |especially |hugely |at all |so |too )?(?:important|material|significant|critical|central|core|essential|vital|much|a lot|big|key)\\b`),
    answer('low', `\\b(?:not (?:really|much|very|a lot|that much|at all|hugely)|hardly|barely|scarcely|very little|minimal(?:ly)?|marginal(?:ly)?|peripheral(?:ly)?|low|lowish|minor|tiny|small|limited|slightly|a little|a bit|not critical|non critical|insignificant|nice to have|side project|nothing (?:critical|important|major)|a few (?:staff|people))\\b`),
    fact('low', `\\b(?:only|just|mainly|mostly|purely) (?:for |used for |use it for )?(?:internal (?:productivity|use|admin)|productivity|drafting|emails?|meeting notes|note taking|summari[sz]\\w*|admin|back office)\\b`),
    answer('low', `\\b(?:internal (?:productivity|use|only|admin)|productivity|drafting|emails?|meeting notes|note taking|summari[sz]\\w*|admin tasks|back office)\\b`),
    answer('medium', `\\b(?:quite a lot|quite a bit|a fair (?:bit|amount)|medium|moderately|moderate|mid|middling|somewhat|fairly|quite|reasonably|in between|in the middle|average|growing|increasing(?:ly)?)\\b`),
    answer('medium', `\\b(?:supports?|supporting|helps?|helping|assists?|part of) (?:\\w+ ){0,2}?(?:important|key|core|main|business|critical)? ?(?:processes|operations|functions|workflows|work|services)\\b`),
    fact('high', `\\b(?:${AI}|models?|algorithms?) (?:\\w+ ){0,3}?(?:makes?|making|drives?|driving|informs?|automates?) (?:\\w+ ){0,2}?decisions? (?:about|affecting|that affect|on|for) (?:our )?(?:customers|patients|citizens|residents|people|individuals|applicants|claims|loans|credit|members|service users|the public)\\b`),
    answer('high', `\\b(?:decisions? (?:about|affecting|that affect|on|for) (?:our )?(?:customers|patients|citizens|residents|people|individuals|applicants|claims|loans|credit|members|service users|the public)|automated decisions?|automated decision making)\\b`),
    answer('high', `\\b(?:very important|really important|very much|a great deal|high|highly|critical|critically|central|core|essential|vital|crucial|key|very|extremely|hugely|massively|heavily|entirely|totally|completely|fully|a lot|a great deal|enormously|mission critical|business critical|very important|really important|fundamental|significant(?:ly)?|depend\\w*|reliant|rely (?:on it )?(?:heavily|entirely|completely))\\b`),
    answer('high', `\\b(?:customer|patient|citizen|public) facing\\b`),
    answer('high', `\\b(?:large|big|extensive|huge|sizeable) (?:\\w+ )?(?:estate|portfolio|number of (?:models|systems|use cases))|(?:many|dozens of|hundreds of|lots of) (?:${AI} )?(?:models|systems|use cases)\\b`),
    answer('medium', `\\b(?:important|material|matters|useful|valuable|regularly|day to day|daily)\\b`),
    fact('high', `\\b(?:our (?:product|business|service) is (?:built on |based on )?${AI}|${AI} is (?:central|core|critical|essential|fundamental) to (?:our|the) (?:business|operations|product|services?))\\b`),
  ],
  overrides: [],
};
