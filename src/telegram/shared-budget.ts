import { Redis } from 'ioredis';
import type { Lane } from './outgoing-policy.js';

/**
 * The sending budget every instance and worker of one bot shares: each chat's burst and pacing (a group's
 * twenty a minute among them), the bot's thirty a second, and the pauses Telegram's 429 answers ask for.
 * The outgoing limiter asks it before each call; when it throws (Redis does not answer), the limiter paces
 * with its own buckets instead.
 */
export interface SharedBudget {
  /**
   * Takes one token of the lane and one of the bot, both or neither. Resolves 0 when taken, otherwise the
   * milliseconds to wait before asking again (the lane's pause, its pacing, or the bot's). With `reserve`,
   * that many of the lane's tokens must be left after this one (progress edits leave room for replies).
   */
  take(lane: Lane, reserve: number): Promise<number>;
  /** Nothing more goes to the lane, from any process, for `ms`; then one call, and the lane's pacing. */
  pause(lane: Lane, ms: number): Promise<void>;
}

export interface RedisBudgetOptions {
  redis: Redis;
  /** Every key starts with it; one bot's processes share it, e.g. `perceptron:<bot id>:`. */
  prefix: string;
  /** Calls a second over all chats (30). */
  botPerSecond: number;
  /** Calls the bot may make at once after a quiet second; botPerSecond by default. */
  botBurst?: number;
}

/*
 * Time is Redis's (TIME), so processes whose clocks differ still agree. A lane of a private chat is a token
 * bucket (a hash: level, at), a group's a window of the last calls (a sorted set of their times); the bot's
 * is a bucket. A pause is a key of its own with PX, read first: its time to live is the wait.
 * KEYS: lane, bot, pause, sequence. ARGV: kind, lane ms per token (0: unlimited), lane burst, window ms,
 * bot ms per token, bot burst, reserve.
 */
const TAKE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local paused = redis.call('PTTL', KEYS[3])
if paused > 0 then return paused end
local kind = ARGV[1]
local laneMs = tonumber(ARGV[2])
local laneBurst = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4])
local botMs = tonumber(ARGV[5])
local botBurst = tonumber(ARGV[6])
local reserve = tonumber(ARGV[7])
local function whole(ms)
  if ms <= 0 then return 0 end
  return math.max(1, math.ceil(ms - 0.000001))
end
local function bucketWait(key, msPer, burst, need)
  local v = redis.call('HMGET', key, 'level', 'at')
  local level = tonumber(v[1])
  local at = tonumber(v[2])
  if level == nil or at == nil then return 0, burst end
  if now < at then return whole(at - now + (need - level) * msPer), 0 end
  local current = burst
  if msPer > 0 then current = math.min(burst, level + (now - at) / msPer) end
  if current >= need then return 0, current end
  return whole((need - current) * msPer), current
end
local laneWait, laneLevel
if kind == 'window' then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - windowMs)
  local count = redis.call('ZCARD', KEYS[1])
  if laneBurst - count >= 1 + reserve then
    laneWait = 0
  else
    local oldest = redis.call('ZRANGE', KEYS[1], math.max(0, count - laneBurst + reserve), math.max(0, count - laneBurst + reserve), 'WITHSCORES')
    laneWait = whole(tonumber(oldest[2] or now) + windowMs - now)
  end
else
  laneWait, laneLevel = bucketWait(KEYS[1], laneMs, laneBurst, 1 + reserve)
end
local botWait, botLevel = bucketWait(KEYS[2], botMs, botBurst, 1)
if laneWait > 0 or botWait > 0 then return math.max(laneWait, botWait) end
if kind == 'window' then
  redis.call('ZADD', KEYS[1], now, now .. ':' .. redis.call('INCR', KEYS[4]))
  redis.call('PEXPIRE', KEYS[1], windowMs + 1000)
else
  redis.call('HSET', KEYS[1], 'level', laneLevel - 1, 'at', now)
  redis.call('PEXPIRE', KEYS[1], math.ceil(laneBurst * laneMs) + 1000)
end
redis.call('HSET', KEYS[2], 'level', botLevel - 1, 'at', now)
redis.call('PEXPIRE', KEYS[2], math.ceil(botBurst * botMs) + 1000)
return 0
`;

/* KEYS: lane, pause. ARGV: kind, lane ms per token, lane burst, window ms, pause ms. A longer pause stays. */
const PAUSE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local waitMs = tonumber(ARGV[5])
if redis.call('PTTL', KEYS[2]) >= waitMs then return 0 end
redis.call('SET', KEYS[2], '1', 'PX', waitMs)
local untilMs = now + waitMs
local laneMs = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local windowMs = tonumber(ARGV[4])
if ARGV[1] == 'window' then
  redis.call('DEL', KEYS[1])
  local step = windowMs / burst
  for i = 1, burst - 1 do
    redis.call('ZADD', KEYS[1], untilMs - windowMs + i * step, 'pause:' .. untilMs .. ':' .. i)
  end
  redis.call('PEXPIRE', KEYS[1], waitMs + windowMs + 1000)
else
  redis.call('HSET', KEYS[1], 'level', 1, 'at', untilMs)
  redis.call('PEXPIRE', KEYS[1], waitMs + math.ceil(burst * laneMs) + 1000)
end
return 1
`;

type Scripted = Redis & {
  perceptronTakeTurn(...args: (string | number)[]): Promise<number>;
  perceptronPauseLane(...args: (string | number)[]): Promise<number>;
};

/** The shared budget in Redis, with Lua scripts, so that reading and taking a token is one step. */
export function createRedisBudget(options: RedisBudgetOptions): SharedBudget {
  const redis = options.redis as Scripted;
  if (typeof redis.perceptronTakeTurn !== 'function') {
    redis.defineCommand('perceptronTakeTurn', { numberOfKeys: 4, lua: TAKE });
    redis.defineCommand('perceptronPauseLane', { numberOfKeys: 2, lua: PAUSE });
  }
  const { prefix } = options;
  const botMs = 1000 / options.botPerSecond;
  const botBurst = options.botBurst ?? options.botPerSecond;
  const laneArgs = (lane: Lane) => [
    lane.windowMs && lane.intervalMs > 0 ? 'window' : 'bucket',
    lane.intervalMs,
    lane.burst,
    lane.windowMs ?? 0,
  ];
  return {
    take: (lane, reserve) =>
      redis.perceptronTakeTurn(
        `${prefix}lane:${lane.key}`,
        `${prefix}bot`,
        `${prefix}pause:${lane.key}`,
        `${prefix}sequence`,
        ...laneArgs(lane),
        botMs,
        botBurst,
        reserve,
      ),
    async pause(lane, ms) {
      await redis.perceptronPauseLane(
        `${prefix}lane:${lane.key}`,
        `${prefix}pause:${lane.key}`,
        ...laneArgs(lane),
        Math.max(1, Math.ceil(ms)),
      );
    },
  };
}

/**
 * A Redis connection for the limits: a command fails at once while the connection is down, and after
 * `commandTimeoutMs` when Redis does not answer, so that sending goes on with the local limits instead of
 * waiting; it reconnects by itself.
 */
export function connectLimitsRedis(url: string, commandTimeoutMs = 1000): Redis {
  return new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectionName: 'perceptron-limits',
    retryStrategy: (times) => Math.min(times * 100, 2000),
  });
}

/** Resolves once the connection is ready, or after `ms` (then the limits start local, and move over later). */
export function whenReady(redis: Redis, ms: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    redis.on('ready', onReady);
  });
}
