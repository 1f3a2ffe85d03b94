// What the demo region holds: 49 youths, each taken by its institution, civil affairs, finance and
// the departments to where it should stand, so that every stage and every pathway has cases, a few
// Baotou tasks are overdue and one payment was refused by the bank. Only data: demoCases.ts drives.
import type { Pathway, Stage, WithdrawalReason } from '../../../domain/vocabulary.js';
import type { DemoPersonFacts } from './demoPeople.js';
import type { Site } from './demoRegion.js';

export interface CaseSpec {
  site: Site;
  /** Days from today to the 18th birthday (negative: already adult). */
  adulthoodInDays: number;
  facts: DemoPersonFacts;
  /** Where the case should stand when the demo is loaded. */
  stage: Stage;
  pathway?: Pathway;
  /** Assessed while in full-time education until this many days from today: deferred. */
  educationUntilInDays?: number;
  /** The assessment's needs (housing, education): more departments get tasks. */
  needs?: { housing?: boolean; education?: boolean };
  /** Social placement: finance approves the subsidy, and the bank pays it (or refuses the account). */
  approvePayment?: boolean;
  /** How many of the pathway's department tasks are done (all of them for placed, supported, closed). */
  tasksDone?: number;
  /** Withdrawn after reaching this stage, for this reason. */
  withdrawFrom?: Stage;
  withdrawReason?: WithdrawalReason;
}

const urban: DemoPersonFacts = { hukouType: 'urban', account: 'valid' };
const rural: DemoPersonFacts = { hukouType: 'rural', account: 'valid' };
const pastoral: DemoPersonFacts = { hukouType: 'pastoral', account: 'valid' };
// Disabilities that meet the destitute criteria (unable to work) of the region's default policy.
const intellectual: DemoPersonFacts = {
  hukouType: 'urban',
  account: 'valid',
  disability: { category: 'intellectual', grade: 2 },
};
const physical: DemoPersonFacts = {
  hukouType: 'rural',
  account: 'valid',
  disability: { category: 'physical', grade: 1 },
};

const h = (spec: Omit<CaseSpec, 'site'>): CaseSpec => ({ site: 'hohhot', ...spec });
const b = (spec: Omit<CaseSpec, 'site'>): CaseSpec => ({ site: 'baotou', ...spec });

