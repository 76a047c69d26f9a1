// The profile (档案) of a talent as sections of fields. Each field is one talent_facts row named after the
// engine fact it feeds (packages/engine/src/facts.ts), except the display-only fields, which the engine
// never sees (loadTalentFacts leaves them out, since checkFacts refuses fact names it does not know).

export type ProfileSection =
  | 'education'
  | 'titles'
  | 'honours'
  | 'employment'
  | 'insurance'
  | 'housing'
  | 'family';

/** Engine facts a talent (or HR, or a department) may set through the profile, by section. */
export const PROFILE_FACTS: Record<ProfileSection, readonly string[]> = {
  education: ['degree', 'schoolLevel', 'graduationDate', 'fullTimeDegree', 'isReturnee', 'isPostdoc'],
  titles: ['professionalTitle', 'skillLevel'],
  honours: ['honours'],
  employment: ['employerType', 'occupation', 'annualSalary', 'arrivalDate', 'hasLocalHukou'],
  insurance: ['socialInsuranceMonths', 'socialInsuranceContinuousMonths', 'socialInsuranceLocal'],
  housing: [
    'ownsHomeInDistrict',
    'purchasePrice',
    'homePurchaseDate',
    'rentsInDistrict',
    'monthlyRent',
    'livesInTalentApartment',
  ],
  family: ['childrenCount'],
};

/** Display-only fields: kept in talent_facts beside the engine facts, never passed to the engine. */
export const DISPLAY_FACTS: Readonly<Record<string, { section: ProfileSection; maxLength: number }>> = {
  schoolName: { section: 'education', maxLength: 100 },
  major: { section: 'education', maxLength: 100 },
  titleName: { section: 'titles', maxLength: 100 },
};

/** Whether a talent_facts row is display-only (not an engine fact). */
export const isDisplayFact = (name: string): boolean => Object.hasOwn(DISPLAY_FACTS, name);

/** Facts the profile never writes: derived from the ID number, the employment or the certification. */
export const MANAGED_FACTS = new Set([
  'birthDate',
  'gender',
  'isForeigner',
  'tier',
  'tierCertifiedDate',
  'employerInDistrict',
  'employmentStartDate',
  'contractYears',
  'received',
]);
