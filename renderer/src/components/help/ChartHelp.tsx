/**
 * Help for a non-statistician: "How to read this chart" beside each Variation chart (a disclosure
 * widget), and a glossary of the terms the charts, banner and exports use, linked from the help.
 */
import type { ReactNode } from 'react';

/** Terms explained in the glossary, by anchor id. */
export type GlossaryTerm = 'limits' | 'confidence' | 'phi' | 'tau2' | 'overdispersion' | 'bands' | 'tiers' | 'provisional' | 'benchmark' | 'suppression';

const GLOSSARY: { id: GlossaryTerm; term: string; text: ReactNode }[] = [
  {
    id: 'limits',
    term: 'Control limits',
    text: <>The funnel-shaped lines around the target. They show how far a centre&apos;s result can stray from the target by chance alone, given how many patients it has: small centres vary more, so the funnel is wider on the left. A centre outside the limits differs from the target by more than chance would usually explain; it is a reason to look closer, not a verdict.</>,
  },
  {
    id: 'confidence',
    term: '95% and 99.8% limits',
    text: <>Two pairs of limits. If every centre performed exactly at the target, about 1 in 20 would still fall outside the 95% limits (dashed) by chance, and about 1 in 500 outside the 99.8% limits (solid). So a centre outside 95% is worth a look; outside 99.8% is strong evidence of a real difference. The 95% interval beside each centre in the tables is its Wilson confidence interval: where its true rate probably lies.</>,
  },
  {
    id: 'overdispersion',
    term: 'Overdispersion',
    text: <>When centres differ from one another far more than chance alone explains (different populations, recording, ways of working). Unadjusted limits then flag many centres, which overstates how unusual each one is. With overdispersion &quot;Automatic&quot; (the default, as FunnelPlotR does), the limits are widened to allow for the real spread between centres, so only centres that stand out from that spread are flagged. Choose &quot;None&quot; to see limits that allow for chance only.</>,
  },
  {
    id: 'phi',
    term: 'phi (φ)',
    text: <>The overdispersion factor: how many times more spread there is between centres than chance predicts. About 1 means no more than chance; 19.7 means about twenty times more. It is worked out from each centre&apos;s z-score (distance from the target in standard errors), with the most extreme 10% at each end pulled in (winsorised) so a few outliers do not inflate it.</>,
  },
  {
    id: 'tau2',
    term: 'tau² (τ²)',
    text: <>The between-centre variance (DerSimonian-Laird), on the arcsine scale: the part of the spread that is real difference between centres rather than chance. When it is above 0, the &quot;Automatic&quot; limits add it to each centre&apos;s chance variation (additive random-effects limits); when it is 0, exact binomial limits are drawn.</>,
  },
  {
    id: 'bands',
    term: 'Bands',
    text: <>Where a centre sits against the limits: within the limits, above or below the 95% limit, or above or below the 99.8% limit. Whether above is &quot;better&quot; or &quot;worse&quot; depends on the standard: for a share of patients seen in time, higher is better. Each band has its own symbol shape as well as colour.</>,
  },
  {
    id: 'tiers',
    term: 'Tiers',
    text: <>The Brain Health standards set up to three levels for a time frame: core (the minimum), achievable (realistic in most services) and aspirational (the best services). A centre is classed by the most demanding tier it meets, or &quot;below core&quot;. Some standards have no value for some tiers; those tiers are then absent.</>,
  },
  {
    id: 'benchmark',
    term: 'Benchmark comparison',
    text: <>In the centre profile (as in Fingertips), a centre is &quot;similar&quot; to the benchmark (all centres pooled) when the benchmark lies inside its 95% confidence interval, otherwise better or worse according to the standard&apos;s direction.</>,
  },
  {
    id: 'provisional',
    term: 'Provisional',
    text: <>The definition or threshold of a standard has not been confirmed from its published source (for example the reading of &quot;4+4&quot; as two 4-week intervals). Results built on it are marked Provisional in the chart, table and export. You can edit the definition on the Standards page.</>,
  },
  {
    id: 'suppression',
    term: 'Small-number suppression',
    text: <>Exports replace counts of 1 to 7 people with * (NHS Digital rule; 1 to 5, or 1 to 7 with every other count rounded to the nearest 5, can be chosen instead), and hide the percentage, interval, band and tier of such a row too. Figures printed beside the table (target, phi, tau², totals) are worked out so that no hidden count can be recovered from them. Suppression can be turned off, with a warning, for use inside your organisation only.</>,
  },
];

