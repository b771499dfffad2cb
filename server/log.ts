export type Logger = (message: string, extra?: Record<string, unknown>) => void;

/** One JSON line per event. Never log request URLs: sync URLs carry link secrets. */
export const log: Logger = (message, extra) => {
  if (process.env.LOG_LEVEL === 'silent') return;
  console.log(JSON.stringify({ time: new Date().toISOString(), message, ...extra }));
};
