-- The code bench's browsers, on a session signed in beforehand (by the Node side); each connection
-- carries one request at a time:
--   GET authorize (session cookie, fixed PKCE S256 challenge) -> 302/303 to the redirect URI with
--   a code -> POST token (code, verifier, client_secret_post) -> ID, access and refresh tokens.
-- wrk's callbacks do not say which connection an answer came on, so a thread's Lua state keeps a
-- queue of next steps instead of one browser: an answer queues its flow's next request, and a
-- connection with nothing queued starts a new flow. A flow's time runs from its authorize request
-- to the answer whose ID token carries its nonce. This lets a few wrk threads drive all the
-- connections: with one thread per connection, wrk's threads spin on their sockets while a busy
-- server completes the TLS handshakes (docs/performance.md, item 27).
-- Every token answer (after a code or a refresh) must carry an ID token and an access token that
-- are JWTs (both servers sign two RS256 tokens each time) and a refresh token.
-- args: mode ("flow": count whole flows; "refresh": one flow for a refresh token, then count its
-- redemptions, each with the refresh token the last one returned), the Cookie header, the redirect
-- URI, the token path, then three templates built by the Node side with URLSearchParams (so the
-- encoding is the one the Node client sent): the authorize path and query with __STATE__ and
-- __NONCE__, the code redemption form with __CODE__, the refresh form with __REFRESH__.
local report = require("report")
setup = report.setup
done = report.done

local function split(template, marker)
  local at = string.find(template, marker, 1, true)
  return string.sub(template, 1, at - 1), string.sub(template, at + #marker)
end

-- application/x-www-form-urlencoded as URLSearchParams writes it, and its reading.
local function formEncode(text)
  local encoded = string.gsub(text, "[^%w%*%-%._ ]", function(c)
    return string.format("%%%02X", string.byte(c))
  end)
  return (string.gsub(encoded, " ", "+"))
end
local function formDecode(text)
  local spaced = string.gsub(text, "+", " ")
  return (string.gsub(spaced, "%%(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end))
end

-- 16 hex digits, as the Node client's randomBytes(8).toString("hex") for state and nonce.
local function hex16()
  return string.format("%04x%04x%04x%04x", math.random(0, 65535), math.random(0, 65535),
    math.random(0, 65535), math.random(0, 65535))
end

local function header(headers, name)
  for key, value in pairs(headers) do
    if string.lower(key) == name then return value end
  end
  return nil
end

local function isJwt(body, name)
  return string.find(body, '"' .. name .. '":"eyJ', 1, true) ~= nil
end

-- The nonce of an ID token (its payload decoded from base64url), or nil.
local alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local sextet = {}
for i = 1, 64 do sextet[string.byte(alphabet, i)] = i - 1 end
local function nonceOf(jwt)
  local payload = string.match(jwt, "^[^.]+%.([^.]+)")
  if not payload then return nil end
  local bytes, bits, value = {}, 0, 0
  for i = 1, #payload do
    value = value * 64 + (sextet[string.byte(payload, i)] or 0)
    bits = bits + 6
    if bits >= 8 then
      bits = bits - 8
      local byte = math.floor(value / 2 ^ bits)
      bytes[#bytes + 1] = string.char(byte)
      value = value - byte * 2 ^ bits
    end
  end
  return string.match(table.concat(bytes), '"nonce":"([^"]+)"')
end

function init(args)
  math.randomseed(id * 7919 + os.time())
  mode, redirectUri, tokenPath = args[1], args[3], args[4]
  authorizeHeaders = { ["Accept"] = "text/html", ["Cookie"] = args[2] }
  formHeaders = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  authorizeHead, authorizeRest = split(args[5], "__STATE__")
  authorizeMiddle, authorizeTail = split(authorizeRest, "__NONCE__")
  codeHead, codeTail = split(args[6], "__CODE__")
  refreshHead, refreshTail = split(args[7], "__REFRESH__")
  queue, first, last, startedAt = {}, 1, 0, {}
  completed, failures, sample, latencies = 0, 0, "", {}
end

function request()
  if first <= last then
    local next = queue[first]
    queue[first] = nil
    first = first + 1
    if next.code then
      return wrk.format("POST", tokenPath, formHeaders, codeHead .. formEncode(next.code) .. codeTail)
    end
    return wrk.format("POST", tokenPath, formHeaders, refreshHead .. formEncode(next.refresh) .. refreshTail)
  end
  local nonce = hex16()
  startedAt[nonce] = report.ms()
  local path = authorizeHead .. hex16() .. authorizeMiddle .. nonce .. authorizeTail
  return wrk.format("GET", path, authorizeHeaders)
end

local function push(step)
  last = last + 1
  queue[last] = step
end

-- A counted flow or redemption (a flow with its time: a redemption's is wrk's request latency);
-- the first answer is kept for the Node side to decode.
local function count(body, started)
  completed = completed + 1
  if started then latencies[#latencies + 1] = report.ms() - started end
  if sample == "" then sample = body end
end

function response(status, headers, body)
  if status >= 300 and status < 400 then
    -- On a session, both servers answer authorize with the code at once; any other answer fails.
    local location = header(headers, "location") or ""
    local found = string.sub(location, 1, #redirectUri) == redirectUri
      and string.match(location, "[?&]code=([^&]+)")
    if not found then
      failures = failures + 1
      return
    end
    push({ code = formDecode(found) })
    return
  end
  local rotated = string.match(body, '"refresh_token":"([^"]+)"')
  local idToken = string.match(body, '"id_token":"([^"]+)"')
  if status ~= 200 or not rotated or not idToken or not isJwt(body, "access_token") or not isJwt(body, "id_token") then
    failures = failures + 1
    return
  end
  -- A code's answer carries the flow's nonce; a refresh's does not, or its flow is long done.
  local nonce = nonceOf(idToken)
  local started = nonce and startedAt[nonce]
  if started then startedAt[nonce] = nil end
  if mode == "flow" then
    if started then count(body, started) else failures = failures + 1 end
    return
  end
  if not started then count(body, nil) end
  push({ refresh = rotated })
end
