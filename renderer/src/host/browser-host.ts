/**
 * WorkbenchHost for a plain browser: a file input to open, Blob downloads to save, window.print()
 * for PDF. No network: a chosen File is handed on as it is (a HostFile whose source is the Blob),
 * and whoever reads it streams it (File.stream()), so it is never held whole.
 */
import type { FileChunkRequest, HostFile, HostInfo, MenuCommand, OpenFilesRequest, SaveFileRequest, SavePdfRequest, WorkbenchHost } from '../../../shared/host/workbench-host';
import { MAX_IMPORT_BYTES } from '../../../shared/io/limits';

/**
 * Refuse a file over the one size limit (shared/io/limits.ts) from its size alone, before any of
 * it is read into memory, with the CLI's own one-line message (checkFileSize: file, size, limit,
 * what to do). The readers are loaded only on this path, so the page's own bundle stays small.
 */
async function refuseIfTooLarge(file: Pick<File, 'name' | 'size'>, maxBytes: number): Promise<void> {
  if (file.size <= maxBytes) return;
  const { checkFileSize } = await import('../../../shared/io/read/index');
  checkFileSize(file.size, file.name, maxBytes);
}

/**
 * Browser File objects (from the input or a drop) as HostFiles: handles that keep the File, none
 * of it read. A file over the size limit is refused (an ImportError naming it) from its size.
 */
export async function browserHostFiles(files: Iterable<File>, maxBytes = MAX_IMPORT_BYTES): Promise<HostFile[]> {
  const chosen = Array.from(files);
  for (const file of chosen) await refuseIfTooLarge(file, maxBytes);
  return chosen.map((file) => ({ name: file.name, size: file.size, lastModified: file.lastModified, source: { kind: 'blob', blob: file } }));
}

/** Ask for files with a transient <input type=file>; resolves [] if the person cancels. */
function pickFiles(request: OpenFilesRequest): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.multiple = request.multiple;
    input.accept = request.extensions.map((e) => `.${e}`).join(',');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(input.files ? Array.from(input.files) : []);
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.append(input);
    input.click();
  });
}

const menuListeners = new Set<(command: MenuCommand) => void>();

/** The browser implementation of the host seam. */
export function browserHost(): WorkbenchHost {
  return {
    kind: 'browser',
    async openFiles(request: OpenFilesRequest): Promise<HostFile[]> {
      return browserHostFiles(await pickFiles(request));
    },
    async readFileChunk(_request: FileChunkRequest): Promise<Uint8Array> {
      // Files chosen here are Blobs that stream themselves; only the desktop app issues tokens.
      throw new Error('This browser reads the files you choose directly; there is no file token to read from.');
    },
    async saveFile(request: SaveFileRequest): Promise<string | null> {
      const part: BlobPart = typeof request.data === 'string' ? request.data : new Uint8Array(request.data);
      const url = URL.createObjectURL(new Blob([part], { type: request.mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = request.suggestedName;
      link.style.display = 'none';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return request.suggestedName;
    },
    async print(): Promise<void> {
      window.print();
    },
    async savePdf(_request: SavePdfRequest): Promise<string | null> {
      // A page cannot write a PDF file itself: the print dialog offers "Save as PDF" as a destination.
      window.print();
      return null;
    },
    onMenuCommand(listener: (command: MenuCommand) => void): () => void {
      // A browser has no native menu; keyboard shortcuts are wired by the app itself.
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    async info(): Promise<HostInfo> {
      return { kind: 'browser', appVersion: __APP_VERSION__, platform: navigator.userAgent };
    },
  };
}
