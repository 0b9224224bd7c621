/**
 * Validating and importing a standards catalogue against the zod schemas (schema.ts). The shipped
 * standards and the helpers that need no schema (find, merge, fields, export) live in shipped.ts
 * and are re-exported here.
 */
import { CatalogueFileSchema, StandardSchema, type Standard } from './schema';
import type { z } from 'zod';

export { exportCatalogue, findStandard, mergeCatalogue, SHIPPED_INPUT, SHIPPED_STANDARDS, standardFields } from './shipped';

/** A readable message for each zod issue, with the standard's id where known. */
function describeIssues(error: z.ZodError, label: (path: PropertyKey[]) => string): string[] {
  return error.issues.map((issue) => `${label(issue.path)}: ${issue.message}`);
}

/** Path as people read it: standards[2].thresholds.core. */
function pathText(path: PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

export type CatalogueCheck = { ok: true; standards: Standard[] } | { ok: false; errors: string[] };

/** Validate a list of standards: each against the schema, and ids unique. */
export function validateCatalogue(input: unknown): CatalogueCheck {
  if (!Array.isArray(input)) return { ok: false, errors: ['catalogue: expected a list of standards'] };
  const errors: string[] = [];
  const standards: Standard[] = [];
  const seen = new Set<string>();
  input.forEach((entry: unknown, index) => {
    const parsed = StandardSchema.safeParse(entry);
    const id = entry && typeof entry === 'object' && 'id' in entry ? String(entry.id) : undefined;
    const where = id ? `standards[${index}] ("${id}")` : `standards[${index}]`;
    if (!parsed.success) {
      errors.push(...describeIssues(parsed.error, (path) => (path.length ? `${where}.${pathText(path)}` : where)));
      return;
    }
    if (seen.has(parsed.data.id)) errors.push(`${where}: id "${parsed.data.id}" is used twice; give each standard its own id`);
    seen.add(parsed.data.id);
    standards.push(parsed.data);
  });
  return errors.length ? { ok: false, errors } : { ok: true, standards };
}

/** Read a catalogue file (or a bare list of standards); errors name the file, the standard and the field. */
export function importCatalogue(text: string, fileName: string): CatalogueCheck {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, errors: [`${fileName}: not valid JSON (${reason}); save the catalogue as JSON exported by the workbench`] };
  }
  if (Array.isArray(data)) return prefixErrors(validateCatalogue(data), fileName);
  const envelope = CatalogueFileSchema.safeParse(data);
  if (envelope.success) return prefixErrors(validateCatalogue(envelope.data.standards), fileName);
  if (data && typeof data === 'object' && 'standards' in data && Array.isArray(data.standards)) {
    const check = prefixErrors(validateCatalogue(data.standards), fileName);
    const header = envelope.error.issues.filter((i) => i.path.length === 1 && i.path[0] !== 'standards');
    if (!header.length) return check;
    const headerErrors = header.map((i) => `${fileName}: ${pathText(i.path)}: ${i.message}`);
    return { ok: false, errors: [...headerErrors, ...(check.ok ? [] : check.errors)] };
  }
  return { ok: false, errors: [`${fileName}: expected {"format": "msvw-standards", "version": 1, "standards": [...]} or a list of standards`] };
}

function prefixErrors(check: CatalogueCheck, fileName: string): CatalogueCheck {
  return check.ok ? check : { ok: false, errors: check.errors.map((e) => `${fileName}: ${e}`) };
}
