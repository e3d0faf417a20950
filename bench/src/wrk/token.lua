-- The token bench's request, repeated on every connection: args = method, urlencoded body (POST),
-- and the text every good answer contains ("" for a status check only). An answer without it
-- counts as a failure; each thread keeps its first answer for the Node side to decode.
local report = require("report")
setup = report.setup
done = report.done

function init(args)
  wrk.method = args[1]
  if args[1] == "POST" then
    wrk.body = args[2]
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
  end
  expected = args[3] or ""
  failures = 0
  sample = ""
end

function response(status, headers, body)
  if status >= 400 or (expected ~= "" and not string.find(body, expected, 1, true)) then
    failures = failures + 1
  end
  if sample == "" then sample = body end
end
