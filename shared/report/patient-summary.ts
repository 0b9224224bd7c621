/**
 * The optional page for patient partners (issue 9, item 4): what the numbers mean for people
 * waiting, in plain English: short sentences, everyday words, no statistical terms, and counts
 * of 1-7 people never shown (they become "a few people"). The text is checked with the Flesch
 * reading ease score (readability.ts) and must score 60 or more.
 */
import type { CentreFacts } from '../business-case/prefill';
import { EXTRA, type PublishedCase } from '../business-case/publish';
import { trendReading, type TrendReading } from '../business-case/trend';
import { SUPPRESSED_ICON } from '../output/words';
import { SUPPRESSION_MARKER } from '../privacy/suppression';

/** A heading and its short paragraphs. */
export interface PlainSection {
  heading: string;
  paragraphs: string[];
}

/** A share as "about N in every 10 people" words. */
function inTen(share: number): string {
  const tenths = Math.round(share * 10);
  if (tenths <= 0) return share > 0 ? 'fewer than 1 in every 10 people' : 'no one';
  if (tenths >= 10) return share >= 1 ? 'everyone' : 'nearly everyone';
  return `about ${tenths} in every 10 people`;
}

/** A count of people in words, hidden as "a few" when suppressed. */
function people(value: number | string | undefined, one = 'person', many = 'people'): string {
  if (value === SUPPRESSION_MARKER) return `a few ${many}`;
  const n = typeof value === 'number' ? Math.round(value) : Number.NaN;
  if (!Number.isFinite(n)) return `some ${many}`;
  if (n === 0) return `no ${many}`;
  return `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;
}

/** The time frame in words: "4 weeks" for multiples of 7 days, else "N days". */
export function timeFrameWords(days: number | null): string {
  if (days === null) return 'the time set by the standard';
  return days % 7 === 0 ? `${days / 7} week${days === 7 ? '' : 's'}` : `${days} days`;
}

/** Money in round words, "about £770,000". */
function roundMoney(x: number | string): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) return 'an amount we cannot show here';
  const magnitude = 10 ** Math.max(0, Math.floor(Math.log10(Math.abs(x) || 1)) - 1);
  return `about £${(Math.round(x / magnitude) * magnitude).toLocaleString('en-GB')}`;
}

/** What the step is, in plain words, for the measures people know; generic otherwise. */
function stepWords(facts: CentreFacts): string {
  const id = facts.measure.id;
  if (id === '4plus4-part1' || id === 'bh-referral-to-seen') return 'When a doctor thinks someone may have MS, they send them to an MS team. People should then see an MS expert quickly.';
  if (id === '4plus4-part2') return 'After the first visit, people should learn quickly if they have MS.';
  return `This page looks at one step of care: ${facts.measure.shortTitle}.`;
}

/**
 * Is it getting better? The published trend's variation reading (shared/business-case/trend.ts
 * trendReading) in plain words (no statistical terms), or null without a trend. A reading withheld
 * because it would come from small numbers is said to be withheld, never guessed.
 */
export function trendWords(trend: TrendReading | null): string | null {
  if (!trend) return null;
  if (trend.chart === 'run') return 'We do not yet have enough months to say if waits are getting better.';
  const months = trend.months;
  switch (trend.variationIcon) {
    case SUPPRESSED_ICON: return `We look at the last ${months} months. Some months had too few people to share safely, so we do not say here if things have changed.`;
    case 'common_cause': return `Over the last ${months} months, the share seen in time has gone up and down. But it has not really changed.`;
    case 'improvement_high': case 'improvement_low': return `Over the last ${months} months, things have got better. More people are now seen in time.`;
    case 'concern_high': case 'concern_low': return `Over the last ${months} months, things have got worse. Fewer people are now seen in time.`;
    case 'neutral_high': case 'neutral_low': return `Over the last ${months} months, there has been a real change. It is not clearly better or worse.`;
  }
}

/**
 * The plain-English page for patient partners, from the centre's facts, the published case and the
 * published trend (trendReading; by default the centre's trend published with counts of 1-7 hidden).
 */
export function patientSummary(facts: CentreFacts, published?: PublishedCase, trend: TrendReading | null = facts.trend ? trendReading(facts.trend) : null): PlainSection[] {
  const frame = timeFrameWords(facts.thresholdDays);
  const where = facts.centreName ? `${facts.centreName} (${facts.centre})` : facts.centre;
  const input = (name: string): number | string | undefined => published?.json.inputs.find((i) => i.name === name)?.value;
  const sections: PlainSection[] = [
    {
      heading: 'Why this matters',
      paragraphs: [
        'This page is for patient partners. It tells the story in plain words.',
        stepWords(facts),
        `The aim is to do this within ${frame}. A short wait means less worry. It can also mean care starts sooner.`,
      ],
    },
    {
      heading: 'How the team is doing',
      paragraphs: [
        published?.json.inputs.find((i) => i.name === 'currentShare')?.value === SUPPRESSION_MARKER
          ? `We do not show how many people at ${where} were seen in time last year. The numbers are too small to share safely.`
          : `In the last year, ${inTen(facts.share)} at ${where} were seen within ${frame}.`,
        `The aim is ${inTen(facts.target.value)}.`,
        ...(trendWords(trend) ? [trendWords(trend) as string] : []),
        published
          ? `Right now, ${people(input('backlog'))} have waited more than ${frame} and are still waiting.`
          : 'Some people are still waiting. The team knows who they are.',
      ],
    },
  ];
  if (published) {
    const r = published.result.requirements;
    const hidden = (key: string) => published.suppressedPaths.includes(`${EXTRA}requirements.${key}`);
    const extra = Math.round(r.peopleNewlySeenPerYear);
    const costHidden = published.json.totals.discountedNet === SUPPRESSION_MARKER;
    const plan = [
      extra <= 0
        ? 'The team already meets the aim. The plan is about keeping it that way.'
        : hidden('peopleNewlySeenPerYear')
          ? 'To reach the aim, the team would need to see more people in time each year.'
          : `To reach the aim, the team would need to see about ${extra.toLocaleString('en-GB')} more people in time each year.`,
      hidden('keepSlotsPerWeek') || hidden('backlogSlotsPerWeek')
        ? 'That means more clinic places each week at first.'
        : `That means about ${Math.max(1, Math.round(r.keepSlotsPerWeek + r.backlogSlotsPerWeek))} more clinic places a week at first.`,
    ];
    if (r.nurseWteGap > 0) {
      plan.push(`The plan also asks for more MS nurses. One nurse can care well for about ${Math.round(Number(published.json.inputs.find((i) => i.name === 'nurseCaseloadPerWte')?.value ?? 0))} people.`);
    }
    plan.push(costHidden
      ? 'We do not show the cost here, as it could point to a few people.'
      : `Over ${published.result.years.length} year${published.result.years.length > 1 ? 's' : ''}, the plan would cost ${roundMoney(published.json.totals.costs)}. Some of this comes back. There would be fewer hospital stays and fewer extra clinic visits.`);
    sections.push({ heading: 'What the plan would take', paragraphs: plan });
  }
  sections.push({
    heading: 'What it means for people waiting',
    paragraphs: [
      'If you are waiting, the plan aims to cut your wait.',
      'More people would get an answer sooner. Care could start sooner too.',
      'Fewer people would need to come into hospital in a rush.',
      'If you have a question, ask the MS team. You can also ask your patient partner lead.',
    ],
  });
  return sections;
}

/** The page's text as one string (headings as sentences), for the readability check. */
export function patientSummaryText(sections: readonly PlainSection[]): string {
  return sections.map((s) => [`${s.heading}.`, ...s.paragraphs].join('\n')).join('\n');
}
