// The engine's data model: a validated policy pack (camelCase mirror of the YAML in docs/pack-format.md)
// and the shapes of its decisions and explanations.

/** A language the engine writes text in. */
export type Lang = 'zh' | 'en';

/** A piece of text in Chinese and English. */
export interface Text {
  zh: string;
  en: string;
}

/** An ISO calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** Who a policy or fact is about. */
export type Audience = 'talent' | 'enterprise';

/** The type of a fact in the fact schema. */
export type FactType =
  | 'boolean'
  | 'integer'
  | 'number'
  | 'string'
  | 'date'
  | 'enum'
  | 'string_list'
  | 'money_map';

/** One fact the conditions may read: core (engine-provided), derived, or declared by the pack. */
export interface FactDef {
  name: string;
  type: FactType;
  /** `both` for facts that exist on talents and enterprises alike (industry, received). */
  subject: Audience | 'both';
  label: Text;
  /** Members of an enum, or the known members of a string_list (then `contains` is checked against them). */
  values?: string[];
  valueLabels?: Record<string, Text>;
  /** For derived facts: the input fact they are computed from (reported as missing in their place). */
  derivedFrom?: string;
  origin: 'core' | 'derived' | 'pack';
}

/** The typed fact schema of a pack: core facts, derived facts and the pack's extensions. */
export type FactSchema = Record<string, FactDef>;

/** The operators a condition leaf may use. */
export type Op =
  | 'eq'
  | 'ne'
  | 'in'
  | 'not_in'
  | 'lt'
  | 'lte'
  | 'gt'
  | 'gte'
  | 'between'
  | 'contains'
  | 'exists'
  | 'within'
  | 'before'
  | 'after';

/** A literal a condition compares a fact to. */
export type Scalar = string | number | boolean;

/** A span of time before the evaluation date, for the `within` operator. */
export interface Period {
  years?: number;
  months?: number;
  days?: number;
}

interface Annotated {
  label?: Text;
  ref?: string;
}

/** All children must pass. */
export interface AllCondition extends Annotated {
  all: Condition[];
}

/** At least one child must pass. */
export interface AnyCondition extends Annotated {
  any: Condition[];
}

/** The child must fail. */
export interface NotCondition extends Annotated {
  not: Condition;
}

/** A comparison of one fact with a literal, a parameter or (for `within`) a period. */
export interface LeafCondition extends Annotated {
  fact: string;
  op: Op;
  value?: Scalar | Scalar[];
  param?: string;
  period?: Period;
}

/** A condition tree (all / any / not over leaves). */
export type Condition = AllCondition | AnyCondition | NotCondition | LeafCondition;

/** Where something was declared in the pack's files. */
export interface SourceLocation {
  file: string;
  line: number;
}

/** A document cited by `reference:` fields. */
export interface Reference {
  id: string;
  title: string;
  issued?: IsoDate;
  url?: string;
}

/** Money a policy draws on. */
export interface Fund {
  id: string;
  name: Text;
}

/** How an exclusivity group (就高不重复 and friends) picks one of its eligible members. */
export type Resolution = 'highest' | 'newest' | 'priority';

/** A set of policies of which a subject receives at most one. */
export interface ExclusivityGroup {
  id: string;
  name: Text;
  resolution: Resolution;
}

/** A value of a parameter: a number, a string, a list or a table of key → number. */
export type ParamValue = number | string | boolean | Scalar[] | Record<string, number>;

/** A named amount or threshold whose value changes on dated keys. */
export interface Parameter {
  name: string;
  description?: Text;
  unit?: string;
  reference?: string;
  illustrative: boolean;
  /** Sorted by date ascending; the value in force is the one with the latest date ≤ the evaluation date. */
  values: { from: IsoDate; value: ParamValue }[];
  at: SourceLocation;
}

/** A quantity: a literal, a parameter, or (where allowed) a numeric fact. */
export type NumberRef = number | { param: string } | { fact: string };

/** The base of an amount. */
export type AmountBase =
  | { kind: 'fixed'; value: NumberRef }
  | { kind: 'table'; fact: string; param: string }
  | { kind: 'percent'; fact: string; rate: NumberRef; max?: NumberRef }
  | { kind: 'monthly'; perMonth: NumberRef; months: NumberRef }
  | { kind: 'per_unit'; fact: string; rate: NumberRef; max?: NumberRef };

/** How much a policy grants: a base, then multiplier, deduct and cap, never below 0. */
export interface AmountSpec {
  base: AmountBase;
  multiplier?: NumberRef;
  deduct?: string[];
  cap?: NumberRef;
}

