/**
 * "Report" from the business case or the Variation view: gather what the shared report builder
 * needs (the analysis, the centre's facts, the case's inputs, dataset provenance) and open the print
 * view, which has the dataset worker build the document (charts render to SVG there).
 */
import type { VariationOptions, VariationResult } from '../../../../shared/analysis/variation';
import type { BusinessCaseInput } from '../../../../shared/business-case/model';
import type { CentreAnalysis, TargetChoice } from '../../../../shared/business-case/prefill';
import type { ReportDataset } from '../../../../shared/report/build';
import type { Standard } from '../../../../shared/standards/schema';
import type { DatasetMeta } from '../../store/database';
import { datasetWorker } from '../../state/current-dataset';
import { openReport } from '../../state/report';

/** Provenance of the open dataset as the report prints it (file, SHA-256, import time, rows). */
export function reportDataset(meta: DatasetMeta): ReportDataset {
  return { fileName: meta.fileName, sha256: meta.sha256, importedAt: meta.importedAt, rowsRead: meta.accounting.rowsRead, rowsImported: meta.accounting.rowsImported };
}

/** A file name part from free text: letters, digits and dashes. */
function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Who made the report, for its sign-off block. */
const PRODUCED_BY = `MS Variation Workbench ${__APP_VERSION__}`;

/** Open the print view for a centre's business case (or, without inputs, its standing on the measure). */
export function openCentreReport({ meta, analysis, inputs, years, scenarioName, standards }: {
  meta: DatasetMeta;
  analysis: CentreAnalysis;
  inputs?: BusinessCaseInput[];
  years?: number;
  scenarioName?: string;
  /** Standards for the tier summary page. */
  standards: Standard[];
}): void {
  const { facts, variation } = analysis;
  const withCase = inputs !== undefined && years !== undefined;
  openReport({
    title: `${withCase ? 'Business case' : 'Report'}: ${facts.measure.shortTitle} at ${facts.centre}`,
    fileStem: `${withCase ? 'business-case' : 'report'}-${slug(facts.centre)}-${slug(facts.measure.id)}`,
    offersPatientSummary: true,
    build: ({ patientSummary }) => datasetWorker().call('report', {
      input: {
        variation, facts, dataset: reportDataset(meta), generatedAt: new Date().toISOString(), patientSummary, producedBy: PRODUCED_BY,
        businessCase: withCase ? { inputs, years, scenarioName } : undefined,
      },
      // The tier summary over the same 12 months and as-of date as the centre's facts.
      tiers: { standards, options: { asOf: facts.asOf, filters: { period: facts.period } } },
    }),
  });
}

/** Open the print view for the Variation view's analysis across all centres. */
export function openVariationReport({ meta, result, options, standards }: {
  meta: DatasetMeta;
  result: VariationResult;
  options: VariationOptions;
  standards: Standard[];
}): void {
  openReport({
    title: `Report: ${result.measure.shortTitle}, all centres`,
    fileStem: `report-${slug(result.measure.id)}`,
    // The plain-English page speaks about one centre's waits, so it needs a centre.
    offersPatientSummary: false,
    build: ({ patientSummary }) => datasetWorker().call('report', {
      input: { variation: result, dataset: reportDataset(meta), generatedAt: new Date().toISOString(), patientSummary, producedBy: PRODUCED_BY },
      tiers: { standards, options },
    }),
  });
}

/**
 * "Report" in the Variation view: about the chosen centre when there is one (its facts over the
 * 12 months to the as-of date, the funnel of the same period, the plain-English page on offer),
 * else about all centres as analysed on screen.
 */
export async function reportFromVariation({ meta, result, options, standard, centre, target, standards }: {
  meta: DatasetMeta;
  result: VariationResult;
  options: VariationOptions;
  standard: Standard;
  centre: string | null;
  target: TargetChoice;
  standards: Standard[];
}): Promise<void> {
  if (!centre) {
    openVariationReport({ meta, result, options, standards });
    return;
  }
  const analysis = await datasetWorker().call('businessCase', { centre, standard, target });
  openCentreReport({ meta, analysis, standards });
}
