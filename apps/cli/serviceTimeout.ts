// Redis and the store reconnect forever by default: a command that asks them something gives
// up after a while with a clear message instead of hanging.
import { config } from '../../src/model/config';

const SERVICE_TIMEOUT_MS = config().XXGK_SERVICE_TIMEOUT_MS;

export async function withServiceTimeout<T>(work: Promise<T>, ms = SERVICE_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer from Redis or the store within ${ms} ms (REDIS_URL, DATABASE_URL)`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, limit]);
  } finally {
    clearTimeout(timer);
  }
}
