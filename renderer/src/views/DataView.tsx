/**
 * Data: the local datasets, opening an extract (button, drag-and-drop, File menu, bundled sample),
 * the import steps (progress with Cancel, mapping, row accounting), the open dataset's column mapping
 * (re-mapped from the stored values) and its rows.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { HostFile } from '../../../shared/host/workbench-host';
import type { ColumnFilter, SortKey } from '../../../shared/data/view';
import { host } from '../host';
import { browserHostFiles } from '../host/browser-host';
import { servedFileSize } from '../host/file-stream';
import { ImportSession, type ImportEvent } from '../state/import-session';
import { clearCurrentDataset, currentDataset, datasetWorker, lastDatasetId, openCurrentDataset, useCurrentDataset } from '../state/current-dataset';
import type { ImportChoices } from '../workers/import-protocol';
import { DataTable, type DataTableSource } from '../components/DataTable';
import { MappingStep } from '../components/MappingStep';
import { ImportReport } from '../components/ImportReport';
import { RemapPanel } from '../components/RemapPanel';
import { deleteAllLocalData, deleteDataset, listDatasets, listRecentFiles, addRecentFile, cleanIncomplete, getDataset, storeErrorMessage } from '../store/datasets';
import type { DatasetMeta } from '../store/database';
import { ukDateTime } from '../display/format';
import { reloadCatalogue } from '../state/standards';

export const SAMPLE_FILE = 'audit-sample.csv';
const ACCEPTED = ['csv', 'tsv', 'txt', 'xlsx', 'parquet', 'arrow', 'feather'];

type Step =
  | { kind: 'idle' }
  | { kind: 'busy'; fileName: string; stage: string; bytesRead: number; bytesTotal: number; rows: number }
  | { kind: 'mapping'; fileName: string; event: Extract<ImportEvent, { type: 'prepared' }> }
  | { kind: 'failed'; fileName: string; message: string };


export function DataView({ openRequest }: { openRequest: number }) {
  const [list, setList] = useState<DatasetMeta[]>([]);
  // Why the stored datasets cannot be listed (a database saved by a newer version of the workbench), or null.
  const [storeProblem, setStoreProblem] = useState<string | null>(null);
  const [recent, setRecent] = useState<{ name: string; size: number; openedAt: string }[]>([]);
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const opened = useCurrentDataset();
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const fileRef = useRef<HostFile | null>(null);
  const sessionRef = useRef<ImportSession | null>(null);
  // After an action the person took (open the sample, import, open a dataset), focus moves to the new heading.
  const focusNext = useRef<'mapping' | 'dataset' | null>(null);
  const mappingHeading = useRef<HTMLDivElement>(null);
  const datasetHeading = useRef<HTMLHeadingElement>(null);

  const refresh = useCallback(async () => {
    setList(await listDatasets());
    setRecent(await listRecentFiles());
  }, []);

  const openDataset = useCallback(async (meta: DatasetMeta, moveFocus = true) => {
    if (moveFocus) focusNext.current = 'dataset';
    try {
      await openCurrentDataset(meta);
    } catch (err) {
      setStep({ kind: 'failed', fileName: meta.fileName, message: err instanceof Error ? err.message : String(err) });
    }
  }, []);

  const onEvent = useCallback((event: ImportEvent) => {
    const fileName = fileRef.current?.name ?? '';
    switch (event.type) {
      case 'progress':
        setStep({ kind: 'busy', fileName, stage: event.stage, ...event.progress });
        break;
      case 'prepared':
        focusNext.current = 'mapping';
        setStep({ kind: 'mapping', fileName, event });
        break;
      case 'stored':
        setStep({ kind: 'idle' });
        setNotice(`Imported ${fileName}: ${event.meta.rowCount.toLocaleString('en-GB')} rows stored on this device.`);
        void refresh().then(() => openDataset(event.meta));
        break;
      case 'failed':
        setStep({ kind: 'failed', fileName, message: event.message });
        break;
      case 'cancelled':
        setStep({ kind: 'idle' });
        setNotice(`Import of ${fileName} cancelled. Nothing was stored.`);
        break;
    }
  }, [openDataset, refresh]);

  useEffect(() => {
    sessionRef.current = new ImportSession(onEvent);
    void cleanIncomplete().then(refresh).catch((err: unknown) => setStoreProblem(storeErrorMessage(err)));
    return () => sessionRef.current?.dispose();
  }, [onEvent, refresh]);

  // After a reload, the dataset that was open last opens again (without moving focus).
  useEffect(() => {
    let live = true;
    void lastDatasetId().then(async (id) => {
      const meta = id ? await getDataset(id) : undefined;
      if (live && meta && !currentDataset()) await openDataset(meta, false);
    });
    return () => { live = false; };
  }, [openDataset]);

  useEffect(() => {
    if (focusNext.current === 'mapping' && step.kind === 'mapping') {
      focusNext.current = null;
      mappingHeading.current?.querySelector<HTMLElement>('h2')?.focus();
    } else if (focusNext.current === 'dataset' && step.kind === 'idle' && opened) {
      focusNext.current = null;
      datasetHeading.current?.focus();
    }
  }, [step, opened]);

  const startImport = useCallback(async (file: HostFile, sheet?: string) => {
    fileRef.current = file;
    setNotice(null);
    setStep({ kind: 'busy', fileName: file.name, stage: 'reading', bytesRead: 0, bytesTotal: file.size, rows: 0 });
    await addRecentFile({ name: file.name, size: file.size });
    sessionRef.current?.read(file, sheet);
  }, []);

  const chooseFile = useCallback(async () => {
    let file: HostFile | undefined;
    try {
      [file] = await host.openFiles({ title: 'Open an audit or KPI extract', extensions: ACCEPTED, multiple: false });
    } catch (err) {
      // A file the host refuses before reading it (over the size limit): its one-line message, in words.
      setStep({ kind: 'failed', fileName: fileNameOf(err), message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (file) await startImport(file);
  }, [startImport]);

  useEffect(() => { if (openRequest > 0) void chooseFile(); }, [openRequest, chooseFile]);

  // The sample streams like any file: its response body goes to the import worker (host/file-stream.ts).
  const openSample = useCallback(async () => {
    const url = new URL(`./${SAMPLE_FILE}`, document.baseURI).href;
    const size = await servedFileSize(url);
    if (size === null) { setStep({ kind: 'failed', fileName: SAMPLE_FILE, message: 'The bundled sample extract is missing from this build.' }); return; }
    await startImport({ name: SAMPLE_FILE, size, lastModified: Date.now(), source: { kind: 'url', url } });
  }, [startImport]);

  const onDrop = useCallback(async (event: React.DragEvent) => {
    event.preventDefault();
    setDragging(false);
    let file: HostFile | undefined;
    try {
      [file] = await browserHostFiles(Array.from(event.dataTransfer.files).slice(0, 1));
    } catch (err) {
      setStep({ kind: 'failed', fileName: fileNameOf(err), message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (file) await startImport(file);
  }, [startImport]);

  const confirm = useCallback((choices: ImportChoices) => {
    const fileName = fileRef.current?.name ?? '';
    setStep({ kind: 'busy', fileName, stage: 'typing', bytesRead: 0, bytesTotal: 0, rows: 0 });
    sessionRef.current?.confirm(choices);
  }, []);

  const remove = useCallback(async (meta: DatasetMeta) => {
    if (!window.confirm(`Delete "${meta.name}" from this device? This cannot be undone.`)) return;
    await deleteDataset(meta.id);
    if (opened?.meta.id === meta.id) clearCurrentDataset();
    await refresh();
  }, [opened, refresh]);

  const removeAll = useCallback(async () => {
    if (!window.confirm('Delete every dataset, remembered mapping and setting stored by the workbench on this device? This cannot be undone.')) return;
    await deleteAllLocalData();
    clearCurrentDataset();
    await reloadCatalogue();
    await refresh();
  }, [refresh]);

  // Re-map a kept column of the open dataset from its stored values, then reopen it so every view sees the new mapping.
  const remap = useCallback(async (stored: string, field: string | null) => {
    if (!opened) throw new Error('No dataset is open. Choose one from the list.');
    const outcome = await datasetWorker().call('remap', { datasetId: opened.meta.id, column: stored, field });
    await openCurrentDataset(outcome.meta);
    await refresh();
    return outcome;
  }, [opened, refresh]);

  const source = useMemo<DataTableSource | null>(() => {
    if (!opened) return null;
    const client = datasetWorker();
    return {
      rowCount: opened.dataset.rowCount,
      columns: opened.dataset.columns,
      async setView(sorting, filters) {
        const sort: SortKey[] = sorting.map((s) => ({ column: s.id, descending: s.desc }));
        const columnFilters: ColumnFilter[] = filters.map((f) => ({ column: f.id, query: String(f.value ?? '') }));
        return (await client.call('setView', { sort, filters: columnFilters })).rowCount;
      },
      rows: (start, end) => client.call('rows', { start, end }),
      summary: (column) => client.call('summary', { column }),
    };
  }, [opened]);

  return (
    <div className="data-view">
      <section
        className={`panel data-view__sources${dragging ? ' is-dragging' : ''}`}
        aria-labelledby="datasets-title"
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <h2 id="datasets-title">Datasets on this device</h2>
        <div className="button-row">
          <button type="button" className="primary" onClick={chooseFile} disabled={step.kind === 'busy'}>Open extract…</button>
          <button type="button" onClick={openSample} disabled={step.kind === 'busy'}>Open sample extract</button>
        </div>
        <p className="hint">Or drop a CSV, TSV, Excel, Parquet or Arrow file here. The sample is synthetic: no real patients.</p>
        {storeProblem ? (
          <p className="alert" role="alert">{storeProblem}</p>
        ) : list.length === 0 ? (
          <p className="empty">No datasets yet.</p>
        ) : (
          <ul className="dataset-list" aria-label="Datasets">
            {list.map((meta) => (
              <li key={meta.id} className={opened?.meta.id === meta.id ? 'is-open' : ''}>
                <button type="button" className="dataset-list__open" onClick={() => openDataset(meta)}>
                  <strong><span className="visually-hidden">Open dataset </span>{meta.name}</strong>
                  <span>{meta.rowCount.toLocaleString('en-GB')} rows · {meta.extractType === 'kpi' ? 'KPI extract' : 'patient extract'} · {ukDateTime(meta.importedAt)}</span>
                </button>
                <button type="button" className="link danger" onClick={() => remove(meta)} aria-label={`Delete dataset ${meta.name}`}>Delete</button>
              </li>
            ))}
          </ul>
        )}
        {recent.length > 0 && (
          <details className="recent">
            <summary>Recent files</summary>
            <ul>{recent.map((r) => <li key={r.name + r.openedAt}>{r.name} <span className="muted">({(r.size / 1e6).toFixed(1)} MB, {ukDateTime(r.openedAt).slice(0, 10)})</span></li>)}</ul>
          </details>
        )}
        <button type="button" className="link danger delete-all" onClick={removeAll}>Delete all local data</button>
      </section>

      <section className="data-view__work" aria-label="Dataset">
        {notice && <p className="notice" role="status">{notice}</p>}
        {step.kind === 'busy' && (
          <ImportProgress step={step} onCancel={() => sessionRef.current?.cancel()} />
        )}
        {step.kind === 'failed' && (
          <div className="alert" role="alert">
            <h2>Could not import {step.fileName}</h2>
            <p>{step.message}</p>
            <button type="button" onClick={() => setStep({ kind: 'idle' })}>Dismiss</button>
          </div>
        )}
        {step.kind === 'mapping' && (
          <div ref={mappingHeading} className="data-view__step">
          <MappingStep
            fileName={step.fileName}
            prepared={step.event}
            onConfirm={confirm}
            onCancel={() => sessionRef.current?.cancel()}
            onSheet={(sheet) => sessionRef.current?.readSheet(sheet)}
            onHeaderRow={(row) => sessionRef.current?.readSheet(undefined, row)}
          />
          </div>
        )}
        {step.kind === 'idle' && opened && source && (
          <>
            <header className="dataset-header">
              <h2 ref={datasetHeading} tabIndex={-1}>{opened.meta.name}</h2>
              {opened.meta.identifiers.some((f) => f.action === 'kept') && (
                <p className="alert" role="alert">
                  Holds identifiable data you chose to keep: {opened.meta.identifiers.filter((f) => f.action === 'kept').map((f) => `${f.column} (${f.kind.replace(/_/g, ' ')})`).join(', ')}.
                </p>
              )}
              <p className="muted">
                {opened.meta.fileName} · {(opened.meta.fileSize / 1e6).toFixed(1)} MB · SHA-256 {opened.meta.sha256.slice(0, 12)}… · opened in {Math.round(opened.dataset.openMs)} ms
              </p>
            </header>
            <ImportReport meta={opened.meta} />
            <RemapPanel meta={opened.meta} columns={opened.dataset.columns} onRemap={remap} />
            <DataTable key={opened.meta.id} source={source} caption={`Rows of ${opened.meta.name}`} />
          </>
        )}
        {step.kind === 'idle' && !opened && (
          <div className="welcome">
            <h2>Start with an extract</h2>
            <p>Open an audit or KPI extract, or the bundled synthetic sample, to see its rows and how every row was accounted for.</p>
          </div>
        )}
      </section>
    </div>
  );
}

/** The file an import error names (ImportError carries it), or "the file". */
function fileNameOf(err: unknown): string {
  return err && typeof err === 'object' && 'file' in err && typeof err.file === 'string' ? err.file : 'the file';
}

function ImportProgress({ step, onCancel }: { step: Extract<Step, { kind: 'busy' }>; onCancel: () => void }) {
  const fraction = step.bytesTotal > 0 ? step.bytesRead / step.bytesTotal : 0;
  const stageLabel = step.stage === 'reading' ? 'Reading' : step.stage === 'typing' ? 'Checking and typing' : 'Storing';
  return (
    <div className="import-progress" aria-live="polite">
      <h2>{stageLabel} {step.fileName}</h2>
      <progress aria-label={`${stageLabel} ${step.fileName}`} max={1} value={step.stage === 'reading' ? fraction : undefined} />
      <p className="muted">
        {(step.bytesRead / 1e6).toFixed(1)} of {(step.bytesTotal / 1e6).toFixed(1)} MB · {step.rows.toLocaleString('en-GB')} rows
      </p>
      <button type="button" onClick={onCancel}>Cancel import</button>
    </div>
  );
}
