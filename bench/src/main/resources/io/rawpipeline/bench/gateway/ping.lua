-- wrk script of pipeline bench gateway. One realistic ping, sent as is on every request (wrk's fast path: no Lua
-- per request), unless PING_DELAY_MS is set: then each connection waits that long before each request, so the rate
-- is about connections * 1000 / (PING_DELAY_MS + the answer's latency) pings a second.
wrk.method = "GET"
wrk.path = "/security?id=qmz3k6ewxjfyjp1cxaxwh5r7ic&b=9.11.2.9876543210.abcdef0123456789.true&be=true"
        .. "&db=postgres&os=linux&uc=152&tc=4&auc=87&ut=0"
wrk.headers["User-Agent"] = "Go-http-client/1.1"
wrk.headers["X-Forwarded-For"] = "203.0.113.42, 10.1.2.3"

local delay_ms = tonumber(os.getenv("PING_DELAY_MS"))
if delay_ms then
    function delay()
        return delay_ms
    end
end

-- one machine-readable line for the bench: 200s = requests - non2xx (the gateway answers 200 or >= 400)
function done(summary, latency, requests)
    io.write(string.format("WRK requests=%d non2xx=%d duration_us=%d p50_us=%.0f p90_us=%.0f p99_us=%.0f "
            .. "max_us=%.0f connect_errors=%d read_errors=%d write_errors=%d timeouts=%d\n",
            summary.requests, summary.errors.status, summary.duration, latency:percentile(50),
            latency:percentile(90), latency:percentile(99), latency.max, summary.errors.connect,
            summary.errors.read, summary.errors.write, summary.errors.timeout))
end