/** A link to a glossary entry. */
export function GlossaryLink({ term, children }: { term: GlossaryTerm; children: ReactNode }) {
  return <a href={`#glossary-${term}`} onClick={(e) => { e.preventDefault(); focusTerm(term); }}>{children}</a>;
}

function focusTerm(term: GlossaryTerm): void {
  const glossary = document.getElementById('glossary');
  if (glossary instanceof HTMLDetailsElement) glossary.open = true;
  const el = document.getElementById(`glossary-${term}`);
  el?.scrollIntoView({ block: 'center' });
  el?.focus();
}

/** The glossary: every term the Variation charts, banner and exports use, in plain words. */
export function Glossary() {
  return (
    <details id="glossary" className="panel glossary">
      <summary>Glossary: the words on these charts</summary>
      <dl aria-label="Glossary">
        {GLOSSARY.map((g) => (
          <div key={g.id}>
            <dt id={`glossary-${g.id}`} tabIndex={-1}>{g.term}</dt>
            <dd>{g.text}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

export type HelpTopic = 'funnel' | 'caterpillar' | 'tiers' | 'profile';

const HELP: Record<HelpTopic, ReactNode> = {
  funnel: (
    <>
      <p>Each point is a centre: across, how many patients it has; up, the share meeting the standard. The horizontal line is the target (all centres pooled, unless you set one).</p>
      <p>The funnel lines are the <GlossaryLink term="limits">control limits</GlossaryLink>: <GlossaryLink term="confidence">95% (dashed) and 99.8% (solid)</GlossaryLink>. Points inside are consistent with the target given their size; points outside are flagged in the banner as better or worse than expected (the <GlossaryLink term="bands">band</GlossaryLink> shape and colour say which).</p>
      <p>If centres differ much more than chance explains (<GlossaryLink term="overdispersion">overdispersion</GlossaryLink>, measured by <GlossaryLink term="phi">phi</GlossaryLink> and <GlossaryLink term="tau2">tau²</GlossaryLink>), the limits are widened; the banner says so.</p>
      <p>Do not rank centres by their position: a small centre high up may be there by chance. The league table beside the chart lists every value.</p>
    </>
  ),
  caterpillar: (
    <>
      <p>Each centre is a point, ranked from lowest to highest result; up is the share meeting the standard, and the vertical bar through it is its 95% confidence interval (where its true rate probably lies). Long bars mean few patients.</p>
      <p>The horizontal line is the target; shaded backgrounds show the standard&apos;s <GlossaryLink term="tiers">tiers</GlossaryLink> where it has them. Colour and shape show the centre&apos;s <GlossaryLink term="bands">band</GlossaryLink> against the funnel <GlossaryLink term="limits">limits</GlossaryLink>.</p>
      <p>When two centres&apos; bars overlap, they cannot be told apart with confidence, whatever their order.</p>
    </>
  ),
  tiers: (
    <>
      <p>One bar per standard: how many centres reach each <GlossaryLink term="tiers">tier</GlossaryLink> (aspirational, achievable, core, or below core). The table beside the chart gives the centres and patients at each tier.</p>
      <p>Each part of a bar is labelled with its number of centres, and the table lists every count, so the colours are a help, not the only cue. A standard without a tier (some Brain Health standards leave one out) shows &quot;no such tier&quot; in the table. Standards marked <GlossaryLink term="provisional">provisional</GlossaryLink> use thresholds not yet confirmed from their source.</p>
    </>
  ),
  profile: (
    <>
      <p>One row per standard for the chosen centre, as in Fingertips spine charts. The grey bar is the range across all centres (lightest: worst to best; darker: the middle half), the black line is the benchmark (all centres pooled).</p>
      <p>The marker is the centre&apos;s value, coloured and shaped by the <GlossaryLink term="benchmark">comparison with the benchmark</GlossaryLink>: better, similar or worse, using its 95% interval. The table beside the chart lists each indicator&apos;s period, count, value, benchmark, worst, best and band.</p>
    </>
  ),
};

/** "How to read this chart": a disclosure widget beside the chart. */
export function ChartHelp({ topic }: { topic: HelpTopic }) {
  return (
    <details className="chart-help">
      <summary>How to read this chart</summary>
      <div className="chart-help__body">{HELP[topic]}</div>
    </details>
  );
}
