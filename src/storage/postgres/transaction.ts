import type { Pool, PoolClient } from 'pg';

/**
 * Runs work between BEGIN and COMMIT on one client of the pool (a transaction's statements must share
 * one connection); when work throws, the transaction is rolled back and the error goes on.
 */
export async function inTransaction<R>(pool: Pool, work: (client: PoolClient) => Promise<R>): Promise<R> {
  const client = await pool.connect();
  let broken: Error | undefined;
  // A checked-out client's connection may end (the server restarts, an admin ends the session): the
  // pool listens only to idle ones, and an 'error' nobody listens to would end the process.
  const onError = (error: Error) => {
    broken = error;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    if (!broken) {
      await client.query('ROLLBACK').catch((rollbackError: Error) => {
        broken = rollbackError;
      });
    }
    throw error;
  } finally {
    client.off('error', onError);
    // A broken client is closed rather than handed to the next caller.
    client.release(broken);
  }
}
