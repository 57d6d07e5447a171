import type { AnswerValue } from '../../scoping/questions';
import { answer, fact, hide, type QuestionLexicon } from '../rules';
import { hedge, SELF } from './common';

type Sector = AnswerValue<'sector'>;

/** Words naming a sector, longest phrases first within each group. */
const NOUNS: Record<Sector, string> = {
  health:
    '(?:nhs(?: [a-z]+){0,2}? trusts?|nhs|foundation trusts?|hospital trusts?|hospitals?|health ?care|health services?|health boards?|clinics?|clinical|gp (?:practices?|surgery|surgeries)|general practice|gps|care homes?|social care|pharmac\\w*|dental|dentists?|icbs?|integrated care (?:boards?|systems?)|ccgs?|ambulance(?: service| trust)?|hospices?|mental health|medical|medtech|health ?tech|life sciences|nursing|health)',
  public:
    '(?:(?:district|county|borough|city|town|parish|metropolitan|unitary|combined|local) (?:councils?|authorit(?:y|ies))|councils?|local authorit(?:y|ies)|local government|local gov|central government|government(?: departments?| agenc(?:y|ies)| bod(?:y|ies))?|gov|civil service|civil servants?|ministry(?: of [a-z]+)?|whitehall|home office|hmrc|dwp|cabinet office|police(?: force| service)?|fire (?:and rescue )?service|public sector|public bod(?:y|ies)|public authorit(?:y|ies)|non departmental public body|ndpb|quango|arms length bod(?:y|ies)|devolved (?:government|administration)|scottish government|welsh government|public)',
  financial:
    '(?:banks?|banking|building societ(?:y|ies)|insurance|insurers?|reinsurance|underwrit\\w*|investment (?:firm|manager|management|bank)|investments?|asset manage\\w*|wealth manage\\w*|fund manage\\w*|hedge funds?|private equity|pension (?:funds?|schemes?|providers?)|pensions?|lenders?|lending|credit unions?|fintech|payments?(?: provider| company)?|brokers?|brokerage|stockbrokers?|mortgages?|financial services|finance|financial|fca regulated|trading firm|capital markets)',
  professional:
    '(?:law firms?|legal(?: services| practice| firm| sector)?|solicitors?|barristers?|chambers|lawyers?|attorneys?|accountants?|accountancy|accounting(?: firm| practice)?|audit firm|auditors?|tax advis\\w*|management consult\\w*|consult(?:ancy|ancies|ing|ants?)|advisory|professional services|architects?|surveyors?|recruit(?:ment|ers?)|public relations|pr (?:firm|agency)|marketing agency)',
  'telecoms-media':
    '(?:telecoms?|telecommunications?|telcos?|mobile (?:networks?|operators?)|network operators?|isps?|internet service providers?|broadband|communications providers?|comms providers?|broadcast\\w*|social media|media|tv|television|radio|publish(?:er|ers|ing)|newspapers?|news|journalism|online platforms?|streaming|video platforms?|online marketplaces?|gaming)',
  technology:
    '(?:software|saas|tech|technology|it (?:services?|company|firm|provider|consultancy|support|department)|managed services? providers?|msps?|cloud (?:providers?|services?|company)|app developers?|developers?|data (?:company|analytics)|cyber ?security (?:company|firm|vendor)|ai (?:company|startup|start up|vendor|lab)|dev shop|product company|b2b)',
  other:
    '(?:other|something else|none of (?:these|those|them|the above)|neither|not listed|elsewhere|retail\\w*|shops?|e ?commerce|manufactur\\w*|factory|construction|engineering|education|schools?|universit(?:y|ies)|colleges?|academy trusts?|academ(?:y|ies)|charit(?:y|ies)|charitable|not for profit|non profit|nonprofit|third sector|voluntary sector|energy|utilit(?:y|ies)|water company|oil and gas|logistics|transport\\w*|shipping|haulage|aviation|airlines?|rail|hospitality|hotels?|restaurants?|leisure|tourism|travel|property|real estate|housing(?: associations?)?|agricultur\\w*|farming|food|drinks?|automotive|aerospace|defence|sport)',
};

const SECTORS = Object.keys(NOUNS) as Sector[];
const SECTOR_NOUN = `(?:${SECTORS.filter((s) => s !== 'technology' && s !== 'other').map((s) => NOUNS[s]).join('|')})`;

/** Whom they sell to is not who they are: "a SaaS company selling to NHS trusts". */
const CUSTOMERS =
  `(?<=\\b(?:sell|sells|selling|sold|supply|supplies|supplying|supplier|suppliers|serve|serves|serving|provide|provides|providing|provider|vendor|work with|working with|partner with|partnering with|customers|clients|contracts? with|on behalf of)\\b(?: [a-z0-9]+){0,3}?)` +
  ` (?:to |into |for |with |include |including |are |in |like |such as )?(?:the |our |local |many |some |several |mainly |mostly |lots of )?(?:[a-z]+ ){0,2}?${SECTOR_NOUN}\\b`;

/** Phrases whose words would otherwise point at the wrong sector: [sector or null, phrase]. */
const COMPOSITES: readonly (readonly [Sector | null, string])[] = [
  [null, '(?:health and safety|the public|publicly|public (?:limited|company|cloud|facing|domain|sector customers|sector clients)|plc)'],
  ['financial', '(?:health|medical|life) insur\\w*'],
  ['technology', '(?:(?:accounting|legal|finance|financial|banking|insurance|hr|health ?care|media|telecoms?) (?:software|saas|tech|technology|platform|app)(?: company| firm| vendor| provider)?|legal ?tech|reg ?tech|ed ?tech|insur ?tech)'],
  ['technology', 'it (?:consultancy|consulting)'],
  ['public', '(?:ministry of defence|mod)'],
];

/** "not a bank", "we are not public sector": a sector named only to deny it. */
const DENIED = `\\b(?:not|never|no longer) (?:an? |the |in (?:the )?|part of (?:the )?)?(?:[a-z]+ ){0,1}?(?:${SECTORS.map((s) => NOUNS[s]).join('|')})\\b`;

export const SECTOR: QuestionLexicon<Sector> = {
  rules: [
    hedge(null),
    hide(DENIED),
    hide(CUSTOMERS),
    ...COMPOSITES.map(([sector, phrase]) => fact(sector, `${SELF}${phrase}\\b`)),
    ...COMPOSITES.map(([sector, phrase]) => (sector === null ? hide<Sector>(`\\b${phrase}\\b`) : answer(sector, `\\b${phrase}\\b`))),
    ...SECTORS.map((sector) => fact(sector, `${SELF}${NOUNS[sector]}\\b`)),
    ...SECTORS.map((sector) => answer(sector, `\\b${NOUNS[sector]}\\b`)),
  ],
  overrides: [],
};
