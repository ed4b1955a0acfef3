// The PostgreSQL store keeps the DocumentStore contract, on a database of this file's own on
// TEST_DATABASE_URL (dropped after its last test).
import { describeDocumentStoreContract, isTableDoc } from './document-store.contract.js';
import { usePostgres } from './postgres-test-kit.js';

const pg = usePostgres();

describeDocumentStoreContract('PostgreSQL', async () => pg.openPlace(isTableDoc));
