// A PostgreSQL pool that outlives a dropped connection (a restarted server, pg_terminate_backend,
// a network cut). pg reports such a drop as an 'error' event, on the pool for an idle client and
// on the client itself for one that is checked out; an 'error' nobody listens to ends the
// process. Listened to here, the drop costs only the queries on that connection: they fail,
// their caller (a queue job) retries, and the pool opens a new connection for the next one.
import { Pool, type PoolConfig } from 'pg';

export type ConnectionErrorHandler = (error: Error) => void;

const logConnectionError: ConnectionErrorHandler = (e) =>
  process.stderr.write(`xxgk store: a database connection dropped (${e.message}); the next query opens a new one\n`);

export function resilientPool(config: PoolConfig, onError: ConnectionErrorHandler = logConnectionError): Pool {
  const pool = new Pool(config);
  // every client reports its own drop once, whether idle or checked out
  pool.on('connect', (client) => client.on('error', onError));
  // the pool re-emits an idle client's error: already reported by the client's listener
  pool.on('error', () => {});
  return pool;
}
