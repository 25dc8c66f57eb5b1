-- wrk script: each request follows a random one of the seeded links (CODES names the file of codes).
local codes = {}
for line in io.lines(os.getenv("CODES")) do codes[#codes + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/r/" .. codes[math.random(#codes)], { ["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 wrk" })
end
