// Stage 4, store: keep a checked record (once per content hash) unless its fault was
// transient, and remember every further place the same report was found.
import type { Store } from '../../store';
import { saveRecord, addSource, type SaveOutcome } from '../../store';
import type { Checked } from './check';

export type StoreOutcome = SaveOutcome | 'notStored';

/** a transient fault (a timeout on a busy machine) is retried, never stored as the file's verdict */
export const storable = (checked: Checked) => checked.verdict !== 'transient';

export async function storeStage(store: Store, checked: Checked): Promise<StoreOutcome> {
  if (!storable(checked)) return 'notStored';
  return saveRecord(store.db, checked.record);
}

export async function addSourceStage(store: Store, sha: string, path: string): Promise<void> {
  await addSource(store.db, sha, path);
}
