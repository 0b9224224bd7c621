/**
 * Scenarios: the current assumptions saved on this computer by name, loaded back, deleted, and
 * exported or imported as JSON (the shared scenario format, which `msvw report --scenario` reads).
 * An exported file leaves out counts of 1-7 people read from the data (small-number suppression):
 * loading it reads them from the data again.
 */
import { useCallback, useEffect, useState } from 'react';
import type { BusinessCaseInput } from '../../../../shared/business-case/model';
import { isSuppressedInput } from '../../../../shared/business-case/publish';
import { parseScenario, scenarioJson, toScenario, type Scenario } from '../../../../shared/business-case/scenario';
import { NHS_DIGITAL_THRESHOLD } from '../../../../shared/privacy/suppression';
import { host, readWholeFile } from '../../host';
import { checkScenarioName, deleteScenario, listScenarios, saveScenario } from '../../store/scenarios';

type SavedScenario = Scenario & { savedAt: string };

/** A file name from a scenario name: letters, digits and dashes. */
function fileStem(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'scenario';
}

export function ScenarioPanel({ inputs, centre, measureId, years, onLoad, onSaved }: {
  inputs: readonly BusinessCaseInput[];
  centre: string;
  measureId: string;
  years: number;
  /** Rebuild for the scenario's centre and measure if needed, then apply it; resolves a note to add, throws a plain message. */
  onLoad: (scenario: Scenario) => Promise<string | null>;
  /** The current inputs were saved under this name. */
  onSaved?: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const [saved, setSaved] = useState<SavedScenario[]>([]);
  const [chosen, setChosen] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const list = await listScenarios<SavedScenario>();
    setSaved(list);
    return list;
  }, []);
  useEffect(() => { void refresh(); }, [refresh]);

  const report = (message: string) => { setError(null); setStatus(message); };
  const fail = (err: unknown) => { setStatus(null); setError(err instanceof Error ? err.message : String(err)); };

  const save = async () => {
    const checked = checkScenarioName(name);
    if (!checked.ok) { fail(new Error(checked.message)); return; }
    const scenario = toScenario(checked.name, inputs, { centre, measureId, years, savedAt: new Date().toISOString() }) as SavedScenario;
    try {
      const replacing = saved.some((s) => s.name === checked.name);
      await saveScenario(scenario);
      await refresh();
      setChosen(checked.name);
      onSaved?.(checked.name);
      report(`${replacing ? 'Replaced' : 'Saved'} scenario “${checked.name}” on this computer.`);
    } catch (err) { fail(err); }
  };

  const selected = saved.find((s) => s.name === chosen) ?? null;

  const load = async () => {
    if (!selected) return;
    try {
      const note = await onLoad(selected);
      setName(selected.name);
      report(`Loaded scenario “${selected.name}”.${note ? ` ${note}` : ''}`);
    } catch (err) { fail(err); }
  };

  const remove = async () => {
    if (!selected) return;
    try {
      await deleteScenario(selected.name);
      await refresh();
      setChosen('');
      report(`Deleted scenario “${selected.name}”.`);
    } catch (err) { fail(err); }
  };

  const exportJson = async () => {
    const checked = checkScenarioName(name || selected?.name || '');
    if (!checked.ok) { fail(new Error(checked.message)); return; }
    // Small counts stay on this machine; the model reads them from the data again on import.
    const left = inputs.filter((i) => isSuppressedInput(i, NHS_DIGITAL_THRESHOLD));
    const scenario = toScenario(checked.name, inputs.filter((i) => !left.includes(i)), { centre, measureId, years, savedAt: new Date().toISOString() });
    try {
      const savedAs = await host.saveFile({ suggestedName: `${fileStem(checked.name)}.json`, mimeType: 'application/json', data: scenarioJson(scenario) });
      if (savedAs === null) return;
      report(`Exported scenario “${checked.name}” as ${savedAs}.${left.length ? ` Left out (counts of 1-7 people from the data): ${left.map((i) => i.label).join(', ')}; they are read from the data again when it is imported.` : ''}`);
    } catch (err) { fail(err); }
  };

  const importJson = async () => {
    try {
      const [file] = await host.openFiles({ title: 'Import a business-case scenario', extensions: ['json'], multiple: false });
      if (!file) return;
      const bytes = await readWholeFile(file);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      } catch {
        throw new Error(`${file.name} is not a text file: choose a scenario exported from the Business case page (.json).`);
      }
      const scenario = parseScenario(text, file.name);
      const stored: SavedScenario = { ...scenario, savedAt: scenario.savedAt ?? new Date().toISOString() };
      const note = await onLoad(stored);
      await saveScenario(stored);
      await refresh();
      setChosen(stored.name);
      setName(stored.name);
      report(`Imported scenario “${stored.name}” from ${file.name} and saved it on this computer.${note ? ` ${note}` : ''}`);
    } catch (err) { fail(err); }
  };

  return (
    <section className="panel business-case__section business-case__scenarios" aria-labelledby="bc-scenarios">
      <h2 id="bc-scenarios">Scenarios</h2>
      <p className="muted">A scenario keeps every assumption and its low and high. Saved scenarios stay on this computer; export one to share it or to use it with <code>msvw report --scenario</code>.</p>
      <div className="business-case__scenario-row">
        <label>
          Scenario name
          <input type="text" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="button" className="primary" onClick={() => void save()}>Save scenario</button>
        <button type="button" onClick={() => void exportJson()}>Export JSON</button>
        <button type="button" onClick={() => void importJson()}>Import JSON</button>
      </div>
      <div className="business-case__scenario-row">
        <label>
          Saved scenarios
          <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{saved.length ? 'Choose one…' : '(none saved yet)'}</option>
            {saved.map((s) => <option key={s.name} value={s.name}>{s.name}{s.centre ? ` · ${s.centre}` : ''}{s.years ? ` · ${s.years} y` : ''}</option>)}
          </select>
        </label>
        <button type="button" disabled={!selected} onClick={() => void load()}>Load</button>
        <button type="button" disabled={!selected} onClick={() => void remove()}>Delete</button>
      </div>
      {status && <p className="business-case__status" role="status">{status}</p>}
      {error && <p className="alert" role="alert">{error}</p>}
    </section>
  );
}
