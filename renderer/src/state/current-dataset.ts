/**
 * The dataset the person is working on, shared by every view: the dataset worker holds its rows;
 * views read its metadata here and ask the worker for results.
 */
import { useSyncExternalStore } from 'react';
import type { RpcClient } from '../workers/rpc';
import { datasetRpc, type DatasetApi, type OpenedDataset } from '../workers/dataset-api';
import type { DatasetMeta } from '../store/database';
import { getSetting, setSetting } from '../store/datasets';

/** Setting that remembers the dataset open last, so a reload reopens it. */
const LAST_DATASET_SETTING = 'lastDatasetId';

export interface CurrentDataset {
  meta: DatasetMeta;
  dataset: OpenedDataset;
}

let client: RpcClient<DatasetApi> | null = null;
let current: CurrentDataset | null = null;
const listeners = new Set<() => void>();

/** The worker that holds the open dataset (created on first use). */
export function datasetWorker(): RpcClient<DatasetApi> {
  client ??= datasetRpc.connect(new Worker(new URL('../workers/dataset.worker.ts', import.meta.url), { type: 'module', name: 'dataset' }));
  return client;
}

/** Open a stored dataset in the worker and make it current for every view. */
export async function openCurrentDataset(meta: DatasetMeta): Promise<CurrentDataset> {
  const dataset = await datasetWorker().call('open', { datasetId: meta.id });
  current = { meta, dataset };
  listeners.forEach((l) => l());
  await setSetting(LAST_DATASET_SETTING, meta.id);
  return current;
}

/** The id of the dataset open last (before a reload), or null. */
export function lastDatasetId(): Promise<string | null> {
  return getSetting<string | null>(LAST_DATASET_SETTING, null);
}

/** The current dataset right now (outside React). */
export function currentDataset(): CurrentDataset | null {
  return current;
}

/** Forget the current dataset (after it was deleted). */
export function clearCurrentDataset(): void {
  current = null;
  listeners.forEach((l) => l());
  void setSetting(LAST_DATASET_SETTING, null);
}

/** The current dataset, re-rendering when it changes. */
export function useCurrentDataset(): CurrentDataset | null {
  return useSyncExternalStore(
    (listener) => { listeners.add(listener); return () => listeners.delete(listener); },
    () => current,
  );
}
