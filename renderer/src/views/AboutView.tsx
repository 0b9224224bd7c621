/** What the workbench is, and what it does with data: the privacy promise, stated plainly. */
import { useEffect, useState } from 'react';
import type { HostInfo } from '../../../shared/host/workbench-host';
import { host } from '../host';

export function AboutView() {
  const [info, setInfo] = useState<HostInfo | null>(null);
  useEffect(() => { void host.info().then(setInfo); }, []);
  return (
    <section className="panel about" aria-labelledby="about-title">
      <h2 id="about-title">About MS Variation Workbench</h2>
      <p>
        An offline workbench for service analysts, clinical leads and leadership-programme participants exploring
        variation between UK multiple sclerosis services: the 4+4 ambition, the International Brain Health standards
        and NICE QS108.
      </p>
      <h3>Your data stays here</h3>
      <ul>
        <li>Extracts are read and analysed on this machine. The workbench makes no network requests and sends no telemetry.</li>
        <li>Direct identifiers (NHS numbers, full postcodes, dates of birth, names) are dropped or pseudonymised before anything is stored, unless you explicitly keep them.</li>
        <li>Datasets are kept in this app's local storage; you can delete one, or all local data, from the Data view.</li>
        <li>Exports are aggregate, with small numbers suppressed by default.</li>
      </ul>
      {info && (
        <dl className="about__facts">
          <dt>Version</dt><dd>{info.appVersion}</dd>
          <dt>Running as</dt><dd>{info.kind === 'electron' ? 'Desktop app' : 'Local web app'}</dd>
        </dl>
      )}
    </section>
  );
}
