// @rencai/engine — rules as code: load and validate a district's policy pack, compile it, evaluate and
// explain decisions, match subjects in bulk, translate conditions to SQL and text, run the pack's tests.

/** The `pack check | test | explain` command line, shared with the server's `rencai` CLI. */
export { type CliIo, runPackCli } from './cli';
/** Compiles a loaded pack so that evaluations bind parameters and generate predicates once per date. */
export { type BoundPolicy, type CompiledPack, type CompiledPolicy, compilePack } from './compile';
/** The compiled predicate of a bound condition and its source, for inspection and benchmarks. */
export { compilePredicate, type Predicate, predicateSource } from './conditions/compile';
/** Parses an evaluation date once (CompiledPolicy.on and CompiledPack.tiersOn take one). */
export { type DateContext, dateContext } from './dates';
/** Writes conditions as readable Chinese or English text. */
export { type DescribeOptions, describeCondition } from './describe';
/** The loader's one error type: every problem of a pack with file, line, column and messages. */
export { formatIssue, PackLoadError } from './errors';
/** Per-subject answers: every policy's verdict, amount and schedule, exclusivity and the catalogue tier. */
export {
  classifyTier,
  decide,
  type EvaluateOptions,
  evaluateSubject,
  explainPolicy,
} from './evaluate';
/** The fact schema's core facts and a type check of a subject's facts before evaluation. */
export { checkFacts, coreSchema, DERIVED, type FactProblem, NO_TIER } from './facts';
/** Reads and validates the pack in a directory, throwing PackLoadError with every problem located. */
export { loadPack, loadPackFromFiles, type PackFiles } from './load/index';
/** Streams many subjects through the compiled predicates ("policy finds people"). */
export {
  type BulkMatch,
  type BulkOptions,
  type BulkPolicyMatch,
  type BulkSubject,
  type ColumnarBatch,
  type ColumnarOptions,
  matchBulk,
  matchBulkColumnar,
} from './match';
/** Bulk matching over a columnar subject table, in this thread or split across worker threads. */
export {
  matchTable,
  matchTableParallel,
  type ParallelOptions,
  type TableBatch,
  type TableMatchOptions,
} from './match-table';
/** Translates a policy's conditions to a PostgreSQL WHERE expression with the same three-valued meaning. */
export { type ColumnMap, type SqlWhere, type ToSqlOptions, toSql } from './sql';
/** Lays out subjects as typed columns of the facts a pack reads, for matchTable. */
export { type Column, rowFacts, type SubjectTable, subjectTable, type TableOptions } from './table';
/** Runs the pack's own test cases and reports, per sentence, what differed. */
export { type PackTestReport, type PackTestResult, runPackTest, runPackTests } from './testing';
export type {
  AllCondition,
  AmountBase,
  AmountResult,
  AmountSpec,
  AmountStep,
  AnyCondition,
  Audience,
  Catalogue,
  Condition,
  Decision,
  Due,
  Entitlement,
  ExclusivityGroup,
  ExplainNode,
  Explanation,
  FactDef,
  FactSchema,
  Facts,
  FactType,
  Fund,
  GroupResolution,
  Indicator,
  IndicatorCategory,
  Instalment,
  InstalmentSpec,
  InstalmentState,
  IsoDate,
  Lang,
  LeafCondition,
  LoadIssue,
  Material,
  NotCondition,
  NumberRef,
  Op,
  Pack,
  PackTestCase,
  Parameter,
  ParamUse,
  ParamValue,
  Period,
  Policy,
  PolicyExpectation,
  PolicyKind,
  Reference,
  Resolution,
  ReviewStage,
  Scalar,
  ScheduleSpec,
  Status,
  SubjectEvaluation,
  Text,
  Tier,
  TierClassification,
  Verdict,
} from './types';
