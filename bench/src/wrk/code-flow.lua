-- The code bench's browser: run with one connection per wrk thread, so each thread's Lua state is
-- one sequential browser on a session signed in beforehand (by the Node side):
--   GET authorize (session cookie, fixed PKCE S256 challenge) -> 302/303 to the redirect URI with
--   a code -> POST token (code, verifier, client_secret_post) -> ID, access and refresh tokens.
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

function init(args)
  math.randomseed(id * 7919 + os.time())
  mode, redirectUri, tokenPath = args[1], args[3], args[4]
  authorizeHeaders = { ["Accept"] = "text/html", ["Cookie"] = args[2] }
  formHeaders = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  authorizeHead, authorizeRest = split(args[5], "__STATE__")
  authorizeMiddle, authorizeTail = split(authorizeRest, "__NONCE__")
  codeHead, codeTail = split(args[6], "__CODE__")
  refreshHead, refreshTail = split(args[7], "__REFRESH__")
  step, code, refreshToken, started = "authorize", "", "", 0
  completed, failures, sample, latencies = 0, 0, "", {}
end

function request()
  if step == "authorize" then
    started = report.ms()
    local path = authorizeHead .. hex16() .. authorizeMiddle .. hex16() .. authorizeTail
    return wrk.format("GET", path, authorizeHeaders)
  elseif step == "code" then
    return wrk.format("POST", tokenPath, formHeaders, codeHead .. formEncode(code) .. codeTail)
  end
  started = report.ms()
  return wrk.format("POST", tokenPath, formHeaders, refreshHead .. formEncode(refreshToken) .. refreshTail)
end

local function fail()
  failures = failures + 1
  step = "authorize"
end

-- A counted flow or redemption: its time, and the first answer kept for the Node side to decode.
local function count(body)
  completed = completed + 1
  latencies[#latencies + 1] = report.ms() - started
  if sample == "" then sample = body end
end

function response(status, headers, body)
  if step == "authorize" then
    -- On a session, both servers answer with the code at once; any other answer is a failure.
    local location = header(headers, "location") or ""
    local found = string.sub(location, 1, #redirectUri) == redirectUri
      and string.match(location, "[?&]code=([^&]+)")
    if status < 300 or status >= 400 or not found then return fail() end
    code, step = formDecode(found), "code"
    return
  end
  local rotated = string.match(body, '"refresh_token":"([^"]+)"')
  if status ~= 200 or not rotated or not isJwt(body, "access_token") or not isJwt(body, "id_token") then
    return fail()
  end
  if step == "code" and mode == "flow" then
    count(body)
    step = "authorize"
    return
  end
  if step == "refresh" then count(body) end
  refreshToken, step = rotated, "refresh"
end
