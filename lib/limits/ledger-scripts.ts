/**
 * The Redis ledger's Lua scripts. Hand-written because no library reserves a variable amount against two
 * budgets and a concurrency cap at once: rate-limiter-flexible counts points per fixed window, and its
 * consume-then-reward would let two instances both pass a check that only one of them should. Redis runs a
 * script atomically, so the sweep, the check and the reservation below see no other instance in between.
 *
 * Keys of one access key share the hash tag `{keyId}` (one cluster slot). Amounts are micro-dollars (integers).
 * A reservation is the hash field `admissionId` = `amount|day|month|expiresAtMs` of `<prefix>:res`; what is
 * settled is `<prefix>:day:<YYYY-MM-DD>` and `<prefix>:month:<YYYY-MM>` (INCRBY, expiring after the period).
 */

/** Shared by both scripts: charge `amount` to a reservation's day and month. */
const CHARGE = `
local function charge(prefix, day, month, amount, dayTtl, monthTtl)
  local dk = prefix .. ':day:' .. day
  local mk = prefix .. ':month:' .. month
  redis.call('INCRBY', dk, amount)
  redis.call('EXPIRE', dk, dayTtl)
  redis.call('INCRBY', mk, amount)
  redis.call('EXPIRE', mk, monthTtl)
end
local function parse(value)
  local amount, day, month, expires = string.match(value, '^(%d+)|([^|]+)|([^|]+)|(%d+)$')
  return tonumber(amount), day, month, tonumber(expires)
end
`;

/**
 * ARGV: prefix, now, id, expiresAt, amount, day, month, concurrent, dailyMax, monthlyMax, dayTtl, monthTtl
 * (a limit of -1 means none). Returns 'ok', 'too_many_runs', 'daily_budget' or 'monthly_budget'.
 */
export const RESERVE_SCRIPT = `${CHARGE}
local prefix, now, id = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local expiresAt, amount, day, month = ARGV[4], tonumber(ARGV[5]), ARGV[6], ARGV[7]
local concurrent, dailyMax, monthlyMax = tonumber(ARGV[8]), tonumber(ARGV[9]), tonumber(ARGV[10])
local dayTtl, monthTtl = tonumber(ARGV[11]), tonumber(ARGV[12])
local res = prefix .. ':res'
local all = redis.call('HGETALL', res)
local inFlight, reservedDay, reservedMonth = 0, 0, 0
for i = 1, #all, 2 do
  local a, d, m, e = parse(all[i + 1])
  if e <= now then
    -- A hold that lapsed (its instance died): free the slot, charge the worst case it may have spent.
    redis.call('HDEL', res, all[i])
    charge(prefix, d, m, a, dayTtl, monthTtl)
  else
    inFlight = inFlight + 1
    if d == day then reservedDay = reservedDay + a end
    if m == month then reservedMonth = reservedMonth + a end
  end
end
if concurrent >= 0 and inFlight >= concurrent then return 'too_many_runs' end
local spentDay = tonumber(redis.call('GET', prefix .. ':day:' .. day) or '0')
local spentMonth = tonumber(redis.call('GET', prefix .. ':month:' .. month) or '0')
if monthlyMax >= 0 and spentMonth + reservedMonth + amount > monthlyMax then return 'monthly_budget' end
if dailyMax >= 0 and spentDay + reservedDay + amount > dailyMax then return 'daily_budget' end
redis.call('HSET', res, id, amount .. '|' .. day .. '|' .. month .. '|' .. expiresAt)
return 'ok'
`;

/** ARGV: prefix, id, actual, dayTtl, monthTtl. Charges min(actual, reserved); 0 when already settled or lapsed. */
export const SETTLE_SCRIPT = `${CHARGE}
local prefix, id, actual = ARGV[1], ARGV[2], tonumber(ARGV[3])
local res = prefix .. ':res'
local value = redis.call('HGET', res, id)
if not value then return 0 end
local a, d, m = parse(value)
redis.call('HDEL', res, id)
charge(prefix, d, m, math.min(math.max(actual, 0), a), tonumber(ARGV[4]), tonumber(ARGV[5]))
return 1
`;
