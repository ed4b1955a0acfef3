import type { Pool, PoolClient } from 'pg';

/**
 * Runs work between BEGIN and COMMIT on one client of the pool (a transaction's statements must share
 * one connection); when work throws, the transaction is rolled back and the error goes on.
 */
export async function inTransaction<R>(pool: Pool, work: (client: PoolClient) => Promise<R>): Promise<R> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    // A client whose rollback failed is closed rather than handed to the next caller.
    client.release(broken);
  }
}
