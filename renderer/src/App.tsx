/** The workbench window: navigation, and one view at a time. */
import { useEffect, useState } from 'react';
import { host } from './host';
import { DataView } from './views/DataView';
import { AboutView } from './views/AboutView';
import { VariationView } from './views/VariationView';
import { StandardsView } from './views/StandardsView';
import { TrendsView } from './views/TrendsView';
import { BusinessCaseView } from './views/BusinessCaseView';
import { ReportView } from './components/report/ReportView';
import { closeReport, useReport } from './state/report';

type ViewId = 'data' | 'variation' | 'trends' | 'business-case' | 'standards' | 'about';

const VIEWS: { id: ViewId; label: string }[] = [
  { id: 'data', label: 'Data' },
  { id: 'variation', label: 'Variation' },
  { id: 'trends', label: 'Trends' },
  { id: 'business-case', label: 'Business case' },
  { id: 'standards', label: 'Standards' },
  { id: 'about', label: 'About & privacy' },
];

export function App() {
  const [view, setView] = useState<ViewId>('data');
  const [openRequest, setOpenRequest] = useState(0);
  // While a report is shown the app is hidden (not unmounted), so printing gives the document alone.
  const report = useReport();

  useEffect(() => host.onMenuCommand((command) => {
    if (command === 'open-file') { setView('data'); setOpenRequest((n) => n + 1); }
    if (command === 'show-data') setView('data');
    if (command === 'show-about') setView('about');
    if (command === 'print') void host.print();
  }), []);

  return (
    <>
    {report && <ReportView request={report} onClose={closeReport} />}
    <div className="app" hidden={report !== null}>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app__header">
        <div className="app__brand">
          <span className="app__logo" aria-hidden="true">MS</span>
          <div>
            <h1>MS Variation Workbench</h1>
            <p className="app__tagline">Variation between UK MS services, analysed on this machine</p>
          </div>
        </div>
        <p className="app__offline" title="No network requests are made; patient data stays on this machine.">
          <span aria-hidden="true">●</span> Offline · data stays on this device
        </p>
      </header>
      <nav className="app__nav" aria-label="Workbench">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <button type="button" aria-current={view === v.id ? 'page' : undefined} onClick={() => setView(v.id)}>
                {v.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" className="app__main" tabIndex={-1}>
        {/* Views stay mounted while hidden, so an import keeps running and settings are kept when you switch. */}
        <div hidden={view !== 'data'}><DataView openRequest={openRequest} /></div>
        <div hidden={view !== 'variation'}><VariationView onShowData={() => setView('data')} /></div>
        <div hidden={view !== 'trends'}><TrendsView onShowData={() => setView('data')} /></div>
        <div hidden={view !== 'business-case'}><BusinessCaseView onShowData={() => setView('data')} /></div>
        <div hidden={view !== 'standards'}><StandardsView /></div>
        <div hidden={view !== 'about'}><AboutView /></div>
      </main>
    </div>
    </>
  );
}
