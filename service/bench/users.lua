-- wrk script: each request asks for a random user's recommendations.
-- Usage (see service/README.md): wrk -t2 -c8 -d20s -s users.lua 'http://127.0.0.1:8080/api/v1/users/{u}/recommendations?k=20'
-- The {u} in the URL's path is replaced by a user id drawn uniformly from 0 .. USERS-1 (default
-- 1872, Last.FM). No response() hook: one makes wrk read every body in Lua, and on 2 cores wrk then
-- takes CPU from the service it measures (matrix.sh counts status codes from the service's metrics).
local users = tonumber(os.getenv("USERS") or "1872")
local template

init = function(args)
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

request = function()
  if template == nil then
    template = wrk.path
  end
  local path = template:gsub("{u}", tostring(math.random(0, users - 1)))
  return wrk.format("GET", path)
end