/** When an instalment falls due. */
export type Due = 'on_grant' | { afterMonths: number; condition?: Condition };

/** One share of an amount paid at one time. */
export interface InstalmentSpec {
  share: number;
  due: Due;
}

/** A policy's payment schedule (omitted = lump sum on grant). */
export interface ScheduleSpec {
  instalments: InstalmentSpec[];
}

/** A document an applicant supplies. */
export interface Material {
  id: string;
  name: Text;
  optional: boolean;
}

/** One step of the review of an application. */
export interface ReviewStage {
  id: string;
  name: Text;
  days?: number;
  department?: string;
}

/** The kinds of policy the format knows. */
export type PolicyKind =
  | 'housing'
  | 'rent'
  | 'living_allowance'
  | 'startup'
  | 'project'
  | 'award'
  | 'employer_reward'
  | 'loan'
  | 'schooling'
  | 'medical'
  | 'transport'
  | 'event'
  | 'apartment'
  | 'training'
  | 'other';

/** One policy of a pack: who qualifies, what they get, how it is paid and reviewed. */
export interface Policy {
  id: string;
  title: Text;
  summary?: Text;
  originalText?: string;
  reference?: string;
  department?: Text;
  audience: Audience;
  kind: PolicyKind;
  illustrative: boolean;
  effective: { from: IsoDate; to?: IsoDate };
  conditions: Condition;
  amount?: AmountSpec;
  schedule?: ScheduleSpec;
  exclusivity?: { group: string; priority?: number };
  grantMode: 'apply' | 'automatic';
  materials: Material[];
  reviewStages: ReviewStage[];
  fund?: string;
  stacksOn?: string[];
  notes?: string;
  at: SourceLocation;
}

/** A service a tier's talent code unlocks. */
export interface Entitlement {
  service: string;
  name: Text;
  quota?: { count: number; per: string };
}

/** One level of the district's talent catalogue (分层分类人才目录). */
export interface Tier {
  id: string;
  name: Text;
  criteria: Condition;
  entitlements: Entitlement[];
  at: SourceLocation;
}

/** The talent catalogue's header. */
export interface Catalogue {
  name: Text;
  validityYears?: number;
  reference?: string;
}

/** Expected outcome for one policy in a pack test case. */
export interface PolicyExpectation {
  verdict?: Verdict;
  amount?: number;
  schedule?: number[];
  scheduleStates?: InstalmentState[];
  missing?: string[];
}

/** A pack test: a sentence, a date, facts and what the engine must answer. */
export interface PackTestCase {
  name: string;
  date: IsoDate;
  subject: Audience;
  facts: Facts;
  grantDate?: IsoDate;
  expect: {
    tier?: string;
    policies: Record<string, PolicyExpectation>;
    chosen?: Record<string, string | null>;
    total?: number;
  };
  at: SourceLocation;
}

/** A development indicator with its baseline and target (the seeds' 表2), passed through validated. */
export interface Indicator {
  code: string;
  name: Text;
  unit: string;
  baseline: number | null;
  baselineYear: number;
  target: number | null;
  targetYear: number;
  category?: string;
  source?: string;
  computedFrom?: string | string[];
  /** An outcome already measured (e.g. the previous plan's 表1), with its year and the plan's verdict on it. */
  actual?: number | null;
  actualYear?: number;
  completion?: string;
}

/** A group of indicators (人才总量, 人才结构, …). */
export interface IndicatorCategory {
  id: string;
  name: Text;
}

/** A problem found while loading a pack, located in its file. */
export interface LoadIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  messageZh: string;
  path: string;
}

/** A validated policy pack. */
export interface Pack {
  id: string;
  name: Text;
  version: string;
  currency: string;
  references: Reference[];
  funds: Fund[];
  exclusivityGroups: ExclusivityGroup[];
  /** The full fact schema (core, derived and the pack's own facts). */
  schema: FactSchema;
  catalogue?: Catalogue;
  tiers: Tier[];
  parameters: Record<string, Parameter>;
  policies: Policy[];
  tests: PackTestCase[];
  indicators: Indicator[];
  indicatorCategories: IndicatorCategory[];
  /** Problems that do not stop the pack from loading (e.g. a citation of an unlisted reference). */
  warnings: LoadIssue[];
}

/** A subject's facts: fact name → value; absent or null means "not known". */
export type Facts = Readonly<Record<string, unknown>>;

