/** A Bot API call as the log names it when it could not be sent. */
export interface CallLabel {
  method: string;
  /** The lane (`chat:<id>`), or undefined for calls that are not limited. */
  lane: string | undefined;
}

/** What a call rejects with when the bot gave up on it at shutdown, sent or not. */
export class NotSentError extends Error {
  override name = 'NotSentError';
  constructor(readonly call: CallLabel) {
    super(`${call.method} was not sent: the bot is shutting down`);
  }
}

/**
 * What a call rejects with when the Bot API did not answer in time. It is what node-fetch's own timeout
 * throws (a FetchError of type request-timeout, telegraf's 500 s made shorter): telegraf's polling retries
 * getUpdates after one, and a handler sees a failed call.
 */
export class ApiTimeoutError extends Error {
  override name = 'FetchError';
  readonly type = 'request-timeout';
  constructor(method: string, ms: number) {
    super(`${method}: the Bot API did not answer within ${ms} ms`);
  }
}

/** telegraf's polling passes its own abort-controller signal (a polyfill, not a native AbortSignal). */
export interface CallerSignal {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Calls in flight, each with a time bound; abandon() aborts them all at shutdown. */
export interface InFlightCalls {
  /** Runs send with a signal aborted after boundMs, when the caller's signal aborts, or by abandon(). */
  run<T>(
    label: CallLabel,
    boundMs: number,
    caller: CallerSignal | undefined,
    send: (signal: AbortSignal) => Promise<T>,
  ): Promise<T>;
  /** Aborts every call in flight (each rejects with NotSentError) and refuses later ones; returns them. */
  abandon(): CallLabel[];
}

export function createInFlightCalls(): InFlightCalls {
  const running = new Map<() => void, CallLabel>();
  let abandoned = false;
  return {
    async run(label, boundMs, caller, send) {
      if (abandoned) throw new NotSentError(label);
      const controller = new AbortController();
      let reason: Error | undefined;
      const stop = (error: Error): void => {
        if (reason) return;
        reason = error;
        controller.abort(error);
      };
      // The race settles the call even when the transport ignores the signal.
      const gaveUp = new Promise<never>((_, reject) => {
        controller.signal.addEventListener('abort', () => reject(reason), { once: true });
      });
      const timer = setTimeout(() => stop(new ApiTimeoutError(label.method, boundMs)), boundMs);
      timer.unref();
      // Polling stops itself on an AbortError: its own abort must stay one.
      const forward = (): void => stop(new DOMException('the caller aborted the call', 'AbortError'));
      if (caller?.aborted) forward();
      else caller?.addEventListener('abort', forward);
      const abandonCall = (): void => stop(new NotSentError(label));
      running.set(abandonCall, label);
      try {
        return await Promise.race([send(controller.signal), gaveUp]);
      } finally {
        clearTimeout(timer);
        caller?.removeEventListener('abort', forward);
        running.delete(abandonCall);
      }
    },
    abandon() {
      abandoned = true;
      const labels = [...running.values()];
      for (const abandonCall of [...running.keys()]) abandonCall();
      return labels;
    },
  };
}
