/** A job's data: its input, encoded (see job-codec.ts). */
export interface WorkData {
  payload: string;
}

/**
 * Where a worker leaves a job's answer, encoded: BullMQ's own return value would also be copied into its
 * events stream, which keeps thousands of events, and a picture is a few hundred kilobytes.
 */
export const resultKey = (prefix: string, jobId: string): string => `${prefix}:bot:result:${jobId}`;
