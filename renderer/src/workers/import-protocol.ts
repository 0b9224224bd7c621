/** Messages between the Data view and the import worker. */
import type { ImportResult } from '../../../shared/io/import-result';
import type { ReadProgress } from '../../../shared/io/raw-table';
import type { ImportPreparation } from '../../../shared/io/pipeline';
import type { DatasetMeta } from '../store/database';

export interface ImportChoices {
  mapping: Record<string, string | null>;
  dateOrders: Record<string, 'dmy' | 'mdy' | 'ymd'>;
  identifierActions: Record<string, 'drop' | 'pseudonymise' | 'keep'>;
}

export type ToImportWorker =
  | { type: 'read'; fileName: string; fileSize: number; bytes: Uint8Array; sheet?: string }
  | { type: 'read-sheet'; sheet?: string; headerRow?: number }
  | { type: 'import'; choices: ImportChoices }
  | { type: 'cancel' };

export type FromImportWorker =
  | { type: 'progress'; stage: 'reading' | 'typing' | 'storing'; progress: ReadProgress }
  | { type: 'prepared'; preparation: ImportPreparation; sheets: string[]; sheet?: string; format: string }
  | { type: 'stored'; meta: DatasetMeta; result: Omit<ImportResult, 'table'> }
  | { type: 'failed'; message: string; code: string }
  | { type: 'cancelled' };