/** The three-valued result of a condition. */
export type Status = 'pass' | 'fail' | 'unknown';

/** A policy's verdict for one subject on one date. */
export type Verdict = 'eligible' | 'ineligible' | 'unknown';

/** The state of an instalment on the evaluation date. */
export type InstalmentState = 'due' | 'pending' | 'unknown';

/** A parameter as used on a date: its value in force and where that value comes from. */
export interface ParamUse {
  name: string;
  value: ParamValue | undefined;
  since?: IsoDate;
  unit?: string;
  reference?: string;
  illustrative: boolean;
}

/** One node of an explanation: the condition, its status, and the values compared. */
export interface ExplainNode {
  kind: 'all' | 'any' | 'not' | 'leaf';
  status: Status;
  text: Text;
  fact: string | undefined;
  op: Op | undefined;
  actual: unknown;
  expected: unknown;
  param: ParamUse | undefined;
  ref: string | undefined;
  /** Facts whose absence keeps this node unknown (empty unless the status is unknown). */
  missing: readonly string[];
  children: ExplainNode[] | undefined;
}

/** One step of an amount computation, with the running total after it. */
export interface AmountStep {
  step: 'fixed' | 'table' | 'percent' | 'monthly' | 'per_unit' | 'multiplier' | 'deduct' | 'cap' | 'floor';
  total: number;
  text: Text;
  params: ParamUse[];
  facts: Record<string, unknown>;
}

/** The amount a policy grants a subject; `value` is null when a fact it needs is missing. */
export interface AmountResult {
  value: number | null;
  missing: string[];
  steps: AmountStep[];
}

/** One instalment's amount and state on the evaluation date. */
export interface Instalment {
  share: number;
  amount: number | null;
  due: Due;
  /** The date it falls due, counted from the grant date (or the evaluation date when not granted yet). */
  dueDate: IsoDate;
  state: InstalmentState;
  missing: string[];
}

/** A policy's outcome for one subject on one date. */
export interface Decision {
  policyId: string;
  title: Text;
  kind: PolicyKind;
  verdict: Verdict;
  /** One line saying why: eligible, which facts to give, or the first condition not met. */
  summary: Text;
  /** Whether the date lies in the policy's effective window. */
  inForce: boolean;
  /** Eligible: what is granted; unknown: what would be granted if eligible (when computable); ineligible: 0. */
  amount: number | null;
  amountMissing: string[];
  schedule: Instalment[];
  /** For an unknown verdict: the facts that could decide it. */
  missing: string[];
  grantMode: 'apply' | 'automatic';
  fund: string | undefined;
  /** Set for members of an exclusivity group: whether this policy is the one the group keeps. */
  exclusivity: { group: string; chosen: boolean; chosenPolicy: string | null } | undefined;
}

/** How one exclusivity group was resolved for a subject. */
export interface GroupResolution {
  group: string;
  resolution: Resolution;
  chosen: string | null;
  /** Every member with its verdict and amount: what the others would give. */
  members: { policyId: string; verdict: Verdict; amount: number | null }[];
  /** True when a member with an unknown verdict could still beat the chosen one. */
  undecided: boolean;
}

/** Everything a subject is entitled to on a date. */
export interface SubjectEvaluation {
  subject: Audience;
  asOf: IsoDate;
  decisions: Decision[];
  groups: GroupResolution[];
  /** Sum of the eligible amounts after 就高不重复 (each group contributes only its chosen policy). */
  total: number;
  /** False when an eligible amount could not be computed (a fact it needs is missing). */
  totalComplete: boolean;
  /** Union of the facts that could turn unknown verdicts into answers. */
  missing: string[];
}

/** A policy's decision together with the reasons: the condition tree, the amount steps, the schedule. */
export interface Explanation {
  policyId: string;
  title: Text;
  asOf: IsoDate;
  verdict: Verdict;
  window: { from: IsoDate; to: IsoDate | undefined; inForce: boolean };
  condition: ExplainNode;
  missing: string[];
  amount: AmountResult;
  schedule: Instalment[];
}

/** The catalogue tier a talent's facts qualify for. */
export interface TierClassification {
  /** The best tier whose criteria pass, or `NONE`. */
  tier: string;
  /** False when a better tier is still unknown (see `unknown`). */
  definite: boolean;
  explanation: ExplainNode | undefined;
  /** Better tiers that could qualify if the listed facts were given. */
  unknown: { tier: string; missing: string[]; explanation: ExplainNode }[];
}
