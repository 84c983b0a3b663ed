-- Counts the HTTP status of every answer wrk gets, so bench/pages.mjs can fail on anything but the
-- status a row expects (wrk itself only counts statuses >= 400: a 301 would pass for a page).
-- Each wrk thread has a Lua state of its own: `done` reads their tables through the thread handles.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      io.write(string.format("status %d %d\n", status, count))
    end
  end
end
