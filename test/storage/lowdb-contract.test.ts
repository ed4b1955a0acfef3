// The lowdb store keeps the DocumentStore contract with documents in one JSON file each, and with their
// rows in a rows file beside it (as the perceptrons are kept).
import { createLowdbStore } from '../../src/storage/lowdb-store.js';
import { describeDocumentStoreContract, isTableDoc } from './document-store.contract.js';
import { makeTempDir } from './store-test-kit.js';

for (const rowsField of [undefined, 'rows']) {
  describeDocumentStoreContract(
    rowsField ? 'lowdb, rows in a rows file' : 'lowdb, one JSON file',
    async () => {
      const dir = await makeTempDir();
      const openStore = () =>
        createLowdbStore({ dir, validate: isTableDoc, ...(rowsField ? { rowsField } : {}) });
      return { store: openStore(), reopen: openStore };
    },
  );
}