export const DEMO_CASES: readonly CaseSpec[] = [
  // Baotou, 昆都仑区, under the drill durations: tasks fall overdue a minute after they open, and the
  // aftercare comes within seconds, so cases close. First, so that their tasks' minute has passed
  // by the time the load ends and someone signs in.
  b({
    adulthoodInDays: -45,
    facts: urban,
    stage: 'social_placement',
    pathway: 'social_placement',
    approvePayment: true,
  }),
  b({
    adulthoodInDays: -55,
    facts: urban,
    stage: 'social_placement',
    pathway: 'social_placement',
    approvePayment: true,
    tasksDone: 1,
  }),
  b({ adulthoodInDays: -65, facts: urban, stage: 'social_placement', pathway: 'social_placement' }),
  b({ adulthoodInDays: -75, facts: intellectual, stage: 'destitute_support', pathway: 'destitute_centralized' }),
  b({ adulthoodInDays: -85, facts: physical, stage: 'destitute_support', pathway: 'destitute_dispersed' }),
  // The failed payment: the bank refuses the account, and the institution has a task to correct it.
  b({
    adulthoodInDays: -95,
    facts: { hukouType: 'urban', account: 'refused' },
    stage: 'social_placement',
    pathway: 'social_placement',
    approvePayment: true,
  }),
  b({ adulthoodInDays: -125, facts: urban, stage: 'placed', pathway: 'social_placement', approvePayment: true }),
  b({ adulthoodInDays: -135, facts: physical, stage: 'supported', pathway: 'destitute_dispersed' }),
  b({ adulthoodInDays: -200, facts: urban, stage: 'closed', pathway: 'social_placement', approvePayment: true }),
  b({ adulthoodInDays: -230, facts: urban, stage: 'closed', pathway: 'social_placement', approvePayment: true }),
  b({ adulthoodInDays: -260, facts: intellectual, stage: 'closed', pathway: 'destitute_centralized' }),
  b({ adulthoodInDays: -28, facts: urban, stage: 'withdrawn', withdrawFrom: 'assessment', withdrawReason: 'adopted' }),

  // Hohhot, 新城区, under the region's published durations.
  h({ adulthoodInDays: 140, facts: urban, stage: 'awaiting_adulthood' }),
  h({ adulthoodInDays: 220, facts: rural, stage: 'awaiting_adulthood' }),
  h({ adulthoodInDays: 310, facts: pastoral, stage: 'awaiting_adulthood' }),
  h({ adulthoodInDays: 420, facts: intellectual, stage: 'awaiting_adulthood' }),
  h({ adulthoodInDays: 12, facts: urban, stage: 'transition_planning' }),
  h({ adulthoodInDays: 34, facts: rural, stage: 'transition_planning' }),
  h({ adulthoodInDays: 58, facts: pastoral, stage: 'transition_planning' }),
  h({ adulthoodInDays: 81, facts: physical, stage: 'transition_planning' }),
  h({ adulthoodInDays: -9, facts: urban, stage: 'assessment' }),
  h({ adulthoodInDays: -23, facts: rural, stage: 'assessment' }),
  h({ adulthoodInDays: -41, facts: intellectual, stage: 'assessment' }),
  h({ adulthoodInDays: -66, facts: pastoral, stage: 'assessment' }),
  h({ adulthoodInDays: -30, facts: urban, stage: 'deferred', educationUntilInDays: 210 }),
  h({ adulthoodInDays: -75, facts: rural, stage: 'deferred', educationUntilInDays: 240 }),
  h({ adulthoodInDays: -120, facts: pastoral, stage: 'deferred', educationUntilInDays: 575 }),
  h({ adulthoodInDays: -35, facts: urban, stage: 'review', pathway: 'social_placement' }),
  h({ adulthoodInDays: -48, facts: pastoral, stage: 'review', pathway: 'social_placement' }),
  h({ adulthoodInDays: -52, facts: intellectual, stage: 'review', pathway: 'destitute_centralized' }),
  h({ adulthoodInDays: -60, facts: physical, stage: 'review', pathway: 'destitute_dispersed' }),
  h({ adulthoodInDays: -70, facts: urban, stage: 'social_placement', pathway: 'social_placement' }),
  h({
    adulthoodInDays: -80,
    facts: rural,
    stage: 'social_placement',
    pathway: 'social_placement',
    needs: { housing: true },
  }),
  h({
    adulthoodInDays: -90,
    facts: urban,
    stage: 'social_placement',
    pathway: 'social_placement',
    approvePayment: true,
  }),
  h({
    adulthoodInDays: -95,
    facts: pastoral,
    stage: 'social_placement',
    pathway: 'social_placement',
    approvePayment: true,
    tasksDone: 2,
  }),
  h({
    adulthoodInDays: -100,
    facts: urban,
    stage: 'social_placement',
    pathway: 'social_placement',
    needs: { education: true },
    approvePayment: true,
    tasksDone: 1,
  }),
  h({ adulthoodInDays: -105, facts: intellectual, stage: 'destitute_support', pathway: 'destitute_centralized' }),
  h({
    adulthoodInDays: -110,
    facts: intellectual,
    stage: 'destitute_support',
    pathway: 'destitute_centralized',
    tasksDone: 2,
  }),
  h({ adulthoodInDays: -115, facts: physical, stage: 'destitute_support', pathway: 'destitute_dispersed' }),
  h({
    adulthoodInDays: -118,
    facts: physical,
    stage: 'destitute_support',
    pathway: 'destitute_dispersed',
    tasksDone: 1,
  }),
  h({ adulthoodInDays: -130, facts: urban, stage: 'placed', pathway: 'social_placement', approvePayment: true }),
  h({
    adulthoodInDays: -140,
    facts: rural,
    stage: 'placed',
    pathway: 'social_placement',
    needs: { housing: true },
    approvePayment: true,
  }),
  h({
    adulthoodInDays: -150,
    facts: pastoral,
    stage: 'placed',
    pathway: 'social_placement',
    needs: { education: true },
    approvePayment: true,
  }),
  h({ adulthoodInDays: -160, facts: intellectual, stage: 'supported', pathway: 'destitute_centralized' }),
  h({ adulthoodInDays: -170, facts: intellectual, stage: 'supported', pathway: 'destitute_centralized' }),
  h({ adulthoodInDays: -180, facts: physical, stage: 'supported', pathway: 'destitute_dispersed' }),
  h({
    adulthoodInDays: 190,
    facts: urban,
    stage: 'withdrawn',
    withdrawFrom: 'awaiting_adulthood',
    withdrawReason: 'moved',
  }),
  h({ adulthoodInDays: -20, facts: rural, stage: 'withdrawn', withdrawFrom: 'assessment', withdrawReason: 'declined' }),
  h({
    adulthoodInDays: -85,
    facts: urban,
    stage: 'withdrawn',
    pathway: 'social_placement',
    withdrawFrom: 'social_placement',
    withdrawReason: 'declined',
  }),
];
